"""Writes to the registers: letters, complaints, disclosures and committee reports."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actiontracker.versioning import check_version, locked, stored_values
from correspondence.models import (
    CommitteeReport,
    Complaint,
    Correspondence,
    Recommendation,
    TransparencyDisclosure,
)
from correspondence.validators import validate_letter_pdf
from meetings import deadlines


def reply_due_date(sent_on: datetime.date, committee=None) -> datetime.date:
    """The day a reply is due: 20 working days after the letter was sent, skipping the
    bank holidays of the committee's nation (the deadline engine's rule)."""
    return deadlines.reply_due(sent_on, committee).due


# Fields of a letter an officer enters; the form and the service share the list.
CORRESPONDENCE_FIELDS = (
    "committee",
    "direction",
    "date",
    "received_on",
    "sender",
    "recipient",
    "organisation",
    "subject",
    "summary",
    "reference",
    "in_reply_to",
    "reply_due",
    "drafted_by",
    "drafted_on",
    "cleared_by_line_manager",
    "cleared_by_line_manager_on",
    "cleared_by_chief_executive",
    "cleared_by_chief_executive_on",
)


def open_for_change(model, instance, expected_version: int | None, data: dict):
    """The record to change: new, or the stored one locked and checked against the version
    the editor's form was opened at (StaleEditError when someone saved it since)."""
    if instance is None or instance.pk is None:
        return instance or model()
    current = locked(model, instance.pk)
    check_version(current, expected_version, data)
    return current


def save_if_changed(record, before: dict | None, *, also_changed: bool = False) -> bool:
    """Save a record with its version raised, if anything changed; the one place each
    register's version goes up. A save that changes nothing writes nothing."""
    if before is not None:
        if stored_values(record) == before and not also_changed:
            return False
        record.version += 1
    record.save()
    return True


def apply_fields(instance, data: dict, allowed: Iterable[str]) -> None:
    unknown = set(data) - set(allowed)
    if unknown:
        raise TypeError(f"Unknown fields: {', '.join(sorted(unknown))}")
    for name, value in data.items():
        setattr(instance, name, value)


@transaction.atomic
def correspondence_record(
    *,
    data: dict,
    answers: Iterable = (),
    file=None,
    reply_expected: bool = True,
    instance: Correspondence | None = None,
    expected_version: int | None = None,
) -> Correspondence:
    """Record (or update) a letter sent or received.

    A letter we sent that expects a reply gets a reply due date 20 working days on unless
    one was given; an uploaded letter must be a readable PDF, and nothing is written otherwise.
    A change made from a form opened before someone else's save is refused (StaleEditError).
    """
    data = dict(data)
    letter = open_for_change(Correspondence, instance, expected_version, data)
    previous_file = stored_file_name(letter)
    before = stored_values(letter) if letter.pk else None
    answers = list(answers)
    answers_changed = before is not None and {_key(a) for a in answers} != set(
        letter.answers.values_list("pk", flat=True)
    )
    stored_due, stored_computed = letter.reply_due, letter.reply_due_computed
    apply_fields(letter, data, CORRESPONDENCE_FIELDS)
    reply_due_settle(letter, reply_expected, stored_due, stored_computed)
    if file is not None:
        validate_letter_pdf(file)
        letter.file = file
    letter.full_clean(exclude=["file"])
    try:
        if not save_if_changed(letter, before, also_changed=answers_changed or file is not None):
            return letter
        letter.answers.set(answers)
    except Exception:
        # The file reaches the storage during save(); leave no orphan behind a failed write.
        if file is not None and letter.file.name:
            letter.file.storage.delete(letter.file.name)
        raise
    remove_file_after_commit(letter.file.storage, previous_file, keep=letter.file.name)
    return letter


def reply_due_settle(letter, reply_expected: bool, stored_due, stored_computed: bool) -> None:
    """A sent letter expecting a reply: the engine's due date unless an officer typed
    another; one the engine worked out and left as it was follows the letter's date and
    committee. ``reply_due_computed`` says which, so only the engine's dates are recomputed."""
    committee = letter.committee if letter.committee_id else None
    if letter.direction != Correspondence.Direction.SENT or not reply_expected:
        letter.reply_due, letter.reply_due_computed = None, False
    elif letter.reply_due is None or (stored_computed and letter.reply_due == stored_due):
        letter.reply_due = reply_due_date(letter.date, committee)
        letter.reply_due_computed = True
    else:
        letter.reply_due_computed = letter.reply_due == reply_due_date(letter.date, committee)


def _key(value):
    return getattr(value, "pk", value)


def stored_file_name(letter: Correspondence) -> str:
    """The file the stored record names (not the instance's, which a form may have changed)."""
    if letter.pk is None:
        return ""
    return (
        Correspondence.all_objects.filter(pk=letter.pk).values_list("file", flat=True).first() or ""
    )


def remove_file_after_commit(storage, name: str, *, keep: str = "") -> None:
    """Remove a file a letter no longer names, once the change that dropped it commits.

    A change rolled back still names the old file, so it stays; a file another letter
    names (none should) stays too.
    """
    if not name or name == keep:
        return

    def remove():
        if not Correspondence.all_objects.filter(file=name).exists():
            storage.delete(name)

    transaction.on_commit(remove)


@transaction.atomic
def correspondence_delete(*, letter: Correspondence) -> Correspondence:
    """Delete a letter: it leaves the register, the letters a new paper proposes and the
    choices of the forms, but stays on record with its file, restorable. The papers that
    have it as an appendix keep it, as do the follow-ups and replies that name it."""
    current = Correspondence.all_objects.select_for_update().get(pk=letter.pk)
    if current.deleted_at is None:
        before = stored_values(current)
        current.deleted_at = timezone.now()
        save_if_changed(current, before)
    return current


@transaction.atomic
def correspondence_restore(*, letter: Correspondence) -> Correspondence:
    """Bring a deleted letter back to the register."""
    current = Correspondence.all_objects.select_for_update().get(pk=letter.pk)
    if current.deleted_at is not None:
        before = stored_values(current)
        current.deleted_at = None
        save_if_changed(current, before)
    return current


COMPLAINT_FIELDS = (
    "committee",
    "received_on",
    "concerning",
    "public_summary",
    "confidential_details",
    "decision",
    "reasons",
    "decided_on",
    "responsible_officer",
    "deadline",
)


@transaction.atomic
def complaint_record(
    *,
    data: dict,
    instance: Complaint | None = None,
    can_see_confidential: bool = False,
    expected_version: int | None = None,
) -> Complaint:
    """Record (or update) a complaint. Only the Monitoring Officer writes confidential
    details. A change from a stale form is refused (StaleEditError)."""
    if "confidential_details" in data and not can_see_confidential:
        raise PermissionError("Only the Monitoring Officer may write confidential details.")
    complaint = open_for_change(Complaint, instance, expected_version, data)
    before = stored_values(complaint) if complaint.pk else None
    apply_fields(complaint, data, COMPLAINT_FIELDS)
    complaint.full_clean()
    save_if_changed(complaint, before)
    return complaint


DISCLOSURE_FIELDS = ("committee", "member", "contact_date", "with_whom", "details", "disclosed_on")


@transaction.atomic
def disclosure_record(
    *,
    data: dict,
    instance: TransparencyDisclosure | None = None,
    expected_version: int | None = None,
) -> TransparencyDisclosure:
    """Record (or update) a Member's transparency disclosure; a change from a stale form is
    refused (StaleEditError)."""
    disclosure = open_for_change(TransparencyDisclosure, instance, expected_version, data)
    before = stored_values(disclosure) if disclosure.pk else None
    apply_fields(disclosure, data, DISCLOSURE_FIELDS)
    disclosure.full_clean()
    save_if_changed(disclosure, before)
    return disclosure


REPORT_FIELDS = (
    "committee",
    "title",
    "agreed_on",
    "addressed_to",
    "responder",
    "response_letter",
    "response_meeting",
    "background",
    "issues_for_consideration",
)
RECOMMENDATION_FIELDS = ("number", "text", "sub_points", "response", "outcome")


@transaction.atomic
def report_record(
    *,
    data: dict,
    recommendations: Iterable[dict],
    instance: CommitteeReport | None = None,
    expected_version: int | None = None,
) -> CommitteeReport:
    """Record (or update) a committee report and replace its numbered recommendations.

    Each recommendation is a dict of number, text, sub_points (a list), response, outcome.
    A change from a stale form is refused (StaleEditError); the version goes up when the
    report or its recommendations change.
    """
    report = open_for_change(CommitteeReport, instance, expected_version, data)
    before = stored_values(report) if report.pk else None
    wanted = list(recommendations)
    apply_fields(report, data, REPORT_FIELDS)
    report.full_clean()
    if before is not None:
        recommendations_changed = _recommendation_values(report) != _recommendation_values(
            None, wanted
        )
        if not save_if_changed(report, before, also_changed=recommendations_changed):
            return report
    else:
        report.save()
    numbers = [r["number"] for r in wanted]
    if len(numbers) != len(set(numbers)):
        raise ValidationError("Each recommendation needs its own number.")
    report.recommendations.exclude(number__in=numbers).delete()
    existing = {r.number: r for r in report.recommendations.all()}
    for values in wanted:
        recommendation = existing.get(values["number"]) or Recommendation(report=report)
        apply_fields(recommendation, values, RECOMMENDATION_FIELDS)
        recommendation.sub_points = [p.strip() for p in recommendation.sub_points if p.strip()]
        recommendation.full_clean()
        recommendation.save()
    return report


def _recommendation_values(report, wanted=None) -> list[tuple]:
    """A report's recommendations (stored, or as given) in a form to compare."""
    rows = wanted if report is None else report.recommendations.values(*RECOMMENDATION_FIELDS)
    return sorted(
        (
            r["number"],
            r["text"],
            [p.strip() for p in r["sub_points"] if p.strip()],
            r["response"],
            r["outcome"],
        )
        for r in rows
    )

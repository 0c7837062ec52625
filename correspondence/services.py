"""Writes to the registers: letters, complaints, disclosures and committee reports."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

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
) -> Correspondence:
    """Record (or update) a letter sent or received.

    A letter we sent that expects a reply gets a reply due date 20 working days on unless
    one was given; an uploaded letter must be a readable PDF, and nothing is written otherwise.
    """
    letter = instance or Correspondence()
    previous_file = stored_file_name(letter)
    data = dict(data)
    apply_fields(letter, data, CORRESPONDENCE_FIELDS)
    if letter.direction != Correspondence.Direction.SENT or not reply_expected:
        letter.reply_due = None
    elif letter.reply_due is None:
        committee = letter.committee if letter.committee_id else None
        letter.reply_due = reply_due_date(letter.date, committee)
    if file is not None:
        validate_letter_pdf(file)
        letter.file = file
    letter.full_clean(exclude=["file"])
    try:
        letter.save()
        letter.answers.set(answers)
    except Exception:
        # The file reaches the storage during save(); leave no orphan behind a failed write.
        if file is not None and letter.file.name:
            letter.file.storage.delete(letter.file.name)
        raise
    remove_file_after_commit(letter.file.storage, previous_file, keep=letter.file.name)
    return letter


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
        current.deleted_at = timezone.now()
        current.save(update_fields=["deleted_at"])
    return current


@transaction.atomic
def correspondence_restore(*, letter: Correspondence) -> Correspondence:
    """Bring a deleted letter back to the register."""
    current = Correspondence.all_objects.select_for_update().get(pk=letter.pk)
    if current.deleted_at is not None:
        current.deleted_at = None
        current.save(update_fields=["deleted_at"])
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
    *, data: dict, instance: Complaint | None = None, can_see_confidential: bool = False
) -> Complaint:
    """Record (or update) a complaint. Only the Monitoring Officer writes confidential details."""
    complaint = instance or Complaint()
    if "confidential_details" in data and not can_see_confidential:
        raise PermissionError("Only the Monitoring Officer may write confidential details.")
    apply_fields(complaint, data, COMPLAINT_FIELDS)
    complaint.full_clean()
    complaint.save()
    return complaint


DISCLOSURE_FIELDS = ("committee", "member", "contact_date", "with_whom", "details", "disclosed_on")


@transaction.atomic
def disclosure_record(
    *, data: dict, instance: TransparencyDisclosure | None = None
) -> TransparencyDisclosure:
    """Record (or update) a Member's transparency disclosure."""
    disclosure = instance or TransparencyDisclosure()
    apply_fields(disclosure, data, DISCLOSURE_FIELDS)
    disclosure.full_clean()
    disclosure.save()
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
) -> CommitteeReport:
    """Record (or update) a committee report and replace its numbered recommendations.

    Each recommendation is a dict of number, text, sub_points (a list), response, outcome.
    """
    report = instance or CommitteeReport()
    apply_fields(report, data, REPORT_FIELDS)
    report.full_clean()
    report.save()
    wanted = list(recommendations)
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

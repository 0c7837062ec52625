"""Writes to papers: create with the defaults, edit while draft, publish (freeze), delete
and restore a draft, and link a received reply to the actions it answers.

A published paper never changes and is never deleted: every write here refuses it."""

import datetime as dt
from collections.abc import Iterable
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actions.models import Action
from actions.services import action_set_status, actions_mark_reported
from actiontracker.pdf import html_to_pdf
from actiontracker.versioning import check_version, stored_values
from correspondence.models import CommitteeReport, Correspondence
from correspondence.services import apply_fields
from meetings.models import Committee, Meeting
from papers import appendices, notify, periods, selectors
from papers.models import (
    PAPER_CLOSING_FIELDS,
    PAPER_HEADER_FIELDS,
    Paper,
    PaperCorrespondence,
)
from papers.render import published_copy, published_document

EDITABLE_FIELDS = (
    *PAPER_HEADER_FIELDS,
    "period_start",
    "period_end",
    "complaints_delegation_text",
    "complaints_status_text",
    "transparency_procedure_text",
    "transparency_status_text",
    "additional_correspondence_intro",
    "additional_correspondence_text",
    *PAPER_CLOSING_FIELDS,
)


class PaperPublished(ValidationError):
    """The paper is published: it is frozen and cannot change."""


@transaction.atomic
def paper_create(*, meeting: Meeting, by=None) -> Paper:
    """Create the summary paper for a meeting, with its period, header and the period's
    letters proposed (letters sent go into section 4)."""
    committee = meeting.committee
    paper = Paper(
        meeting=meeting,
        kind=Paper.Kind.SUMMARY,
        report_to=committee.name,
        report_of=committee.report_of,
    )
    previous = selectors.previous_published_paper(paper)
    paper.period_start = selectors.default_period_start(paper, previous)
    # The start follows the last paper; a meeting soon after it gets a one-day period.
    paper.period_end = max(selectors.default_period_end(meeting), paper.period_start)
    paper.full_clean()
    paper.save()
    letters = selectors.default_letters(paper, paper.period_start, paper.period_end)
    PaperCorrespondence.objects.bulk_create(
        PaperCorrespondence(
            paper=paper,
            correspondence=letter,
            position=i,
            in_additional_section=letter.direction == Correspondence.Direction.SENT,
        )
        for i, letter in enumerate(letters)
    )
    paper.contact_officers.set(committee.contact_officers.all())
    return paper


def _refuse_if_published(paper: Paper):
    if paper.is_published:
        raise PaperPublished("This paper is published and can no longer be changed.")


def _locked_draft(paper: Paper) -> Paper:
    """The stored paper, locked until the transaction ends; refused if published or deleted."""
    current = Paper.all_objects.select_for_update().get(pk=paper.pk)
    _refuse_if_published(current)
    if current.is_deleted:
        raise ValidationError("This paper has been deleted; restore it first.")
    return current


@transaction.atomic
def paper_delete(*, paper: Paper) -> Paper:
    """Delete a draft paper: it leaves the papers list but stays on record, with its texts
    and letters, and can be restored. A published paper is never deleted."""
    current = _locked_draft(paper)
    before = paper_contents(current)
    current.deleted_at = timezone.now()
    current.save(update_fields=["deleted_at", "updated_at"])
    paper_raise_version(current, before)
    return current


@transaction.atomic
def paper_restore(*, paper: Paper) -> Paper:
    """Bring a deleted draft back, unless its meeting has another paper of its kind now."""
    current = Paper.all_objects.select_for_update().get(pk=paper.pk)
    if not current.is_deleted:
        return current
    if Paper.objects.filter(meeting_id=current.meeting_id, kind=current.kind).exists():
        raise ValidationError(
            "This meeting has another paper of this kind now: delete that one first to "
            "restore this one."
        )
    before = paper_contents(current)
    current.deleted_at = None
    current.save(update_fields=["deleted_at", "updated_at"])
    paper_raise_version(current, before)
    return current


@transaction.atomic
def paper_update(
    *,
    paper: Paper,
    data: dict,
    letters: Iterable[Correspondence] | None = None,
    section_four: Iterable[Correspondence] | None = None,
    contact_officers=None,
    paragraphs: dict[int, str] | None = None,
    expected_version: int | None = None,
) -> Paper:
    """Change a draft paper's texts, period, letters and contact officers.

    ``paragraphs`` maps a letter's id to the officer's wording of its section 4 paragraph
    (blank: the generated wording); letters not named keep theirs. A change from a form
    opened before someone else's save is refused (StaleEditError); the version goes up
    when anything changed."""
    paper = _locked_draft(paper)
    check_version(paper, expected_version, data)
    before = paper_contents(paper)
    for name, value in data.items():
        if name not in EDITABLE_FIELDS:
            raise ValueError(f"{name} is not an editable field of a paper")
        setattr(paper, name, value)
    errors = periods.period_errors(paper=paper, start=paper.period_start, end=paper.period_end)
    if errors:
        raise ValidationError(errors)
    paper.full_clean()
    paper.save()
    if letters is not None:
        letters = list(letters)
        in_section = {x.pk for x in section_four or []}
        current = {pc.correspondence_id: pc for pc in paper.letters.all()}
        paper.letters.exclude(correspondence__in=letters).delete()
        for i, letter in enumerate(sorted(letters, key=lambda x: (x.date, x.pk))):
            row = current.get(letter.pk) or PaperCorrespondence(paper=paper, correspondence=letter)
            row.position = i
            row.in_additional_section = letter.pk in in_section
            row.save()
    if paragraphs:
        for row in paper.letters.filter(correspondence_id__in=list(paragraphs)):
            row.paragraph_text = paragraphs[row.correspondence_id].strip()
            row.full_clean()
            row.save(update_fields=["paragraph_text"])
    if contact_officers is not None:
        paper.contact_officers.set(contact_officers)
    paper_raise_version(paper, before)
    return paper


def paper_raise_version(paper: Paper, before: tuple) -> None:
    """Raise a saved paper's version if anything changed since ``before`` (its
    ``paper_contents``): the one place a paper's version goes up, so an edit form opened
    before the change is refused."""
    if paper_contents(paper) != before:
        paper.version += 1
        paper.save(update_fields=["version"])


def paper_contents(paper: Paper) -> tuple:
    """What a change of a paper may change, to tell whether it did."""
    rows = paper.letters.order_by("correspondence_id").values_list(
        "correspondence_id", "position", "in_additional_section", "paragraph_text"
    )
    officers = paper.contact_officers.order_by("pk").values_list("pk", flat=True)
    return stored_values(paper), list(rows), list(officers)


class AlreadyPublished(ValidationError):
    """Someone else published the paper first."""


def paper_publish(*, paper: Paper, by=None, on: dt.date | None = None) -> Paper:
    """Freeze the paper: store its HTML (what its page shows from now on), the actions it
    lists and its PDF (made from that HTML), mark it published and mark the completed and
    closed actions it shows as reported, so the next paper drops them. A summary paper's
    period is fixed first (``periods.publish_period``; ``on`` is the day of publishing,
    today unless given), so it follows the last published paper's without a gap.

    Safe against a double press: the status changes by a conditional update, so of two
    concurrent publishes one wins and the other is refused. A committee's papers are
    published one at a time, so two cannot both take the period after the last one.
    """
    _refuse_if_published(paper)
    on = on or timezone.localdate()
    period = periods.publish_period(paper=paper, on=on)
    paper.period_start, paper.period_end = period
    copy = published_copy(paper)
    pdf = html_to_pdf(published_document(paper, copy.html))
    with transaction.atomic():
        Committee.objects.select_for_update().filter(pk=paper.meeting.committee_id).first()
        if periods.publish_period(paper=paper, on=on) != period:
            raise ValidationError("Another paper was published meanwhile: publish this one again.")
        won = Paper.objects.filter(pk=paper.pk, status=Paper.Status.DRAFT).update(
            period_start=period[0],
            period_end=period[1],
            status=Paper.Status.PUBLISHED,
            pdf=pdf,
            published_html=copy.html,
            published_action_ids=copy.action_ids,
            published_at=timezone.now(),
            published_by=by,
            updated_at=timezone.now(),
        )
        if not won:
            if Paper.all_objects.filter(pk=paper.pk, deleted_at__isnull=False).exists():
                raise ValidationError("This paper has been deleted; restore it first.")
            raise AlreadyPublished("This paper has already been published.")
        actions_mark_reported(actions=copy.finished, paper=paper)
        # Opted-in users hear of it only once it is published for good.
        transaction.on_commit(partial(notify.paper_notify_published, paper_id=paper.pk))
    paper.refresh_from_db()
    return paper


def paper_store_published_pdf(*, paper_id: int, document: str) -> bool:
    """Store the PDF of a published paper that has none yet, made from ``document`` (the
    paper's HTML as it was published): an imported paper's is made once its import
    commits, so the render holds no lock. Never replaces a stored PDF."""
    pdf = html_to_pdf(document)
    return bool(
        Paper.objects.filter(pk=paper_id, status=Paper.Status.PUBLISHED, pdf__isnull=True).update(
            pdf=pdf
        )
    )


@transaction.atomic
def reply_link_actions(
    *,
    letter: Correspondence,
    actions: Iterable[Action],
    complete: bool = False,
    on: dt.date | None = None,
) -> int | None:
    """Record that a received reply answers ``actions``; if the officer confirms
    (``complete``), complete them with "Attached at Appendix N." where N is the number the
    reply gets in the next paper. Returns N when completing."""
    if letter.direction != Correspondence.Direction.RECEIVED:
        raise ValidationError("Only a letter received can answer actions.")
    # One committee's replies are numbered one at a time: an officer linking another reply
    # at the same moment waits here, then counts this one (PostgreSQL row lock; SQLite's
    # writes are serialised already).
    Committee.objects.select_for_update().filter(pk=letter.committee_id).first()
    actions = list(
        Action.objects.select_for_update().filter(pk__in=[a.pk for a in actions]).order_by("pk")
    )
    letter.answers.add(*actions)
    paper = appendices.next_paper(letter)
    if paper is not None:
        PaperCorrespondence.objects.get_or_create(
            paper=paper,
            correspondence=letter,
            defaults={"position": paper.letters.count()},
        )
    if not complete:
        return None
    number = appendices.next_appendix_number(letter, actions)
    finished_on = letter.received_on or letter.date
    for action in actions:
        action_set_status(
            action=action,
            status=Action.Status.COMPLETED,
            note=f"Attached at Appendix {number}.",
            on=finished_on,
        )
    return number


RESPONSE_PAPER_FIELDS = (*PAPER_HEADER_FIELDS, *PAPER_CLOSING_FIELDS)


def response_paper_subject(report: CommitteeReport) -> str:
    return f"Response to the Committee's Report: {report.title}"


@transaction.atomic
def response_paper_record(
    *, report: CommitteeReport, data: dict, expected_version: int | None = None
):
    """Create or update the texts of the response paper considering ``report``.

    The paper belongs to the report's response meeting; a published paper is frozen. A
    change from a form opened before someone else's save is refused (StaleEditError).
    """
    if report.response_meeting_id is None:
        raise ValidationError("Set the meeting that considers the response first.")
    paper = (
        Paper.objects.select_for_update()
        .filter(meeting_id=report.response_meeting_id, kind=Paper.Kind.RESPONSE)
        .first()
    )
    if paper is None:
        paper = Paper(
            meeting_id=report.response_meeting_id,
            kind=Paper.Kind.RESPONSE,
            subject=response_paper_subject(report),
            report_to=report.committee.name,
            report_of=report.committee.report_of,
        )
    elif paper.is_published:
        raise ValidationError("This paper is published and can no longer be changed.")
    elif paper.committee_report_id not in (None, report.pk):
        raise ValidationError(
            "The response meeting already has a response paper for another report."
        )
    before = None
    if paper.pk:
        check_version(paper, expected_version, data)
        before = paper_contents(paper)
    paper.committee_report = report
    apply_fields(paper, data, RESPONSE_PAPER_FIELDS)
    paper.full_clean()
    paper.save()
    if before is not None:
        paper_raise_version(paper, before)
    return paper

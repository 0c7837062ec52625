"""Chaser letters: for one organisation, a letter from a committee's Chair listing its
outstanding actions (meeting, item, what was asked, since when, chases so far), made from
the records through the papers' PDF path, and once an officer approves it, a letter sent
in the correspondence register, with its reply due date from the deadline engine, chasing
each of its actions (a follow-up by letter).

Escalation: the chase schedule proposes a letter for the actions its committee's rule says
are due one (``actions.chasing.due_a_letter``), for an officer to approve.
"""

import datetime
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string

from actions.chasing import chases_due
from actions.models import Action, FollowUp
from actions.services import followup_record
from actiontracker.pdf import html_to_pdf
from correspondence.chaser_models import ChaserLetter
from correspondence.models import Correspondence
from correspondence.services import correspondence_record
from meetings import deadlines
from meetings.models import Committee, Organisation


def chair_of(committee: Committee) -> str:
    return f"Chair of the {committee.name}"


def outstanding_actions(organisation: Organisation, committee: Committee, date=None):
    """The organisation's outstanding actions from the committee's meetings (up to
    ``date``), with their items and chases so far, oldest meeting first."""
    actions = Action.objects.outstanding().filter(
        responsible_person__organisation=organisation, committee=committee
    )
    if date is not None:
        actions = actions.filter(meeting_date__lte=date)
    return (
        actions.select_related("agenda_item")
        .annotate(chase_count=Count("follow_ups"))
        .order_by("meeting_date", "agenda_item__position", "position", "pk")
    )


@dataclass(frozen=True)
class LetterText:
    """A chaser letter as rendered: its subject, its HTML and its reply deadline."""

    subject: str
    html: str
    reply_due: deadlines.Deadline


def chaser_letter_text(chaser: ChaserLetter, date: datetime.date) -> LetterText:
    """The letter dated ``date`` for the chaser's actions still outstanding."""
    committee, organisation = chaser.committee, chaser.organisation
    actions = list(
        outstanding_actions(organisation, committee).filter(pk__in=chaser.actions.values("pk"))
    )
    reply_due = deadlines.reply_due(date, committee)
    contact = getattr(organisation, "contact", None)
    subject = f"Outstanding actions of the {committee.name}"
    html = render_to_string(
        "correspondence/chaser_letter.html",
        {
            "subject": subject,
            "committee": committee,
            "organisation": organisation,
            "contact": contact,
            "chair": chair_of(committee),
            "actions": actions,
            "date": date,
            "reply_due": reply_due,
        },
    )
    return LetterText(subject=subject, html=html, reply_due=reply_due)


def chaser_letter_pdf(chaser: ChaserLetter, date: datetime.date) -> bytes:
    """The letter as a tagged PDF, through the papers' WeasyPrint path."""
    return html_to_pdf(chaser_letter_text(chaser, date).html)


@transaction.atomic
def chaser_letter_propose(
    *,
    organisation: Organisation,
    committee: Committee,
    actions,
    date: datetime.date,
    by=None,
    escalation: bool = False,
) -> tuple[ChaserLetter, bool]:
    """Propose a letter chasing ``actions`` (or add them to the one already waiting for
    the organisation and committee); returns it and whether it is new."""
    chaser, created = ChaserLetter.objects.select_for_update().get_or_create(
        organisation=organisation,
        committee=committee,
        status=ChaserLetter.Status.PROPOSED,
        defaults={"date": date, "proposed_by": by, "escalation": escalation},
    )
    chaser.actions.add(*actions)
    return chaser, created


def chaser_letter_for_organisation(
    *, organisation: Organisation, committee: Committee, date: datetime.date, by=None
) -> ChaserLetter:
    """An officer's letter for every outstanding action of the organisation at the
    committee, waiting for approval like an escalation's."""
    actions = list(outstanding_actions(organisation, committee, date))
    if not actions:
        raise ValueError(f"{organisation.label} has no outstanding action of the {committee}.")
    chaser, _ = chaser_letter_propose(
        organisation=organisation, committee=committee, actions=actions, date=date, by=by
    )
    return chaser


@transaction.atomic
def chaser_letter_send(*, chaser: ChaserLetter, date: datetime.date, by=None) -> Correspondence:
    """Approve the letter: its PDF is made and registered as a letter sent by the Chair,
    with its reply due date, and each of its outstanding actions records a chase by it."""
    chaser = ChaserLetter.objects.select_for_update().get(pk=chaser.pk)
    if chaser.status != ChaserLetter.Status.PROPOSED:
        raise ValueError("This letter has been sent already.")
    text = chaser_letter_text(chaser, date)
    actions = list(
        Action.objects.outstanding().filter(pk__in=chaser.actions.values("pk")).order_by("pk")
    )
    if not actions:
        raise ValueError("None of the letter's actions is outstanding any more.")
    pdf = html_to_pdf(text.html)
    contact = getattr(chaser.organisation, "contact", None)
    count = len(actions)
    letter = correspondence_record(
        data={
            "committee": chaser.committee,
            "direction": Correspondence.Direction.SENT,
            "date": date,
            "sender": chair_of(chaser.committee),
            "recipient": f"{contact.name}, {chaser.organisation.name}"
            if contact
            else chaser.organisation.name,
            "organisation": chaser.organisation,
            "subject": text.subject,
            "summary": f"The Chair wrote to {chaser.organisation.name} about its {count} "
            f"outstanding action{'s' if count != 1 else ''}.",
            "reply_due": text.reply_due.due,
        },
        file=ContentFile(pdf, name="chaser-letter.pdf"),
    )
    followup_record(
        actions=actions,
        date=date,
        method=FollowUp.Method.LETTER,
        note=f"Letter from the {chair_of(chaser.committee)}.",
        by=by,
        letter=letter,
    )
    chaser.status = ChaserLetter.Status.SENT
    chaser.date = date
    chaser.letter = letter
    chaser.approved_by = by
    chaser.save()
    return letter


def chaser_letters_escalate(date: datetime.date, *, dry_run: bool = False) -> list[ChaserLetter]:
    """Propose a letter from the Chair for every organisation and committee whose actions
    the chase schedule says are due one on ``date``; returns the letters newly proposed
    (a dry run proposes nothing and returns them unsaved)."""
    proposed = []
    for chase in chases_due(date):
        by_committee: dict[int, list[Action]] = {}
        for action in chase.letter_actions:
            by_committee.setdefault(action.committee_id, []).append(action)
        for actions in by_committee.values():
            committee = actions[0].committee
            if dry_run:
                proposed.append(
                    ChaserLetter(organisation=chase.organisation, committee=committee, date=date)
                )
                continue
            chaser, created = chaser_letter_propose(
                organisation=chase.organisation,
                committee=committee,
                actions=actions,
                date=date,
                escalation=True,
            )
            if created:
                proposed.append(chaser)
    return proposed

"""Reads behind the "Summary List of Actions" paper.

The carry-forward rule lives here, once: every paper, preview, PDF, publish and the
agenda pack ask ``paper_actions`` which actions a paper shows.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Max, OuterRef, Q, Subquery, Sum

from actions.models import Action, FollowUp
from actiontracker.models import Paper, PaperCorrespondence
from correspondence.models import Complaint, Correspondence, TransparencyDisclosure
from meetings.models import AgendaItem, ContactOfficer, Meeting

# The cut-off of the seed paper (24 May 2023) fell 15 days before its meeting (9 May 2023).
DEFAULT_CUTOFF_DAYS = 15


def previous_published_paper(paper: Paper) -> Paper | None:
    """The committee's last published summary paper considered before this one's meeting."""
    return (
        Paper.objects.published()
        .filter(
            kind=Paper.Kind.SUMMARY,
            meeting__committee_id=paper.meeting.committee_id,
            meeting__date__lt=paper.meeting.date,
        )
        .exclude(pk=paper.pk)
        .select_related("meeting")
        .order_by("-meeting__date")
        .first()
    )


def default_period_end(meeting: Meeting) -> dt.date:
    return meeting.date - dt.timedelta(days=DEFAULT_CUTOFF_DAYS)


def default_period_start(paper: Paper, previous: Paper | None) -> dt.date:
    """Where the last paper's period ended (or, lacking one, the previous meeting)."""
    if previous is not None:
        return previous.period_end or previous.meeting.date
    earlier = (
        Meeting.objects.filter(committee_id=paper.meeting.committee_id, date__lt=paper.meeting.date)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    end = paper.period_end or default_period_end(paper.meeting)
    return min(earlier, end) if earlier else end


def carried_forward(paper: Paper):
    """The carry-forward rule as a queryset of the actions the paper shows.

    Actions of the committee's meetings before the paper's meeting that are ongoing, or
    finished and not yet shown by a published paper (or shown by this very paper, when a
    published paper is rendered again).
    """
    shown = Q(status=Action.Status.ONGOING) | Q(reported_in__isnull=True)
    if paper.pk and paper.is_published:
        shown |= Q(reported_in_id=paper.pk)
    return Action.objects.filter(
        shown,
        agenda_item__meeting__committee_id=paper.meeting.committee_id,
        agenda_item__meeting__date__lt=paper.meeting.date,
    )


def paper_actions(paper: Paper) -> list[Action]:
    """The paper's actions in paper order: meetings newest first, then item, then action."""
    return list(
        carried_forward(paper)
        .with_related()
        .order_by(
            "-agenda_item__meeting__date",
            "agenda_item__position",
            "agenda_item__id",
            "position",
            "id",
        )
    )


def default_letters(paper: Paper, start: dt.date, end: dt.date):
    """Letters a new paper proposes: the committee's correspondence of the reporting period
    not yet in a published paper."""
    in_period = Q(date__gt=start, date__lte=end) | Q(received_on__gt=start, received_on__lte=end)
    already = PaperCorrespondence.objects.filter(
        paper__status=Paper.Status.PUBLISHED, paper__kind=Paper.Kind.SUMMARY
    ).values("correspondence_id")
    return (
        Correspondence.objects.filter(in_period, committee_id=paper.meeting.committee_id)
        .exclude(pk__in=already)
        .order_by("date", "id")
    )


@dataclass
class PaperLetter:
    """A letter chosen for the paper, as the appendix numbering needs it."""

    letter: Correspondence
    position: int
    in_additional_section: bool
    answers: set[int] = field(default_factory=set)


def paper_letters(paper: Paper) -> list[PaperLetter]:
    """The letters chosen for the paper with the ids of the actions each answers."""
    rows = list(
        PaperCorrespondence.objects.filter(paper_id=paper.pk)
        .select_related("correspondence__organisation")
        .order_by("position", "id")
    )
    letters = [PaperLetter(r.correspondence, r.position, r.in_additional_section) for r in rows]
    if letters:
        through = Correspondence.answers.through
        by_letter = {pl.letter.pk: pl for pl in letters}
        for letter_id, action_id in through.objects.filter(
            correspondence_id__in=by_letter
        ).values_list("correspondence_id", "action_id"):
            by_letter[letter_id].answers.add(action_id)
    return letters


def contact_officers(paper: Paper) -> list[ContactOfficer]:
    chosen = list(paper.contact_officers.order_by("position", "name")) if paper.pk else []
    return chosen or list(
        ContactOfficer.objects.filter(committee_id=paper.meeting.committee_id).order_by(
            "position", "name"
        )
    )


def complaints_in_period(paper: Paper, start: dt.date, end: dt.date) -> list[Complaint]:
    return list(
        Complaint.objects.filter(
            committee_id=paper.meeting.committee_id, received_on__gte=start, received_on__lte=end
        ).order_by("received_on", "id")
    )


def disclosures_in_period(
    paper: Paper, start: dt.date, end: dt.date
) -> list[TransparencyDisclosure]:
    return list(
        TransparencyDisclosure.objects.filter(committee_id=paper.meeting.committee_id)
        .in_period(start, end)
        .order_by("disclosed_on", "id")
    )


def _latest_history_id(model):
    history = model.history.model
    return Subquery(history.objects.order_by("-history_id").values("history_id")[:1])


def paper_fingerprint(paper: Paper) -> str:
    """A string that changes whenever anything the paper shows changes.

    Two queries whatever the paper's size: an aggregate over the paper's actions, and the
    paper's own row annotated with the newest history entry of every register it draws on
    (any create, edit or delete of those records adds a history row).
    """
    actions = carried_forward(paper).aggregate(
        n=Count("id"),
        ids=Sum("id"),
        changed=Max("updated_at"),
        reported=Sum("reported_in_id"),
        people=Sum("responsible_person_id"),
    )
    row = (
        Paper.objects.filter(pk=paper.pk)
        .annotate(
            n_letters=Count("letters", distinct=True),
            letter_ids=Sum("letters__correspondence_id", distinct=True),
            letter_positions=Sum("letters__position"),
            officers=Count("contact_officers", distinct=True),
            h_action=_latest_history_id(Action),
            h_followup=_latest_history_id(FollowUp),
            h_item=_latest_history_id(AgendaItem),
            h_meeting=_latest_history_id(Meeting),
            h_letter=_latest_history_id(Correspondence),
            h_complaint=_latest_history_id(Complaint),
            h_disclosure=_latest_history_id(TransparencyDisclosure),
            last_paper=Subquery(
                Paper.objects.filter(meeting__committee_id=OuterRef("meeting__committee_id"))
                .order_by("-updated_at")
                .values("updated_at")[:1]
            ),
        )
        .values(
            "updated_at",
            "status",
            "n_letters",
            "letter_ids",
            "letter_positions",
            "officers",
            "h_action",
            "h_followup",
            "h_item",
            "h_meeting",
            "h_letter",
            "h_complaint",
            "h_disclosure",
            "last_paper",
        )
        .first()
    )
    return repr((sorted(actions.items()), sorted((row or {}).items())))

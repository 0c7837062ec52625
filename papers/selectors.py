"""Reads behind the "Summary List of Actions" paper.

The carry-forward rule lives here, once: every paper, preview, PDF, publish and the
agenda pack ask ``paper_actions`` which actions a paper shows.
"""

import datetime as dt
import hashlib
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import Q

from actions.models import Action, FollowUp
from correspondence import paper_rows
from correspondence.models import Complaint, Correspondence, TransparencyDisclosure
from meetings.models import AgendaItem, ContactOfficer, Meeting
from papers.models import Paper, PaperCorrespondence

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
    """The usual cut-off: 15 days before the meeting that considers the paper."""
    return meeting.date - dt.timedelta(days=DEFAULT_CUTOFF_DAYS)


def default_period_start(paper: Paper, previous: Paper | None) -> dt.date:
    """The day after the last published paper's cut-off (or, lacking one, the previous
    meeting): periods are inclusive, so the cut-off day belongs to the earlier paper."""
    if previous is not None:
        # A paper published before publishing fixed its dates showed the usual cut-off.
        end = previous.period_end or default_period_end(previous.meeting)
        return end + dt.timedelta(days=1)
    earlier = (
        Meeting.objects.filter(committee_id=paper.meeting.committee_id, date__lt=paper.meeting.date)
        .order_by("-date")
        .values_list("date", flat=True)
        .first()
    )
    end = paper.period_end or default_period_end(paper.meeting)
    return min(earlier, end) if earlier else end


def paper_period(paper: Paper) -> tuple[dt.date, dt.date]:
    """The paper's reporting period, both days included: its own dates, or where blank
    (a draft; publishing fixes them) the defaults, the end never before the start."""
    start = paper.period_start
    if start is None:
        start = default_period_start(paper, previous_published_paper(paper))
    end = paper.period_end or max(default_period_end(paper.meeting), start)
    return start, end


def next_published_paper(paper: Paper) -> Paper | None:
    """The committee's first published summary paper considered after this one's meeting."""
    return (
        Paper.objects.published()
        .filter(
            kind=Paper.Kind.SUMMARY,
            meeting__committee_id=paper.meeting.committee_id,
            meeting__date__gt=paper.meeting.date,
        )
        .exclude(pk=paper.pk)
        .select_related("meeting")
        .order_by("meeting__date")
        .first()
    )


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
    in_period = Q(date__range=(start, end)) | Q(received_on__range=(start, end))
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
    paragraph_text: str = ""  # the officer's wording for section 4; blank: generated


def paper_letters(paper: Paper) -> list[PaperLetter]:
    """The letters chosen for the paper with the ids of the actions each answers."""
    rows = list(
        PaperCorrespondence.objects.filter(paper_id=paper.pk)
        .select_related("correspondence__organisation")
        .order_by("position", "id")
    )
    letters = [
        PaperLetter(
            r.correspondence,
            r.position,
            r.in_additional_section,
            paragraph_text=r.paragraph_text,
        )
        for r in rows
    ]
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
        paper_rows.complaints_in_period(committee=paper.meeting.committee_id, start=start, end=end)
    )


def disclosures_in_period(
    paper: Paper, start: dt.date, end: dt.date
) -> list[TransparencyDisclosure]:
    return list(
        paper_rows.disclosures_in_period(committee=paper.meeting.committee_id, start=start, end=end)
    )


def _fingerprint_sql() -> str:
    """One statement, built once from the models' table names (no ORM work per request)."""
    action, item, meeting = Action._meta.db_table, AgendaItem._meta.db_table, Meeting._meta.db_table
    paper, letters = Paper._meta.db_table, PaperCorrespondence._meta.db_table
    officers = Paper.contact_officers.through._meta.db_table
    histories = [
        m.history.model._meta.db_table
        for m in (
            Action,
            FollowUp,
            AgendaItem,
            Meeting,
            Correspondence,
            Complaint,
            TransparencyDisclosure,
        )
    ]
    latest = ", ".join(f"(SELECT MAX(history_id) FROM {t})" for t in histories)  # noqa: S608
    return f"""
        SELECT p.status, pm.date, COUNT(a.id), SUM(a.id), MAX(a.updated_at),
               SUM(a.reported_in_id), SUM(a.responsible_person_id), p.updated_at,
               (SELECT COUNT(*) FROM {letters} WHERE paper_id = p.id),
               (SELECT SUM(correspondence_id * (position + 7)) FROM {letters}
                 WHERE paper_id = p.id),
               (SELECT SUM(CASE WHEN in_additional_section THEN correspondence_id ELSE 0 END)
                  FROM {letters} WHERE paper_id = p.id),
               (SELECT COUNT(*) FROM {officers} WHERE paper_id = p.id),
               (SELECT SUM(contactofficer_id) FROM {officers} WHERE paper_id = p.id),
               (SELECT MAX(p2.updated_at) FROM {paper} p2
                  JOIN {meeting} m2 ON p2.meeting_id = m2.id
                 WHERE m2.committee_id = pm.committee_id),
               {latest}
          FROM {paper} p
          JOIN {meeting} pm ON pm.id = p.meeting_id
          LEFT JOIN ({action} a
                     JOIN {item} i ON a.agenda_item_id = i.id
                     JOIN {meeting} m ON i.meeting_id = m.id)
            ON m.committee_id = pm.committee_id AND m.date < pm.date
           AND a.deleted_at IS NULL
           AND (a.status = %s OR a.reported_in_id IS NULL
                OR (a.reported_in_id = p.id AND p.status = %s))
         WHERE p.id = %s AND p.kind = %s
         GROUP BY p.id, p.status, p.updated_at, pm.date, pm.committee_id
    """  # noqa: S608 - table names come from the models, values are parameters


_FINGERPRINT_SQL: str | None = None


@dataclass
class PaperState:
    """What a download needs to know before deciding to render: status, date, fingerprint."""

    is_published: bool
    meeting_date: dt.date
    fingerprint: str
    action_count: int = 0
    letter_count: int = 0

    @property
    def digest(self) -> str:
        """The fingerprint, short enough for a cache key or a column."""
        return hashlib.sha256(self.fingerprint.encode()).hexdigest()


def paper_state(pk: int) -> PaperState | None:
    """A summary paper's status, meeting date and a fingerprint that changes whenever
    anything the paper shows changes; None if there is no such paper.

    One query whatever the paper's size: an aggregate over the actions the carry-forward
    rule selects, the paper's own row, its letters and contact officers, and the newest
    history entry of every register it draws on (any create, edit or delete of those
    records adds a history row). Raw SQL because it runs on every cached download, where
    the ORM's query building would cost more than the query itself.
    """
    global _FINGERPRINT_SQL
    if _FINGERPRINT_SQL is None:
        _FINGERPRINT_SQL = _fingerprint_sql()
    published = Paper.Status.PUBLISHED.value
    params = [Action.Status.ONGOING.value, published, pk, Paper.Kind.SUMMARY.value]
    with connection.cursor() as cursor:
        cursor.execute(_FINGERPRINT_SQL, params)
        row = cursor.fetchone()
    if row is None:
        return None
    meeting_date = row[1]
    if isinstance(meeting_date, str):  # SQLite hands raw SQL dates back as text
        meeting_date = dt.date.fromisoformat(meeting_date)
    return PaperState(row[0] == published, meeting_date, repr(row), row[2] or 0, row[8] or 0)


def paper_fingerprint(paper: Paper) -> str:
    """The fingerprint of what ``paper`` shows (see ``paper_state``)."""
    state = paper_state(paper.pk)
    return state.fingerprint if state else ""

"""Writing a Summary List of Actions paper: meetings, items, actions, letters, complaint."""

import datetime
import re
from collections import Counter
from difflib import SequenceMatcher

from actions.models import Action, FollowUp
from actions.services import action_change, action_create, followup_record, format_date
from correspondence.models import Complaint, Correspondence
from meetings.models import AgendaItem, Committee, Meeting
from papers.importing.cells import find_dates, normalise_text
from papers.importing.letters import LetterData
from papers.importing.summary import SummaryPaper
from papers.importing.writing import ROW_LABELS, Writer, action_line, meeting_line, storing
from papers.models import Paper, PaperCorrespondence

# How alike two wordings must be for a row to update an action whose text it does not match.
SAME_ACTION_RATIO = 0.6
MATCHED_LENGTH = 2000
# Relations the writer has just fetched or created in this transaction: no need for
# full_clean() to query that they exist.
KNOWN_RELATIONS = ["agenda_item", "responsible_person", "reported_in"]
FOLLOW_UP_NOTE = "Recorded by the paper import."
FINISHED = {Action.Status.COMPLETED, Action.Status.CLOSED}
_APPENDIX_IN_NOTE = re.compile(r"\bAppendix\s+(\d+)\b", re.I)


class SummaryWriter(Writer):
    """Writes a parsed Summary List of Actions."""

    def summary(self, data: SummaryPaper, committee_slug: str | None) -> None:
        committee = self.committee(
            data.report_to, committee_slug, report_of=data.report_of or Committee().report_of
        )
        meeting = self.meeting(committee, data.date, Meeting.Kind.COMMITTEE)
        texts = {
            "subject": data.subject or "Summary List of Actions",
            "report_to": data.report_to,
            "report_of": data.report_of,
            "summary_text": data.summary_text,
            "recommendation_text": data.recommendation_text,
            "period_start": data.period_start,
            "period_end": data.period_end,
            "complaints_status_text": data.complaints_status_text,
            "transparency_status_text": data.transparency_status_text,
            "additional_correspondence_text": data.correspondence_note,
            "additional_correspondence_intro": data.correspondence_intro,
        }
        for name, value in [
            ("public_access", data.public_access),
            ("complaints_delegation_text", data.complaints_delegation_text),
            ("transparency_procedure_text", data.transparency_procedure_text),
            ("legal_text", data.legal_text),
            ("financial_text", data.financial_text),
            ("background_papers", data.background_papers),
        ]:
            if value:  # an absent standing text keeps the model's standard wording
                texts[name] = value
        paper = self.paper(meeting, Paper.Kind.SUMMARY, **texts)
        self.contact_officers(committee, paper, data.contact_officers)
        self.paper_actions: list[Action] = []
        for block in data.blocks:
            self.block(committee, paper, block)
        self.letters(committee, paper, data.letters)
        self.complaint(committee, paper, data)

    def block(self, committee, paper, block) -> None:
        meeting = self.meeting(committee, block.date, Meeting.Kind.COMMITTEE)
        items = {item.number: item for item in meeting.items.all()}
        existing = list(
            Action.objects.filter(agenda_item__meeting=meeting).select_related(
                "agenda_item", "reported_in__meeting"
            )
        )
        used: set[int] = set()
        counts = Counter()
        listing = []
        before = {a.pk: a.get_status_display() for a in existing}
        for position, row in enumerate(block.rows):
            with storing(row.line, ROW_LABELS):
                outcome, action, changes = self.row(
                    meeting, items, existing, used, paper, row, position
                )
            counts[outcome] += 1
            self.paper_actions.append(action)
            where = f"item {row.item_number}, {action.responsible_person}"
            self.report.record_action(action, outcome, changes, where=where, meeting=meeting)
            if outcome != "unchanged":
                change = action.get_status_display()
                if outcome == "updated" and before[action.pk] != change:
                    change = f"{before[action.pk]} → {change}"
                listing.append(action_line(outcome, where, row.intro, change))
        self.report.meetings.append(meeting_line(block.date, len(block.rows), counts))
        self.report.meetings += listing

    def row(self, meeting, items, existing, used, paper, row, position):
        """Write one action row; says whether it was created, updated or unchanged, and
        the changes of an update as (field label, old, new)."""
        item = items.get(row.item_number)
        if item is None:
            # The same item titled differently in two rows stays one item: first title.
            item = AgendaItem(
                meeting=meeting, number=row.item_number, title=row.item_title, position=position
            )
            item.full_clean(exclude=["meeting"])
            item.save()
            items[row.item_number] = item
            self.report.created["agenda items"] += 1
        person = self.directory.person(row.person)
        action = _match(existing, used, item, person, row)
        changes = []
        if action is None:
            action = self.new_action(item, person, row, paper, position)
            outcome = "created"
        elif (updated := self.update_action(action, row, paper, changes)) is not None:
            action, outcome = updated, "updated"
        else:
            outcome = "unchanged"
        used.add(action.pk)
        self.follow_up(action, row.followed_up_on, new=outcome == "created")
        return outcome, action, changes

    def new_action(self, item, person, row, paper, position) -> Action:
        finished = row.status in FINISHED
        action = action_create(
            agenda_item=item,
            responsible_person=person,
            position=position,
            intro=row.intro,
            requested_items=row.requested_items,
            status=row.status,
            status_note=row.status_note,
            finished_on=_finished_on(row.status_note, paper) if finished else None,
            reported_in=paper if finished else None,
            last_chased_on=row.followed_up_on,
            # A table of another layout may also give these (a Deadline column, a Ref).
            number=row.number,
            timing=row.timing,
            due_date=row.due_date,
            checked_relations=KNOWN_RELATIONS,
        )
        self.report.created["actions"] += 1
        return action

    def update_action(self, action: Action, row, paper, shown=None) -> Action | None:
        """The action as the row updates it, or None if the row changes nothing; each
        change is added to ``shown`` as (field label, old, new)."""
        newer = action.reported_in
        if newer is not None and newer.meeting.date > paper.meeting.date:
            return None  # a newer paper already reported it: an older one changes nothing
        if action.last_chased_on is not None and action.last_chased_on > paper.meeting.date:
            return None  # chased since this paper went out: its status is newer than the paper
        changes = {
            "status": row.status,
            "status_note": row.status_note,
            "intro": row.intro,
            "requested_items": row.requested_items,
        }
        changed = [name for name, value in changes.items() if getattr(action, name) != value]
        if row.status in FINISHED and action.reported_in_id is None:
            changes["reported_in"] = paper
            changed.append("reported_in")
        if not changed:
            return None
        if shown is not None:
            shown += [_shown_change(action, name, changes[name]) for name in changed]
        was_finished = action.status in FINISHED
        if row.status in FINISHED and not was_finished:
            changes["finished_on"] = _finished_on(row.status_note, paper)
        elif row.status not in FINISHED:
            changes["finished_on"] = None
        # Through the action services, so the version goes up and a form opened before the
        # import is refused, and the history records the change.
        action = action_change(action=action, data=changes, checked_relations=KNOWN_RELATIONS)
        self.report.updated["actions"] += 1
        return action

    def follow_up(self, action: Action, date: datetime.date | None, *, new: bool) -> None:
        if date is None:
            return
        # Created by this import, an action has no follow-ups yet, so no need to look.
        if new or not FollowUp.objects.filter(action=action, date=date).exists():
            # The paper's own status note stands; the chase only moves the last chase date.
            followup_record(
                actions=[action],
                date=date,
                method=FollowUp.Method.LETTER,
                note=FOLLOW_UP_NOTE,
                note_status=False,
            )
            self.report.created["follow-ups"] += 1

    def letters(self, committee, paper, letters: list[LetterData]) -> None:
        by_appendix: dict[int, list[Correspondence]] = {}
        for position, letter in enumerate(letters):
            sent = letter.direction == Correspondence.Direction.SENT
            party = letter.party
            organisation = self.directory.split_person(party)[1]
            chair = "the Chairman"
            lookup = {
                "committee": committee,
                "direction": letter.direction,
                "date": letter.date,
                "recipient" if sent else "sender": party[:300],
            }
            # A deleted letter is the same letter: the paper keeps it, deleted.
            correspondence = Correspondence.all_objects.filter(**lookup).first()
            if correspondence is None:
                correspondence = Correspondence(
                    **lookup,
                    **{"sender" if sent else "recipient": chair},
                    received_on=None if sent else letter.date,
                    organisation=organisation,
                    subject=letter.subject[:500],
                    summary=letter.summary,
                )
                with storing(letter.line):
                    correspondence.full_clean()
                    correspondence.save()
                self.report.created["letters"] += 1
            _, created = PaperCorrespondence.objects.update_or_create(
                paper=paper,
                correspondence=correspondence,
                defaults={
                    "position": position,
                    "in_additional_section": letter.in_additional_section,
                    "paragraph_text": letter.paragraph,  # the paper's wording, when not "On …"
                },
            )
            if letter.appendix is not None:
                by_appendix.setdefault(letter.appendix, []).append(correspondence)
        self.link_answers(by_appendix)

    def link_answers(self, by_appendix: dict[int, list[Correspondence]]) -> None:
        """An action "Attached at Appendix N" was answered by the letters of appendix N.

        Recording that link is what lets the paper, rendered again, number the appendices
        in the same order of first mention as the imported one.
        """
        for action in self.paper_actions:
            match = _APPENDIX_IN_NOTE.search(action.status_note)
            if match is None:
                continue
            for correspondence in by_appendix.get(int(match.group(1)), []):
                correspondence.answers.add(action)

    def complaint(self, committee, paper, data: SummaryPaper) -> None:
        text = data.complaints_status_text
        lowered = text.lower()
        if not text or "complaint" not in lowered or _reports_nothing(lowered):
            return
        concerning = ""
        for marker in ("concerning ", "about "):
            if marker in text:
                concerning = text.split(marker, 1)[1].split(".")[0].strip()
                break
        if "not be record" in lowered or "not recorded" in lowered:
            decision = Complaint.Decision.NOT_RECORDED
        elif "no action" in lowered:
            decision = Complaint.Decision.NO_ACTION
        elif "referred" in lowered or "passed to" in lowered:
            decision = Complaint.Decision.REFERRED
        else:
            decision = Complaint.Decision.PENDING
        dates = find_dates(text)
        received = dates[0] if dates else (data.period_end or data.date)
        complaint, created = Complaint.objects.get_or_create(
            committee=committee,
            public_summary=text,
            defaults={
                "received_on": received,
                "concerning": (concerning or "Not stated")[:300],
                "decision": decision,
                "decided_on": received if decision != Complaint.Decision.PENDING else None,
            },
        )
        self.report.created["complaints"] += created


def _match(existing, used, item, person, row) -> Action | None:
    """The action this row reports: same item, person and text; failing that, the one
    unmatched action of that item and person (its wording was edited)."""
    text = normalise_text(" ".join([row.intro, *row.requested_items]))
    same_owner = [
        a
        for a in existing
        if a.pk not in used and a.agenda_item_id == item.pk and a.responsible_person_id == person.pk
    ]
    texts = {a.pk: normalise_text(" ".join([a.intro, *a.requested_items])) for a in same_owner}
    for action in same_owner:
        if texts[action.pk] == text:
            return action
    if len(same_owner) == 1:
        # Only an edit of the same wording, never a different action of the same person.
        # Compared on their openings: the matcher is quadratic, and a cell can be long.
        old = texts[same_owner[0].pk][:MATCHED_LENGTH]
        ratio = SequenceMatcher(None, old, text[:MATCHED_LENGTH], autojunk=False).ratio()
        return same_owner[0] if ratio >= SAME_ACTION_RATIO else None
    return None


CHANGE_LABELS = {
    "status": "Status",
    "status_note": "Status note",
    "intro": "Action(s)",
    "requested_items": "Items requested",
    "reported_in": "Reported in",
}


def _shown(value) -> str:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, Paper):
        return f"the paper of {format_date(value.meeting.date)}"
    return "" if value is None else str(value)


def _shown_change(action: Action, name: str, new) -> tuple[str, str, str]:
    """One change of an action, as the officer reads it: field label, old, new."""
    old = getattr(action, name)
    if name == "status":
        old, new = Action.Status(old).label, Action.Status(new).label
    return CHANGE_LABELS.get(name, name), _shown(old), _shown(new)


def _finished_on(note: str, paper: Paper) -> datetime.date:
    """The date the note gives ("This visit took place on 6 April 2023."), else the
    paper's date."""
    paper_date = paper.meeting.date
    dates = [d for d in find_dates(note) if d <= paper_date]
    return dates[-1] if dates else paper_date


def _reports_nothing(lowered: str) -> bool:
    return any(
        phrase in lowered
        for phrase in (
            "no complaints",
            "nothing to report",
            "no new complaints",
            "not received any",
        )
    )

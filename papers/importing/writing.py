"""The records every imported paper writes: committee, meeting, paper, contact officers."""

import datetime
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.utils.text import slugify

from actions.services import format_date
from meetings.models import Committee, ContactOfficer, Meeting
from papers.importing.cells import PaperParseError, PaperRecordError, normalise_text
from papers.importing.common import ContactOfficerData
from papers.importing.people import Directory
from papers.models import Paper

# What an import does to one record: the words of record_action's outcome.
OUTCOMES = ("create", "update", "unchanged")
_OUTCOME_WORDS = {"created": "create", "updated": "update"}


@dataclass(frozen=True)
class Unplaced:
    """Text of the file the parser could not place, kept verbatim for the preview.

    ``line`` is the file's line (None when the text has no line, such as a whole sheet);
    ``where`` says where it sat ("section 4", "meeting of 14 January 2021", "sheet Log, row 7").
    A parser puts these in a ``unplaced`` list on what it returns (and messages in a
    ``warnings`` list); paper_import copies both into the report."""

    line: int | None
    text: str
    where: str


@dataclass
class ActionOutcome:
    """One action as the import leaves it: created, updated (with each change) or unchanged."""

    outcome: str  # one of OUTCOMES
    where: str  # "item 5, Deputy Commissioner"
    text: str  # how the action begins
    status: str = ""
    # (field label, old, new), as shown to the officer.
    changes: tuple[tuple[str, str, str], ...] = ()
    action_id: int | None = None


@dataclass
class MeetingOutcomes:
    """The actions of one meeting the file reports, in the file's order."""

    meeting_id: int | None
    date: datetime.date | None
    committee: str
    actions: list[ActionOutcome] = field(default_factory=list)

    def count(self, outcome: str) -> int:
        return sum(1 for a in self.actions if a.outcome == outcome)


@dataclass
class ImportReport:
    """What an import created and updated, for the command to print and the preview to show."""

    path: str
    kind: str = ""
    dry_run: bool = False
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    meetings: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    unplaced: list[Unplaced] = field(default_factory=list)
    outcomes: list[MeetingOutcomes] = field(default_factory=list)

    def record_action(
        self,
        action,
        outcome: str,
        changes=(),
        *,
        where: str = "",
        text: str | None = None,
        meeting=None,
    ) -> ActionOutcome:
        """Note what the import does to ``action`` (saved, with its agenda item and meeting):
        outcome "create", "update" or "unchanged"; ``changes`` a list of (field label, old,
        new). Kept per meeting (``meeting``, else the action's), in the order recorded."""
        outcome = _OUTCOME_WORDS.get(outcome, outcome)
        if outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {OUTCOMES}, not {outcome!r}")
        meeting = meeting or action.agenda_item.meeting
        group = next((g for g in self.outcomes if g.meeting_id == meeting.pk), None)
        if group is None:
            group = MeetingOutcomes(meeting.pk, meeting.date, str(meeting.committee))
            self.outcomes.append(group)
        if text is None:
            text = " ".join([action.intro, *action.requested_items])
        entry = ActionOutcome(
            outcome=outcome,
            where=where or f"item {action.agenda_item.number}",
            text=" ".join(text.split()),
            status=action.get_status_display(),
            changes=tuple((str(a), str(b), str(c)) for a, b, c in changes),
            action_id=action.pk,
        )
        group.actions.append(entry)
        return entry

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def unplace(self, line: int | None, text: str, where: str) -> None:
        self.unplaced.append(Unplaced(line, text, where))

    @property
    def action_counts(self) -> Counter:
        """Actions by outcome over every meeting."""
        return Counter(a.outcome for group in self.outcomes for a in group.actions)

    def lines(self) -> list[str]:
        verb = "Would create" if self.dry_run else "Created"
        verb_updated = "would update" if self.dry_run else "updated"

        def counts(counter: Counter) -> str:
            shown = [
                f"{n} {what if n != 1 else singular(what)}" for what, n in counter.items() if n
            ]
            return ", ".join(shown) or "nothing"

        return [
            f"{self.path}: {self.kind}" + (" (dry run: nothing written)" if self.dry_run else ""),
            f"{verb}: {counts(self.created)}; {verb_updated}: {counts(self.updated)}.",
            *self.meetings,
            *(f"Warning: {w}" for w in self.warnings),
            *(
                f"Not placed ({u.where}{f', line {u.line}' if u.line else ''}): "
                + " ".join(u.text.split())
                for u in self.unplaced
            ),
        ]


# What the papers call the fields the importer fills, where the model's name differs.
FIELD_LABELS = {
    "intro": "Action(s)",
    "requested_items": "Action(s)",
    "status_note": "Status",
    "report_to": "Report to",
    "report_of": "Report of",
    "email": "E-mail",
    "__all__": "the record",
}
# A summary row: its cells, and the records made from them.
ROW_LABELS = {"name": "Responsible Person", "title": "Item Title", "number": "Item No."}


def _line_of(value, text: str) -> int:
    """The first line of the paper holding the value (compared as letters and digits)."""
    needle = normalise_text(value)[:60] if isinstance(value, str) else ""
    if needle:
        for number, line in enumerate(text.split("\n"), start=1):
            if needle in normalise_text(line):
                return number
    return 1


def record_error(
    error: ValidationError | DatabaseError,
    *,
    line: int | None = None,
    text: str = "",
    labels: dict[str, str] | None = None,
) -> PaperRecordError:
    """A record the tracker refused, as one line naming the paper's line and the field."""
    field, value = "__all__", None
    if isinstance(error, ValidationError):
        if hasattr(error, "error_dict"):
            field, errors = next(iter(error.error_dict.items()))
            value = (errors[0].params or {}).get("value")
            message = list(errors[0])[0]
        else:
            message = error.messages[0]
    else:  # the database refused it (a check it makes and the model does not)
        message = (str(error).strip().splitlines() or [type(error).__name__])[0]
    if line is None:
        line = _line_of(value, text)
    label = {**FIELD_LABELS, **(labels or {})}.get(field) or field.replace("_", " ").capitalize()
    return PaperRecordError(line, label, message)


@contextmanager
def storing(line: int, labels: dict[str, str] | None = None):
    """Records written inside are those of the paper's line: a refusal names it."""
    try:
        yield
    except (ValidationError, DatabaseError) as error:
        raise record_error(error, line=line, labels=labels) from error


def singular(noun: str) -> str:
    return "responsible person" if noun == "responsible people" else noun.removesuffix("s")


def meeting_line(date: datetime.date, rows: int, counts: Counter) -> str:
    """The import's line for one meeting's actions."""
    return (
        f"Meeting of {format_date(date)}: {rows} action{'s' if rows != 1 else ''} "
        f"({counts['created']} created, {counts['updated']} updated, "
        f"{counts['unchanged']} unchanged)"
    )


def action_line(outcome: str, where: str, text: str, change: str = "") -> str:
    """One action in the import's listing: what happens to it, where it sits, how it begins."""
    text = " ".join(text.split())
    text = text if len(text) <= 70 else text[:69].rstrip() + "…"
    return f"  {outcome} {where}: {text}" + (f" ({change})" if change else "")


class Writer:
    """Writes one parsed paper; shared by the writers of each kind of paper."""

    def __init__(self, *, report: ImportReport, imported_from: str):
        self.report = report
        self.imported_from = imported_from
        self.directory = Directory()
        self.papers: list[Paper] = []  # the papers this import wrote or found published

    def committee(self, name: str, slug: str | None, **defaults) -> Committee:
        if not name and not slug:
            raise PaperParseError(1, "a 'Report to:' line naming the committee (or --committee)")
        slug = slug or slugify(name)
        committee = Committee.objects.filter(slug=slug).first()
        if committee is None:
            if not name or Committee.objects.filter(name=name).exists():
                # --committee names a new committee alongside the one the paper reports to.
                name = slug.replace("-", " ").capitalize()
            committee = Committee(name=name, slug=slug, **defaults)
            committee.full_clean()
            committee.save()
            self.report.created["committees"] += 1
        return committee

    def meeting(self, committee: Committee, date: datetime.date, kind: str) -> Meeting:
        meeting, created = Meeting.objects.get_or_create(
            committee=committee, date=date, defaults={"kind": kind}
        )
        self.report.created["meetings"] += created
        return meeting

    def paper(self, meeting: Meeting, kind: str, **fields) -> Paper:
        """The meeting's paper of ``kind``, published by this import. A paper already
        published is never changed: importing it again (the same texts) leaves it as it
        is, and an import that would change it is refused."""
        paper = Paper.objects.select_for_update().filter(meeting=meeting, kind=kind).first()
        if paper is None:
            paper = Paper(meeting=meeting, kind=kind, **fields)
            self.report.created["papers"] += 1
        else:
            changed = [name for name, value in fields.items() if getattr(paper, name) != value]
            if paper.is_published:
                if changed:
                    raise ValidationError(
                        f"The paper for {format_date(meeting.date)} is already published and "
                        f"a published paper never changes (this file differs in: "
                        f"{', '.join(changed)}). Nothing was written."
                    )
                self.papers.append(paper)
                return paper
            for name in changed:
                setattr(paper, name, fields[name])
            self.report.updated["papers"] += 1
        paper.status = Paper.Status.PUBLISHED
        paper.imported_from = self.imported_from
        paper.full_clean()
        paper.save()
        self.papers.append(paper)
        return paper

    def contact_officers(self, committee, paper, officers: list[ContactOfficerData]) -> None:
        for position, data in enumerate(officers):
            officer = ContactOfficer.objects.filter(committee=committee, name=data.name).first()
            if officer is None:
                # Checked like any record: a name too long for the field is refused, naming
                # the paper's line, on SQLite (which would store it) as on PostgreSQL.
                officer = ContactOfficer(
                    committee=committee,
                    name=data.name,
                    title=data.title,
                    telephone=data.telephone,
                    email=data.email,
                    position=position,
                )
                officer.full_clean()
                officer.save()
                self.report.created["contact officers"] += 1
            paper.contact_officers.add(officer)

"""The records every imported paper writes: committee, meeting, paper, contact officers."""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.text import slugify

from actions.services import format_date
from meetings.models import Committee, ContactOfficer, Meeting
from papers.importing.cells import PaperParseError
from papers.importing.common import ContactOfficerData
from papers.importing.people import Directory
from papers.models import Paper


@dataclass
class ImportReport:
    """What an import created and updated, for the command to print."""

    path: str
    kind: str = ""
    dry_run: bool = False
    created: Counter = field(default_factory=Counter)
    updated: Counter = field(default_factory=Counter)
    meetings: list[str] = field(default_factory=list)

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
        ]


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
            officer, created = ContactOfficer.objects.get_or_create(
                committee=committee,
                name=data.name,
                defaults={
                    "title": data.title,
                    "telephone": data.telephone,
                    "email": data.email,
                    "position": position,
                },
            )
            self.report.created["contact officers"] += created
            paper.contact_officers.add(officer)

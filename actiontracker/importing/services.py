"""Writing an imported paper into the database, in one transaction."""

import datetime
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from actions.models import Action, FollowUp
from actions.services import format_date
from actiontracker.importing.annex import AnnexLetter, looks_like_annex, parse_annex
from actiontracker.importing.cells import PaperParseError, find_dates, normalise_text
from actiontracker.importing.common import ContactOfficerData
from actiontracker.importing.people import Directory
from actiontracker.importing.report import ReportPaper, looks_like_report, parse_report
from actiontracker.importing.summary import LetterData, SummaryPaper, parse_summary
from actiontracker.models import Paper, PaperCorrespondence
from correspondence.models import CommitteeReport, Complaint, Correspondence, Recommendation
from meetings.models import AgendaItem, Committee, ContactOfficer, Meeting

FINISHED = {Action.Status.COMPLETED, Action.Status.CLOSED}


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
            shown = [f"{n} {what}" for what, n in counter.items() if n]
            return ", ".join(shown) or "nothing"

        return [
            f"{self.path}: {self.kind}" + (" (dry run: nothing written)" if self.dry_run else ""),
            f"{verb}: {counts(self.created)}; {verb_updated}: {counts(self.updated)}.",
            *self.meetings,
        ]


class _DryRun(Exception):
    """Raised inside the transaction to roll a dry run back."""


def read_paper(path: Path) -> tuple[str, object]:
    """Parse the file (text, or PDF extracted to the same text) with the parser its
    content calls for."""
    if path.suffix.lower() == ".pdf" or path.read_bytes()[:5] == b"%PDF-":
        from actiontracker.importing.pdftext import pdf_to_text

        text = pdf_to_text(path)
    else:
        try:
            text = path.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            text = path.read_text(encoding="cp1252", errors="replace")
    if looks_like_annex(text):
        return "annex", parse_annex(text)
    if looks_like_report(text):
        return "response", parse_report(text)
    return "summary", parse_summary(text)


def paper_import(*, path: Path | str, committee_slug: str | None = None, dry_run: bool = False):
    """Import a previous paper (text or PDF) into the database; a dry run rolls back."""
    path = Path(path)
    kind, parsed = read_paper(path)
    report = ImportReport(path=str(path), kind=kind, dry_run=dry_run)
    writer = _Writer(report=report, imported_from=path.name)
    try:
        with transaction.atomic():
            if kind == "annex":
                writer.annex(parsed, committee_slug)
            elif kind == "response":
                writer.response(parsed, committee_slug)
            else:
                writer.summary(parsed, committee_slug)
            for what, n in writer.directory.created.items():
                report.created[what] += n
            if dry_run:
                raise _DryRun
    except _DryRun:
        pass
    return report


class _Writer:
    def __init__(self, *, report: ImportReport, imported_from: str):
        self.report = report
        self.imported_from = imported_from
        self.directory = Directory()

    # Shared pieces --------------------------------------------------------------------
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
        paper = Paper.objects.filter(meeting=meeting, kind=kind).first()
        fields = {**fields, "status": Paper.Status.PUBLISHED, "imported_from": self.imported_from}
        if paper is None:
            paper = Paper(meeting=meeting, kind=kind, published_at=timezone.now(), **fields)
            self.report.created["papers"] += 1
        else:
            changed = [name for name, value in fields.items() if getattr(paper, name) != value]
            for name in changed:
                setattr(paper, name, fields[name])
            self.report.updated["papers"] += bool(changed)
        paper.full_clean()
        paper.save()
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

    # Summary List of Actions ----------------------------------------------------------
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
        for position, row in enumerate(block.rows):
            item = items.get(row.item_number)
            if item is None:
                # The same item titled differently in two rows stays one item: first title.
                item = AgendaItem(
                    meeting=meeting, number=row.item_number, title=row.item_title, position=position
                )
                item.full_clean()
                item.save()
                items[row.item_number] = item
                self.report.created["agenda items"] += 1
            person = self.directory.person(row.person)
            action = _match(existing, used, item, person, row)
            if action is None:
                action = self.new_action(item, person, row, paper, position)
                counts["created"] += 1
            elif self.update_action(action, row, paper):
                counts["updated"] += 1
            else:
                counts["unchanged"] += 1
            used.add(action.pk)
            self.follow_up(action, row.followed_up_on)
        self.report.meetings.append(
            f"Meeting of {format_date(block.date)}: {len(block.rows)} actions "
            f"({counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged)"
        )

    def new_action(self, item, person, row, paper, position) -> Action:
        finished = row.status in FINISHED
        action = Action(
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
        )
        action.full_clean()
        action.save()
        self.report.created["actions"] += 1
        return action

    def update_action(self, action: Action, row, paper) -> bool:
        newer = action.reported_in
        if newer is not None and newer.meeting.date > paper.meeting.date:
            return False  # a newer paper already reported it: an older one changes nothing
        changes = {
            "status": row.status,
            "status_note": row.status_note,
            "intro": row.intro,
            "requested_items": row.requested_items,
        }
        changed = [name for name, value in changes.items() if getattr(action, name) != value]
        if row.status in FINISHED and action.reported_in_id is None:
            action.reported_in = paper
            changed.append("reported_in")
        if not changed:
            return False
        was_finished = action.status in FINISHED
        for name, value in changes.items():
            setattr(action, name, value)
        if row.status in FINISHED and not was_finished:
            action.finished_on = _finished_on(row.status_note, paper)
        elif row.status not in FINISHED:
            action.finished_on = None
        action.version += 1
        action.full_clean()
        action.save()  # a normal save, so the history records the change
        self.report.updated["actions"] += 1
        return True

    def follow_up(self, action: Action, date: datetime.date | None) -> None:
        if date is None:
            return
        _, created = FollowUp.objects.get_or_create(
            action=action,
            date=date,
            defaults={"method": FollowUp.Method.LETTER, "note": "Recorded by the paper import."},
        )
        self.report.created["follow-ups"] += created
        if action.last_chased_on is None or action.last_chased_on < date:
            action.last_chased_on = date
            action.save(update_fields=["last_chased_on"])

    def letters(self, committee, paper, letters: list[LetterData]) -> None:
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
            correspondence = Correspondence.objects.filter(**lookup).first()
            if correspondence is None:
                correspondence = Correspondence(
                    **lookup,
                    **{"sender" if sent else "recipient": chair},
                    received_on=None if sent else letter.date,
                    organisation=organisation,
                    subject=letter.subject[:500],
                    summary=letter.summary,
                )
                correspondence.full_clean()
                correspondence.save()
                self.report.created["letters"] += 1
            _, created = PaperCorrespondence.objects.update_or_create(
                paper=paper,
                correspondence=correspondence,
                defaults={
                    "position": position,
                    "in_additional_section": letter.in_additional_section,
                },
            )

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

    # Board letter with Annex A ---------------------------------------------------------
    def annex(self, data: AnnexLetter, committee_slug: str | None) -> None:
        committee = self.committee(
            data.board_name,
            committee_slug,
            kind=Committee.Kind.BOARD,
            report_of=data.signatory_title or Committee().report_of,
        )
        meeting = self.meeting(committee, data.meeting_date, Meeting.Kind.BOARD)
        paper = self.paper(
            meeting,
            Paper.Kind.ANNEX,
            subject=f"{data.board_name}: actions (Annex A)",
            report_to=data.recipient,
            report_of=data.signatory_title,
        )
        item, created = AgendaItem.objects.get_or_create(
            meeting=meeting, number="A", defaults={"title": "Actions agreed at the meeting"}
        )
        self.report.created["agenda items"] += created
        existing = {a.number: a for a in Action.objects.filter(agenda_item=item)}
        counts = Counter()
        for position, row in enumerate(data.actions):
            leads = [self.directory.organisation(lead) for lead in row.leads]
            person = self.directory.person(" and ".join(row.leads) or "Not stated")
            status = Action.Status.COMPLETED if row.completed else Action.Status.ONGOING
            action = existing.get(row.number)
            fields = {
                "intro": row.text,
                "timing": row.timing,
                "due_date": row.due_date,
                "status": status,
                "responsible_person": person,
            }
            if action is None:
                action = Action(agenda_item=item, number=row.number, position=position, **fields)
                counts["created"] += 1
                self.report.created["actions"] += 1
            else:
                changed = [n for n, v in fields.items() if getattr(action, n) != v]
                if not changed:
                    counts["unchanged"] += 1
                    action.lead_organisations.set([o for o in leads if o])
                    continue
                for name, value in fields.items():
                    setattr(action, name, value)
                action.version += 1
                counts["updated"] += 1
                self.report.updated["actions"] += 1
            if row.completed and action.finished_on is None:
                action.finished_on = data.letter_date
                action.reported_in = paper
            action.full_clean()
            action.save()
            action.lead_organisations.set([o for o in leads if o])
        letter = Correspondence.objects.filter(
            committee=committee, direction=Correspondence.Direction.SENT, date=data.letter_date
        ).first()
        if letter is None:
            letter = Correspondence(
                committee=committee,
                direction=Correspondence.Direction.SENT,
                date=data.letter_date,
                sender=" ".join(filter(None, [data.signatory, data.signatory_title]))[:300]
                or "Not stated",
                recipient=data.recipient or "Not stated",
                organisation=self.directory.organisation("MPS") if data.recipient else None,
                subject=f"{data.board_name} meeting of {format_date(data.meeting_date)}",
                reference=data.reference,
            )
            letter.full_clean()
            letter.save()
            self.report.created["letters"] += 1
        PaperCorrespondence.objects.get_or_create(paper=paper, correspondence=letter)
        self.report.meetings.append(
            f"Meeting of {format_date(data.meeting_date)}: {len(data.actions)} actions "
            f"({counts['created']} created, {counts['updated']} updated, "
            f"{counts['unchanged']} unchanged)"
        )

    # Response to the committee's report ------------------------------------------------
    def response(self, data: ReportPaper, committee_slug: str | None) -> None:
        committee = self.committee(data.report_to, committee_slug, report_of=data.report_of)
        meeting = self.meeting(committee, data.date, Meeting.Kind.COMMITTEE)
        addressed = self.directory.organisation(data.addressed_to)
        if addressed is None:
            raise PaperParseError(1, "the body the report is addressed to (such as MOPAC)")
        report = CommitteeReport.objects.filter(
            committee=committee, title=data.report_title
        ).first()
        fields = {
            "agreed_on": data.agreed_on,
            "addressed_to": addressed,
            "responder": data.responder,
            "response_meeting": meeting,
            "background": data.background,
        }
        if report is None:
            report = CommitteeReport(committee=committee, title=data.report_title, **fields)
            self.report.created["committee reports"] += 1
        else:
            for name, value in fields.items():
                setattr(report, name, value)
        report.full_clean()
        report.save()
        for rec in data.recommendations:
            _, created = Recommendation.objects.update_or_create(
                report=report,
                number=rec.number,
                defaults={"text": rec.text, "sub_points": rec.sub_points},
            )
            self.report.created["recommendations"] += created
        texts = {"subject": data.subject, "report_to": data.report_to, "report_of": data.report_of}
        if data.public_access:
            texts["public_access"] = data.public_access
        paper = self.paper(meeting, Paper.Kind.RESPONSE, committee_report=report, **texts)
        self.contact_officers(committee, paper, data.contact_officers)
        self.report.meetings.append(
            f"Meeting of {format_date(data.date)}: response to '{data.report_title}', "
            f"{len(data.recommendations)} recommendations"
        )


def _match(existing, used, item, person, row) -> Action | None:
    """The action this row reports: same item, person and text; failing that, the one
    unmatched action of that item and person (its wording was edited)."""
    text = normalise_text(" ".join([row.intro, *row.requested_items]))
    same_owner = [
        a
        for a in existing
        if a.pk not in used and a.agenda_item_id == item.pk and a.responsible_person_id == person.pk
    ]
    for action in same_owner:
        if normalise_text(" ".join([action.intro, *action.requested_items])) == text:
            return action
    return same_owner[0] if len(same_owner) == 1 else None


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

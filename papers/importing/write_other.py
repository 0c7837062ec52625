"""Writing a board letter with its Annex A actions, and a response-to-report paper."""

from collections import Counter

from django.template.defaultfilters import pluralize

from actions.models import Action
from actions.services import action_change, action_create, format_date
from actiontracker.versioning import stored_values
from correspondence.models import CommitteeReport, Correspondence, Recommendation
from correspondence.services import save_if_changed
from meetings.models import AgendaItem, Committee, Meeting
from papers.importing.annex import AnnexLetter
from papers.importing.cells import PaperParseError
from papers.importing.report import ReportPaper
from papers.importing.writing import Writer, action_line, meeting_line
from papers.models import Paper, PaperCorrespondence


class AnnexAndResponseWriter(Writer):
    """Writes a parsed board letter or response-to-report paper."""

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
        listing: list[str] = []
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
            leads = [o for o in leads if o]
            finished = {"finished_on": data.letter_date, "reported_in": paper}
            if action is None:
                action = action_create(
                    agenda_item=item,
                    number=row.number,
                    position=position,
                    lead_organisations=leads,
                    **fields,
                    **(finished if row.completed else {}),
                )
                counts["created"] += 1
                self.report.created["actions"] += 1
                self.report.record_action(
                    action, "create", where=f"action {row.number}", meeting=meeting
                )
                listing.append(
                    action_line("created", f"action {row.number}", row.text, status.label)
                )
                continue
            changed = [n for n, v in fields.items() if getattr(action, n) != v]
            if not changed:
                counts["unchanged"] += 1
                action_change(action=action, data={}, lead_organisations=leads)
                self.report.record_action(
                    action, "unchanged", where=f"action {row.number}", meeting=meeting
                )
                continue
            shown = [_shown_change(action, name, fields[name]) for name in changed]
            listing.append(
                action_line("updated", f"action {row.number}", row.text, ", ".join(changed))
            )
            if row.completed and action.finished_on is None:
                fields |= finished
            # Through the action services: the version goes up, so a form opened before
            # the import is refused rather than overwriting it.
            action = action_change(action=action, data=fields, lead_organisations=leads)
            self.report.record_action(
                action, "update", shown, where=f"action {row.number}", meeting=meeting
            )
            counts["updated"] += 1
            self.report.updated["actions"] += 1
        if data.is_letter:
            self.annex_letter(committee, paper, data)
        self.report.meetings.append(meeting_line(data.meeting_date, len(data.actions), counts))
        self.report.meetings += listing

    def annex_letter(self, committee, paper, data: AnnexLetter) -> None:
        """The letter the annex came with, as correspondence sent, linked to the paper."""
        letter = Correspondence.all_objects.filter(
            committee=committee, direction=Correspondence.Direction.SENT, date=data.letter_date
        ).first()
        if letter is None:
            leads = Counter(lead for row in data.actions for lead in row.leads[:1])
            organisation = self.directory.split_person(data.recipient)[1] or (
                self.directory.organisation(leads.most_common(1)[0][0]) if leads else None
            )
            letter = Correspondence(
                committee=committee,
                direction=Correspondence.Direction.SENT,
                date=data.letter_date,
                sender=" ".join(filter(None, [data.signatory, data.signatory_title]))[:300]
                or "Not stated",
                recipient=data.recipient or "Not stated",
                organisation=organisation,
                subject=f"{data.board_name} meeting of {format_date(data.meeting_date)}",
                reference=data.reference,
            )
            letter.full_clean()
            letter.save()
            self.report.created["letters"] += 1
        PaperCorrespondence.objects.get_or_create(paper=paper, correspondence=letter)

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
        before = None
        if report is None:
            report = CommitteeReport(committee=committee, title=data.report_title, **fields)
            self.report.created["committee reports"] += 1
        else:
            before = stored_values(report)
            for name, value in fields.items():
                setattr(report, name, value)
        report.full_clean()
        # An existing report's version goes up if the import changed it, so an edit form
        # opened before is refused.
        save_if_changed(report, before)
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
            f"{len(data.recommendations)} recommendation{pluralize(data.recommendations)}"
        )


ANNEX_LABELS = {
    "intro": "Action",
    "timing": "Timing",
    "due_date": "Due date",
    "status": "Status",
    "responsible_person": "Lead",
}


def _shown_change(action: Action, name: str, new) -> tuple[str, str, str]:
    """One change of an Annex A action, as the officer reads it: field label, old, new."""
    old = getattr(action, name)
    if name == "status":
        old, new = Action.Status(old).label, Action.Status(new).label
    elif name == "due_date":
        old, new = (format_date(d) if d else "" for d in (old, new))
    return ANNEX_LABELS.get(name, name), "" if old is None else str(old), str(new or "")

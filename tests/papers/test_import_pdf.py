"""import_paper on PDFs: tables rendered from HTML, broken across pages with repeated headers."""

import datetime as dt
import io
from html import escape

import pytest
from django.core.management import CommandError, call_command

from actions.models import Action, FollowUp, ResponsiblePerson
from actions.services import format_date
from actiontracker.pdf import html_to_pdf
from correspondence.models import CommitteeReport, Complaint, Correspondence
from meetings.models import AgendaItem, Committee, ContactOfficer, Meeting, Organisation
from papers.importing.pdftext import pdf_to_text
from papers.models import Paper, PaperCorrespondence
from papers.registry import RENDERERS
from tests.import_papers import seed_path

pytestmark = pytest.mark.django_db
D = dt.date

STYLE = """
@page { size: A4; margin: 2cm; @bottom-center { content: "Page " counter(page) " of "
  counter(pages); font: 9pt "Liberation Sans"; } }
body { font: 10pt "Liberation Sans", "DejaVu Sans", sans-serif; }
table { border-collapse: collapse; width: 100%; }
th, td { border: 1px solid #000; padding: 3pt; vertical-align: top; text-align: left; }
thead { display: table-header-group; }
ul { margin: 0; padding-left: 12pt; }
"""


BORDERS = {
    "grid": "border: 1px solid #000;",
    "rules": "border: 0; border-bottom: 1px solid #b1b4b6;",
    "none": "border: 0;",
}


def paper_html(
    *, date, blocks, contact="Lauren Harvey, Senior Committee Officer", borders="grid"
) -> str:
    """A paper in the shape the project renders: header table, one five-column table per
    meeting (header row repeated on each page), standing texts, contact officer."""
    parts = [
        f'<!doctype html><html lang="en"><head><title>Summary List of Actions</title>'
        f"<style>{STYLE.replace(BORDERS['grid'], BORDERS[borders])}</style></head><body>",
        "<table>",
        "<tr><th>Subject:</th><td>Summary List of Actions</td></tr>",
        "<tr><th>Report to:</th><td>Police and Crime Committee</td></tr>",
        "<tr><th>Report of:</th><td>Executive Director of Assembly Secretariat</td></tr>",
        f"<tr><th>Date:</th><td>{format_date(date)}</td></tr>",
        "<tr><th>Public Access:</th><td>This report will be considered in public</td></tr>",
        "</table>",
        "<h2>1. Summary</h2><p>1.1 This report updates the Committee.</p>",
        "<h2>3. Summary List of Actions</h2>",
    ]
    for meeting_date, rows in blocks:
        parts.append(
            f"<h3>Actions Arising from the Meeting Held on {format_date(meeting_date)}</h3>"
        )
        parts.append(
            "<table><thead><tr><th>Item No.</th><th>Item Title</th><th>Responsible Person</th>"
            "<th>Action(s)</th><th>Status</th></tr></thead><tbody>"
        )
        for number, title, person, intro, items, status in rows:
            listed = "".join(f"<li>{escape(i)}</li>" for i in items)
            parts.append(
                f"<tr><td>{escape(number)}</td><td>{escape(title)}</td><td>{escape(person)}</td>"
                f"<td><p>{escape(intro)}</p>{f'<ul>{listed}</ul>' if items else ''}</td>"
                f"<td>{escape(status)}</td></tr>"
            )
        parts.append("</tbody></table>")
    parts += [
        "<h2>5. Legal Implications</h2><p>5.1 The Committee has the power.</p>",
        f"<p>Contact Officer: {escape(contact)}</p>",
        "</body></html>",
    ]
    return "".join(parts)


def import_pdf(tmp_path, pdf: bytes, *args) -> str:
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    out = io.StringIO()
    call_command("import_paper", str(path), *args, stdout=out)
    return out.getvalue()


@pytest.mark.parametrize("borders", ["grid", "rules", "none"])
def test_pdf_table_broken_across_pages_imports_every_row_whole(tmp_path, borders):
    items = [f"Details of matter {n} that the Committee asked the MPS about;" for n in range(9)]
    rows = [
        (
            str(6 + n // 3),
            f"Q&A Session {6 + n // 3} on a title long enough to wrap in its cell",
            "Deputy Commissioner, MPS",
            "The Committee requested the following:",
            [*items[:-1], f"Confirmation of point {n}."],
            f"Ongoing. Followed-up on {n + 1} May 2023.",
        )
        for n in range(10)
    ]
    html = paper_html(date=D(2023, 5, 24), blocks=[(D(2023, 3, 22), rows)], borders=borders)
    pdf = html_to_pdf(html)
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    extracted = pdf_to_text(path)
    assert extracted.count("Item Title\t") > 1, "the table should span several pages"
    assert "Page 1 of" not in extracted
    import_pdf(tmp_path, pdf)
    actions = list(Action.objects.order_by("position"))
    assert len(actions) == 10
    for n, action in enumerate(actions):
        assert action.intro == "The Committee requested the following:"
        assert action.requested_items == [*items[:-1], f"Confirmation of point {n}."]
        assert action.status_text == f"Ongoing. Followed-up on {n + 1} May 2023."
        assert action.last_chased_on == D(2023, 5, n + 1)
    assert Paper.objects.get().meeting.date == D(2023, 5, 24)
    assert (
        actions[0].agenda_item.title == "Q&A Session 6 on a title long enough to wrap in its cell"
    )


def test_not_a_pdf_paper_is_refused(tmp_path):
    pdf = html_to_pdf("<!doctype html><html lang='en'><title>x</title><p>Hello</p></html>")
    with pytest.raises(CommandError, match="line 1: expected"):
        import_pdf(tmp_path, pdf)
    assert Meeting.objects.count() == 0


ROUND_TRIP_ORDER = [
    FollowUp,
    PaperCorrespondence,
    Paper,
    CommitteeReport,
    Action.all_objects,
    AgendaItem,
    Meeting,
    Correspondence,
    Complaint,
    ContactOfficer,
    ResponsiblePerson,
    Organisation,
    Committee,
]


def snapshot():
    """What the paper shows of every action, keyed so the comparison ignores record ids."""
    return sorted(
        (
            a.agenda_item.meeting.date,
            a.agenda_item.number,
            a.agenda_item.title,
            str(a.responsible_person),
            a.intro,
            tuple(a.requested_items),
            a.status,
            a.status_note,
        )
        for a in Action.objects.select_related(
            "agenda_item__meeting", "responsible_person__organisation"
        )
    )


def test_round_trip_seed_to_rendered_pdf_to_empty_database(tmp_path):
    """Import the seed paper, render its PDF with the project's renderer, import that PDF
    into an empty database: the same meetings, items, actions, statuses and notes."""
    call_command("import_paper", str(seed_path("000")), stdout=io.StringIO())
    before = snapshot()
    meetings = sorted(Meeting.objects.values_list("date", flat=True))
    paper = Paper.objects.select_related("meeting").get()
    pdf = html_to_pdf(RENDERERS[Paper.Kind.SUMMARY](paper.meeting))
    for manager in ROUND_TRIP_ORDER:
        manager = getattr(manager, "objects", manager)
        manager.all().delete()
    assert Action.all_objects.count() == 0 and Meeting.objects.count() == 0

    import_pdf(tmp_path, pdf)
    assert sorted(Meeting.objects.values_list("date", flat=True)) == meetings
    assert snapshot() == before
    again = Paper.objects.get()
    assert (again.period_start, again.period_end) == (D(2023, 3, 9), D(2023, 5, 9))
    assert again.contact_officers.get().email == "lauren.harvey@london.gov.uk"
    assert Correspondence.objects.count() == 4
    assert Action.objects.finished().filter(reported_in=again).count() == 13


def test_damaged_pdf_is_refused_with_a_clear_message(tmp_path):
    with pytest.raises(CommandError, match="line 1: expected a readable PDF"):
        import_pdf(tmp_path, b"%PDF-1.7 not really a PDF")
    assert Meeting.objects.count() == 0


def board_snapshot():
    return sorted(
        (
            a.agenda_item.meeting.committee.name,
            a.agenda_item.meeting.date,
            a.number,
            a.intro,
            a.timing,
            a.due_date,
            a.status,
            tuple(sorted(o.short_name for o in a.lead_organisations.all())),
        )
        for a in Action.objects.select_related("agenda_item__meeting__committee")
    )


def report_snapshot():
    report = CommitteeReport.objects.select_related("addressed_to", "response_meeting").get()
    return (
        report.title,
        report.agreed_on,
        report.addressed_to.short_name,
        report.response_meeting.date,
        [(r.number, r.text, r.sub_points) for r in report.recommendations.all()],
    )


@pytest.mark.parametrize(
    ("prefix", "kind", "snapshot"),
    [("002", Paper.Kind.ANNEX, board_snapshot), ("003", Paper.Kind.RESPONSE, report_snapshot)],
)
def test_round_trip_other_seeds_through_their_renderers(tmp_path, prefix, kind, snapshot):
    """The board letter's annex and the response paper, rendered by the project and read
    back into an empty database, give the same actions and recommendations."""
    assert kind in RENDERERS
    call_command("import_paper", str(seed_path(prefix)), stdout=io.StringIO())
    before = snapshot()
    paper = Paper.objects.select_related("meeting").get(kind=kind)
    pdf = html_to_pdf(RENDERERS[kind](paper.meeting))
    for manager in ROUND_TRIP_ORDER:
        getattr(manager, "objects", manager).all().delete()
    import_pdf(tmp_path, pdf)
    assert snapshot() == before
    assert Paper.objects.get().kind == kind

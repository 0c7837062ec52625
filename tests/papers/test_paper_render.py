"""The paper's layout, escaping, query bound, appendices and the render_report command."""

import datetime as dt
import subprocess

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.models import Action
from papers.appendices import format_dates, next_appendix_number
from papers.render import paper_context, render_paper_html, render_paper_pdf
from papers.services import paper_create, paper_update, reply_link_actions
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    ComplaintFactory,
    CorrespondenceFactory,
    DisclosureFactory,
    MeetingFactory,
    OrganisationFactory,
)
from tests.http_trap import http_trap

pytestmark = pytest.mark.django_db
D = dt.date


def pdftotext(pdf: bytes, tmp_path, *args) -> str:
    path = tmp_path / "paper.pdf"
    path.write_bytes(pdf)
    return subprocess.run(
        ["pdftotext", *args, str(path), "-"], capture_output=True, text=True, check=True
    ).stdout


def make_paper(n_actions=2, meeting_date=None, name="Police and Crime Committee"):
    meeting_date = meeting_date or D(2023, 5, 24)
    committee = CommitteeFactory(name=name, slug=name.lower().replace(" ", "-"))
    earlier = MeetingFactory(committee=committee, date=D(2023, 3, 22))
    older = MeetingFactory(committee=committee, date=D(2023, 2, 22))
    for i in range(n_actions):
        ActionFactory(
            agenda_item=AgendaItemFactory(meeting=earlier if i % 2 else older, number=str(i + 5)),
            intro=f"The Committee requested the following {i}:",
            requested_items=["First thing;", "Second thing; and", "Third thing."],
            status_note="Followed-up on 4 May 2023.",
        )
    return paper_create(meeting=MeetingFactory(committee=committee, date=meeting_date))


def test_layout_section_by_section_in_html_and_pdf(tmp_path):
    paper = make_paper()
    html = render_paper_html(paper)
    for fragment in [
        '<h1 class="paper-subject">Subject: Summary List of Actions</h1>',
        '<th scope="row">Report to:</th><td>Police and Crime Committee</td>',
        "<h2>1. Summary</h2>",
        "<h2>2. Recommendation</h2>",
        "<strong>That the Committee notes the outstanding actions arising from its previous "
        "meetings.</strong>",
        "<h2>3. Summary List of Actions</h2>",
        '<th scope="col" class="paper-col-action">Action(s)</th>',
        "<li>Second thing; and</li>",
        "<h2>4. Additional Correspondence</h2>",
        "<h2>5. Legal Implications</h2>",
        "<h2>6. Financial Implications</h2>",
        "List of appendices to this report:",
        "Local Government (Access to Information) Act 1985",
        "Contact Information",
    ]:
        assert fragment in html
    assert "No complaints to report for the period from 22 March to 9 May 2023." in html
    assert "No disclosures to report for the period from 22 March to 9 May 2023." in html
    assert "style=" not in html and "<style" not in html and "<script" not in html

    text = pdftotext(render_paper_pdf(paper), tmp_path, "-layout")
    order = [
        "Subject: Summary List of Actions",
        "Report to:",
        "Date:",
        "24 May 2023",
        "1. Summary",
        "1.1",
        "2. Recommendation",
        "3. Summary List of Actions",
        "Actions Arising from the Meeting Held on 22 March 2023",
        "Ongoing. Followed-up",
        "Actions Arising from the Meeting Held on 22 February 2023",
        "Complaints about the Mayor’s Office for Policing and Crime",
        "No complaints to report",
        "No disclosures to report",
        "4. Additional Correspondence",
        "There is no additional correspondence to report.",
        "5. Legal Implications",
        "5.1     The Committee has the power to do what is recommended in this report.",
        "6. Financial Implications",
        "6.1     There are no financial implications arising from this report.",
        "List of appendices to this report:",
        "Page 1 of",
    ]
    position = 0
    for fragment in order[:-1]:
        found = text.find(fragment, position)
        assert found >= 0, fragment
        position = found
    pages = text.count("\f")
    assert all(f"Page {n} of {pages}" in text for n in range(1, pages + 1))
    assert "• First thing;" in text


def test_standing_rows_use_the_registers_and_overrides():
    paper = make_paper()
    committee = paper.meeting.committee
    ComplaintFactory(committee=committee, received_on=D(2023, 4, 1), public_summary="Summary A.")
    ComplaintFactory(committee=committee, received_on=D(2023, 1, 1), public_summary="Too old.")
    DisclosureFactory(
        committee=committee,
        member="Jane Member",
        contact_date=D(2023, 3, 1),
        disclosed_on=D(2023, 4, 20),
    )
    html = render_paper_html(paper)
    assert "Summary A." in html and "Too old." not in html
    assert "Confidential" not in html and "Complainant&#x27;s name" not in html
    assert "Jane Member disclosed contact with Borough Commander on 1 March 2023" in html
    assert "Late: disclosed 50 days after contact (due within 28 days)." in html

    paper.complaints_status_text = "Typed by the officer."
    paper.transparency_status_text = "Also typed."
    paper.summary_text = "A summary of our own."
    paper.save()
    html = render_paper_html(paper)
    assert "Typed by the officer." in html and "Summary A." not in html
    assert "Also typed." in html and "Jane Member" not in html
    assert "A summary of our own." in html


def test_user_text_is_inert_in_html_and_pdf(tmp_path):
    with http_trap() as (port, hits):
        paper = make_paper(n_actions=0)
        hostile = (
            '<img src="file:///etc/passwd"> <script>alert(1)</script> '
            f'<img src="http://127.0.0.1:{port}/leak.png">'
        )
        ActionFactory(
            agenda_item=AgendaItemFactory(
                meeting=MeetingFactory(committee=paper.meeting.committee, date=D(2023, 4, 1))
            ),
            intro=hostile,
            requested_items=[f'<link rel="stylesheet" href="http://127.0.0.1:{port}/x.css">'],
            status_note="<b>bold?</b>",
        )
        html = render_paper_html(paper)
        pdf = render_paper_pdf(paper)
    assert hits == []
    assert '<img src="file' not in html and "<script>alert" not in html
    assert "&lt;img src=&quot;file:///etc/passwd&quot;&gt;" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    text = pdftotext(pdf, tmp_path)
    flat = "".join(text.split())
    assert '<imgsrc="file:///etc/passwd">' in flat
    assert "<script>alert(1)</script>" in flat
    assert "<b>bold?</b>" in flat
    assert "root:" not in text


def test_query_count_does_not_grow_with_actions(django_assert_max_num_queries):
    def queries_for(n):
        paper = make_paper(n_actions=n, name=f"Committee {n}")
        letter = CorrespondenceFactory(
            committee=paper.meeting.committee, direction="received", date=D(2023, 5, 1)
        )
        letter.answers.add(*Action.objects.all())
        paper_update(paper=paper, data={}, letters=[letter])
        with CaptureQueriesContext(connection) as ctx:
            render_paper_html(paper)
        return len(ctx.captured_queries)

    few, many = queries_for(2), queries_for(40)
    assert few == many
    paper = make_paper(n_actions=30, name="Committee 30")
    with django_assert_max_num_queries(10):
        render_paper_html(paper)


def test_appendices_numbered_by_first_mention_and_worded_like_the_seed():
    paper = make_paper(n_actions=0)
    committee = paper.meeting.committee
    mps = OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    newer = MeetingFactory(committee=committee, date=D(2023, 4, 1))
    older = MeetingFactory(committee=committee, date=D(2023, 1, 1))
    first_row = ActionFactory(agenda_item=AgendaItemFactory(meeting=newer))
    second_row = ActionFactory(agenda_item=AgendaItemFactory(meeting=older))
    sent = CorrespondenceFactory(
        committee=committee,
        date=D(2023, 3, 24),
        recipient="the Mayor",
        summary="the Chairman invited the Mayor of London to attend",
    )
    mps_a = CorrespondenceFactory(
        committee=committee,
        direction="received",
        date=D(2023, 5, 2),
        received_on=D(2023, 5, 2),
        sender="Deputy Commissioner, MPS",
        organisation=mps,
    )
    mps_b = CorrespondenceFactory(
        committee=committee,
        direction="received",
        date=D(2023, 5, 9),
        received_on=D(2023, 5, 9),
        sender="Commissioner, MPS",
        organisation=mps,
    )
    mopac = CorrespondenceFactory(
        committee=committee,
        direction="received",
        date=D(2023, 5, 4),
        received_on=D(2023, 5, 4),
        sender="Chief Executive, MOPAC",
    )
    paper_update(paper=paper, data={}, letters=[sent, mps_a, mps_b, mopac], section_four=[sent])
    # The MOPAC reply answers the action of the newest meeting: it is mentioned first.
    assert reply_link_actions(letter=mopac, actions=[first_row], complete=True) == 1
    assert reply_link_actions(letter=mps_b, actions=[second_row], complete=True) == 2
    mps_a.answers.add(second_row)
    context = paper_context(paper)
    assert [a.heading for a in context["appendices"]] == [
        "Appendix 1 – Correspondence from Chief Executive, MOPAC, dated 4 May 2023",
        "Appendix 2 – Responses from the MPS, received 2 & 9 May 2023",
        "Appendix 3 – Correspondence to the Mayor, dated 24 March 2023",
    ]
    statuses = [row.status for _, rows in context["blocks"] for row in rows]
    assert statuses == ["Completed. Attached at Appendix 1.", "Completed. Attached at Appendix 2."]
    html = render_paper_html(paper)
    assert (
        "On 24 March 2023, the Chairman invited the Mayor of London to attend, a copy of the "
        "letter is attached at <strong>Appendix 3</strong>."
    ) in html
    assert "The Committee is asked to note the correspondence sent." in html
    assert "and the additional correspondence sent." in html
    assert next_appendix_number(mps_a) == 2


def test_reply_link_without_confirmation_leaves_the_action_ongoing():
    paper = make_paper(n_actions=1)
    action = Action.objects.get()
    reply = CorrespondenceFactory(
        committee=paper.meeting.committee, direction="received", date=D(2023, 5, 2)
    )
    assert reply_link_actions(letter=reply, actions=[action]) is None
    action.refresh_from_db()
    assert action.status == Action.Status.ONGOING
    assert list(reply.answers.all()) == [action]
    assert paper.letters.filter(correspondence=reply).exists()


def test_format_dates():
    assert format_dates([D(2023, 5, 9), D(2023, 5, 2)]) == "2 & 9 May 2023"
    assert format_dates([D(2023, 4, 28), D(2023, 5, 2)]) == "28 April & 2 May 2023"
    assert format_dates([D(2022, 12, 30), D(2023, 1, 4)]) == "30 December 2022 & 4 January 2023"


def test_render_report_command_writes_pdf_and_html(tmp_path):
    paper = make_paper()
    slug = paper.meeting.committee.slug
    pdf, html = tmp_path / "p.pdf", tmp_path / "p.html"
    call_command("render_report", "--committee", slug, "--meeting", "2023-05-24", "-o", str(pdf))
    call_command(
        "render_report", "--committee", slug, "--meeting", "2023-05-24", "--html", str(html)
    )
    assert pdf.read_bytes().startswith(b"%PDF")
    assert "Actions Arising from the Meeting Held on 22 March 2023" in html.read_text()
    with pytest.raises(Exception, match="no meeting"):
        call_command("render_report", "--committee", slug, "--meeting", "2020-01-01", "-o", "x")

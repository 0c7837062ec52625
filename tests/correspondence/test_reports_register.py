"""Committee reports and recommendations (seed 003) and the response-to-report paper."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from actiontracker.pdf import html_to_pdf
from correspondence.models import CommitteeReport, Recommendation
from papers.models import Paper
from papers.registry import RENDERERS
from papers.response import NoReportForMeeting, response_html
from tests.factories import CommitteeFactory, MeetingFactory, OrganisationFactory
from tests.pdf_helpers import pdftotext
from tests.seed_report_003 import RECOMMENDATIONS, TITLE, create_seed_003

pytestmark = pytest.mark.django_db

HEADINGS = [
    "1. Summary",
    "2. Recommendation",
    "3. Background",
    "4. Issues for Consideration",
    "5. Legal Implications",
    "6. Financial Implications",
    "List of appendices to this report:",
    "Local Government (Access to Information) Act 1985",
]


@pytest.fixture
def report():
    return create_seed_003()


def flat(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def test_response_paper_pdf_has_the_sections_of_seed_003(report, tmp_path):
    text = pdftotext(html_to_pdf(response_html(report.response_meeting)), tmp_path)
    one_line = flat(text)
    assert f"Subject: Response to the Committee's Report: {TITLE}" in one_line
    assert "Report to: Police and Crime Committee" in one_line
    assert "Report of: Executive Director of Secretariat" in one_line
    assert "Date: 29 March 2017" in one_line
    assert "This report will be considered in public" in text
    positions = [text.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    assert (
        "1.1 The Committee is asked to note the response from the Deputy Mayor for Policing "
        f"and Crime to its report, {TITLE}." in one_line
    )
    assert "3.3 The Committee made the following recommendations:" in one_line
    # Every recommendation in order, each with its sub-points as bullets.
    starts = [text.index(f"Recommendation {number}\n") for number, _t, _p in RECOMMENDATIONS]
    assert starts == sorted(starts)
    for _number, _text, points in RECOMMENDATIONS:
        for point in points:
            assert f"• {point}" in one_line
    assert "4.2 The response from the Deputy Mayor for Policing and Crime" in one_line
    assert "Appendix 1: Response from the Deputy Mayor for Policing and Crime." in one_line
    assert "List of Background Papers: None" in one_line
    assert "Contact Officer: Joanna Brown and Teresa Young, Senior Committee Officers" in one_line
    assert "E-mail: joanna.brown@london.gov.uk and teresa.young@london.gov.uk" in one_line
    assert "Page 1 of" in text


def test_the_response_paper_is_registered_for_render_report(report):
    assert RENDERERS["response"](report.response_meeting) == response_html(report.response_meeting)


def test_a_meeting_with_no_report_gives_a_clear_error():
    with pytest.raises(NoReportForMeeting, match="response meeting"):
        response_html(MeetingFactory())


def test_texts_of_a_response_paper_override_the_defaults(report):
    Paper.objects.create(
        meeting=report.response_meeting,
        kind=Paper.Kind.RESPONSE,
        subject="Response",
        committee_report=report,
        financial_text="There are no financial implications arising from this review.",
        background_papers="The Committee's report of 23 February 2017",
    )
    html = response_html(report.response_meeting)
    assert "There are no financial implications arising from this review." in html
    assert "The Committee&#x27;s report of 23 February 2017" in html


def test_outcomes_are_summarised_under_issues_for_consideration(report):
    report.recommendations.filter(number__lte=8).update(outcome=Recommendation.Outcome.ACCEPTED)
    report.recommendations.filter(number=9).update(outcome=Recommendation.Outcome.NOT_ACCEPTED)
    report.recommendations.filter(number=10).update(outcome=Recommendation.Outcome.PARTLY)
    html = flat(response_html(report.response_meeting))
    assert (
        "Of the Committee&#x27;s 13 recommendations, 8 were accepted, 1 was partly accepted, "
        "1 was not accepted and 3 await a response." in html
    )


def test_the_response_paper_query_count_is_fixed(report, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response_html(report.response_meeting)


def report_post_data(committee, organisation, meeting, rows):
    data = {
        "committee": committee.pk,
        "title": "Tackling knife crime",
        "agreed_on": "2023-02-23",
        "addressed_to": organisation.pk,
        "responder": "the Deputy Mayor for Policing and Crime",
        "response_letter": "",
        "response_meeting": meeting.pk,
        "background": "",
        "issues_for_consideration": "",
        "recommendations-TOTAL_FORMS": str(len(rows)),
        "recommendations-INITIAL_FORMS": "0",
        "recommendations-MIN_NUM_FORMS": "0",
        "recommendations-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"recommendations-{index}-{key}"] = value
    return data


def test_officer_enters_a_report_with_numbered_recommendations_and_sub_points(
    client, officer, member
):
    committee = CommitteeFactory()
    organisation = OrganisationFactory(name="Mayor's Office for Policing and Crime")
    meeting = MeetingFactory(committee=committee, date=dt.date(2023, 5, 10))
    rows = [
        {
            "number": "2",
            "text": "MOPAC should publish its data.",
            "sub_points": "• monthly;\n\n- by borough; and",
            "response": "MOPAC will publish quarterly.",
            "outcome": "partly",
        },
        {"number": "1", "text": "MOPAC should review.", "sub_points": "", "outcome": "accepted"},
        {"number": "", "text": "", "sub_points": "", "outcome": "awaiting"},  # an empty row
    ]
    data = report_post_data(committee, organisation, meeting, rows)
    client.force_login(member)
    assert client.post(reverse("report-create"), data).status_code == 403
    client.force_login(officer)
    response = client.post(reverse("report-create"), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    report = CommitteeReport.objects.get()
    recommendations = list(report.recommendations.all())
    assert [r.number for r in recommendations] == [1, 2]
    assert recommendations[1].sub_points == ["monthly;", "by borough; and"]
    assert recommendations[1].get_outcome_display() == "Partly accepted"
    page = client.get(report.get_absolute_url()).content.decode()
    assert "Partly accepted" in page and "MOPAC will publish quarterly." in page

    # Editing: drop recommendation 1, change 2's outcome.
    edit = client.get(reverse("report-edit", args=[report.pk]))
    assert "MOPAC should publish its data." in edit.content.decode()
    rows = [
        {"number": "1", "text": "MOPAC should review.", "outcome": "accepted", "DELETE": "on"},
        {"number": "2", "text": "MOPAC should publish its data.", "outcome": "not_accepted"},
    ]
    data = report_post_data(committee, organisation, meeting, rows)
    response = client.post(reverse("report-edit", args=[report.pk]), data)
    assert response.status_code == 302
    assert [(r.number, r.outcome) for r in report.recommendations.all()] == [(2, "not_accepted")]


def test_duplicate_recommendation_numbers_are_refused_and_nothing_saved(officer_client):
    committee = CommitteeFactory()
    organisation = OrganisationFactory()
    meeting = MeetingFactory(committee=committee)
    rows = [
        {"number": "1", "text": "One.", "outcome": "awaiting"},
        {"number": "1", "text": "Again one.", "outcome": "awaiting"},
    ]
    data = report_post_data(committee, organisation, meeting, rows)
    response = officer_client.post(reverse("report-create"), data)
    assert response.status_code == 200
    assert "Each recommendation needs its own number." in response.content.decode()
    assert not CommitteeReport.objects.exists()


def test_report_register_filters_and_csv(member_client, report):
    page = member_client.get(reverse("report-list"), {"awaiting": "on"}).content.decode()
    assert TITLE.replace("'", "&#x27;") in page
    report.recommendations.update(outcome=Recommendation.Outcome.ACCEPTED)
    page = member_client.get(reverse("report-list"), {"awaiting": "on"}).content.decode()
    assert "Nothing matches these filters." in page
    csv_text = member_client.get(reverse("report-export")).getvalue().decode("utf-8-sig")
    assert TITLE in csv_text and "2017-03-29" in csv_text


def test_response_paper_preview_and_pdf_in_the_browser(member_client, report, tmp_path):
    url = reverse("report-response-paper", args=[report.pk])
    assert "3. Background" in member_client.get(url).content.decode()
    response = member_client.get(url, {"format": "pdf"})
    assert response["Content-Type"] == "application/pdf"
    assert "Recommendation 13" in pdftotext(response.content, tmp_path)


def test_officer_edits_the_response_paper_texts_and_the_paper_uses_them(
    client, officer, member, report
):
    url = reverse("report-response-texts", args=[report.pk])
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(officer)
    form = client.get(url).content.decode()
    assert "Response to the Committee&#x27;s Report: Response to the Mayor" in form
    data = {
        "subject": f"Response to the Committee's Report: {TITLE}",
        "report_to": "Police and Crime Committee",
        "report_of": "Executive Director of Secretariat",
        "public_access": "This report will be considered in public",
        "summary_text": "",
        "recommendation_text": "",
        "legal_text": "The Committee has the power to do what is recommended in the report.",
        "financial_text": "There are no financial implications arising from this review.",
        "background_papers": "None",
    }
    assert client.post(url, data).status_code == 302
    paper = Paper.objects.get(kind=Paper.Kind.RESPONSE)
    assert paper.committee_report == report
    assert paper.meeting == report.response_meeting
    html = flat(response_html(report.response_meeting))
    assert "5.1</span>The Committee has the power to do what is recommended in the report." in html
    assert "arising from this review." in html
    # Blank texts keep the generated wording.
    assert "That the Committee notes the response from the Deputy Mayor" in html


def test_a_published_response_paper_is_frozen(officer_client, report):
    Paper.objects.create(
        meeting=report.response_meeting,
        kind=Paper.Kind.RESPONSE,
        subject="Response",
        committee_report=report,
        status=Paper.Status.PUBLISHED,
    )
    url = reverse("report-response-texts", args=[report.pk])
    data = {"subject": "Changed", "report_to": "x", "report_of": "y", "public_access": "z"}
    data.update(legal_text="l", financial_text="f", background_papers="None")
    response = officer_client.post(url, data)
    assert "published and can no longer be changed" in response.content.decode()
    assert Paper.objects.get().subject == "Response"


def test_texts_need_a_response_meeting_first(officer_client, report):
    report.response_meeting = None
    report.save()
    response = officer_client.get(reverse("report-response-texts", args=[report.pk]))
    assert response.status_code == 302
    assert not Paper.objects.exists()


def test_report_form_query_count_does_not_grow_with_meetings(
    officer_client, django_assert_max_num_queries
):
    MeetingFactory()
    with django_assert_max_num_queries(20) as few:
        officer_client.get(reverse("report-create"))
    for _ in range(20):
        MeetingFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        officer_client.get(reverse("report-create"))


def test_user_text_is_escaped_in_the_response_paper(report):
    report.title = '<img src="http://example.com/x.png"> Policing'
    report.save()
    report.recommendations.filter(number=1).update(sub_points=["<script>alert(1)</script>"])
    html = response_html(report.response_meeting)
    assert "<script>" not in html and '<img src="http' not in html
    assert "&lt;script&gt;" in html

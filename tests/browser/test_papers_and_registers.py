"""The papers and the registers in a real browser, on the demo data: axe-core on each page
(forms also with their errors shown), and the correspondence filter with JavaScript off."""

import re

import pytest
from django.urls import reverse

from correspondence.models import CommitteeReport, Correspondence
from meetings.models import Meeting
from papers.demo import load_demo
from papers.models import Paper
from tests.browser.conftest import sign_in
from tests.browser.test_workspace import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def demo(live_server):
    load_demo()
    return {
        "paper": Paper.objects.get(meeting__date="2026-12-09", kind=Paper.Kind.SUMMARY),
        "letter": Correspondence.objects.filter(direction="received").exclude(file="").first(),
        "report": CommitteeReport.objects.get(),
        "board_meeting": Meeting.objects.get(
            committee__slug="performance-and-risk-oversight-board"
        ),
    }


def test_paper_and_register_pages_have_no_accessibility_violations_above_minor(page, demo):
    sign_in(page, "officer")
    paper = demo["paper"]
    problems = {}
    for name, url in [
        ("papers list", reverse("paper-list", args=[paper.meeting.committee.slug])),
        ("paper preview", reverse("paper-detail", args=[paper.pk])),
        ("paper edit form", reverse("paper-edit", args=[paper.pk])),
        ("correspondence register", reverse("correspondence-list")),
        ("correspondence detail", reverse("correspondence-detail", args=[demo["letter"].pk])),
        ("reply link form", reverse("reply-link", args=[demo["letter"].pk])),
        ("new letter form", reverse("correspondence-create")),
        ("disclosures register", reverse("disclosure-list")),
        ("reports list", reverse("report-list")),
        ("report form", reverse("report-edit", args=[demo["report"].pk])),
        ("response paper preview", reverse("report-response-paper", args=[demo["report"].pk])),
        ("board annex preview", reverse("board-annex", args=[demo["board_meeting"].pk])),
    ]:
        response = page.goto(url)
        assert response.status == 200, name
        problems[name] = axe_violations(page)

    # Forms re-displayed with their errors.
    page.goto(reverse("paper-edit", args=[paper.pk]))
    page.get_by_label("Subject", exact=True).fill("")
    page.get_by_role("button", name="Save paper").click()
    page.wait_for_selector(".govuk-error-summary")
    assert "There is a problem" in page.content()
    problems["paper edit form with errors"] = axe_violations(page)
    page.goto(reverse("correspondence-create"))
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-error-summary")
    assert "There is a problem" in page.content()
    problems["new letter form with errors"] = axe_violations(page)

    # The dashboard as a member reads it, on figures with a published paper behind them.
    page.context.clear_cookies()
    sign_in(page, "member")
    dashboard = reverse("dashboard")
    for name, url in [
        ("dashboard", dashboard),
        ("dashboard, every meeting", f"{dashboard}?meetings=all"),
        ("board dashboard", f"{dashboard}?committee=performance-and-risk-oversight-board"),
        ("dashboard with an error", f"{dashboard}?days=-1"),
    ]:
        response = page.goto(url)
        assert response.status == 200, name
        problems[name] = axe_violations(page)
    assert "There is a problem" in page.content()

    page.context.clear_cookies()
    sign_in(page, "monitoring")
    assert page.goto(reverse("complaint-list")).status == 200
    problems["complaints register"] = axe_violations(page)
    assert {name: found for name, found in problems.items() if found} == {}


def test_correspondence_filter_works_without_javascript(no_js_page, demo):
    page = no_js_page
    sign_in(page, "member")
    page.goto(reverse("correspondence-list"))
    page.get_by_text("Filter", exact=True).click()
    page.get_by_label("Search").fill("diversion")
    page.get_by_role("button", name="Apply filters").click()
    assert "q=diversion" in page.url
    table = page.locator("table").inner_text()
    assert "Briefing on the youth diversion scheme" in table
    assert "Invitation to the December meeting" not in table
    assert "1 record matches these filters." in page.content()


def test_officer_links_a_reply_from_the_letter_page_and_completes_the_action(page, demo):
    from actions.models import Action

    sign_in(page, "officer")
    letter = Correspondence.objects.get(subject="Briefing on the youth diversion scheme")
    page.goto(reverse("correspondence-detail", args=[letter.pk]))
    page.get_by_role("link", name="Link this reply to actions").click()
    assert "This reply will be Appendix 1 of the paper for 9 December 2026." in page.content()
    page.get_by_label(re.compile("^Mark them completed")).check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_selector(".govuk-notification-banner, .govuk-error-summary")

    assert page.url.endswith(reverse("paper-detail", args=[demo["paper"].pk]))
    assert "Completed. Attached at Appendix 1." in page.content()
    action = Action.objects.get(answered_by=letter)
    assert action.status_text == "Completed. Attached at Appendix 1."

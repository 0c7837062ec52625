"""The officer's day in a real browser: sign in, filter, chase, read the paper; with
axe-core on every main page and JavaScript switched off."""

import datetime as dt
import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.urls import reverse
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from actions.models import Action
from actiontracker import roles
from papers.models import Paper
from tests.browser.conftest import fill_date, sign_in
from tests.factories import ActionFactory, AgendaItemFactory, MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def data(live_server):
    officer = UserFactory(username="officer", role=roles.OFFICERS)
    UserFactory(username="member", role=roles.MEMBERS)
    meeting = MeetingFactory(date=dt.date(2023, 3, 22))
    item = AgendaItemFactory(meeting=meeting, number="6", title="Independent Review of Prevent")
    chased = ActionFactory(
        agenda_item=item,
        intro="The Deputy Commissioner agreed to provide the referral figures.",
        status_note="Awaiting reply.",
    )
    other = ActionFactory(
        agenda_item=item, intro="The Chief Executive agreed to write about training."
    )
    ActionFactory(
        agenda_item=item,
        intro="A closed action about custody.",
        status=Action.Status.CLOSED,
        finished_on=dt.date(2023, 4, 1),
    )
    return {"officer": officer, "meeting": meeting, "chased": chased, "other": other}


AXE_TIMEOUT_MS = 60_000
AXE_RUN = """() => {
    window.__axeResults = undefined;
    axe.run(document, {resultTypes: ["violations"]}).then(
        (results) => { window.__axeResults = results; },
        (error) => { window.__axeResults = {error: String(error)}; },
    );
}"""


def axe_violations(page) -> list[str]:
    """What axe-core finds on the page, of moderate impact or worse.

    axe runs in the page's own scripts and its timers: Playwright's evaluate has no time
    limit and waits forever for a run that never ends (JavaScript off, a page caught
    mid-navigation), which hung the whole test run. So the run is started, not awaited, and
    its result awaited with a time limit, which fails the test instead.
    """
    page.wait_for_load_state()
    page.evaluate(Axe().axe_script)
    page.evaluate(AXE_RUN)
    try:
        page.wait_for_function("() => window.__axeResults !== undefined", timeout=AXE_TIMEOUT_MS)
    except PlaywrightTimeoutError:
        pytest.fail(f"axe-core did not finish within {AXE_TIMEOUT_MS} ms on {page.url}")
    results = page.evaluate("window.__axeResults")
    assert "error" not in results, results.get("error")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} – {[n['target'] for n in v['nodes']]}"
        for v in results["violations"]
        if v["impact"] in ("moderate", "serious", "critical")
    ]


def test_officer_filters_the_register_and_records_a_follow_up(page, data):
    sign_in(page, "officer")
    page.goto("/actions/")
    page.get_by_label("Search").fill("referral")
    page.get_by_role("button", name="Apply filters").click()

    assert re.search(r"q=referral", page.url)
    table = page.locator("table.app-register")
    assert "referral figures" in table.inner_text()
    assert "training" not in table.inner_text()

    page.get_by_label(re.compile("Select action from item 6")).check()
    page.get_by_role("button", name="Record a follow-up on the selected actions").click()
    fill_date(page, "Date of the follow-up", 8, 6, 2023)
    page.get_by_label("Letter", exact=True).check()
    page.get_by_role("button", name="Record follow-up").click()

    # Back on the filtered register, with the note changed.
    assert "q=referral" in page.url
    assert "Follow-up of 8 June 2023 recorded on 1 action." in page.content()
    assert "Followed-up on 8 June 2023." in page.locator("table.app-register").inner_text()
    data["other"].refresh_from_db()
    assert data["other"].status_note == ""


def test_officer_opens_the_paper_preview_and_downloads_its_pdf(page, data):
    paper = Paper.objects.create(meeting=data["meeting"])
    sign_in(page, "officer")
    response = page.goto(reverse("paper-detail", args=[paper.pk]))
    assert response.status == 200
    assert "Summary List of Actions" in page.content()
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download PDF").click()
    download = download_info.value
    assert download.suggested_filename.endswith("-summary-list-of-actions.pdf")
    with open(download.path(), "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"


def test_main_pages_have_no_accessibility_violations_above_minor(page, data):
    page.goto("/accounts/login/")
    problems = {"sign-in": axe_violations(page)}
    sign_in(page, "officer")
    action = data["chased"]
    for name, url in [
        ("register", "/actions/"),
        ("action page", f"/actions/{action.pk}/"),
        ("edit form", f"/actions/{action.pk}/edit/"),
        ("follow-up form", f"/actions/follow-up/?actions={action.pk}"),
        ("status form", f"/actions/{action.pk}/status/"),
        ("meeting entry", "/meetings/new/"),
        ("dashboard", "/dashboard/"),
    ]:
        page.goto(url)
        problems[name] = axe_violations(page)
    # A form re-displayed with errors must be accessible too.
    page.goto(f"/actions/{action.pk}/edit/")
    page.get_by_label("Action", exact=True).fill("")
    page.get_by_role("button", name="Save action").click()
    assert "There is a problem" in page.content()
    problems["edit form with errors"] = axe_violations(page)
    assert {name: found for name, found in problems.items() if found} == {}


def test_filtering_and_following_up_work_without_javascript(no_js_page, data):
    page = no_js_page
    sign_in(page, "officer")
    page.goto("/actions/")
    page.get_by_label("Ongoing").check()
    page.get_by_role("button", name="Apply filters").click()
    assert "status=ongoing" in page.url
    table = page.locator("table.app-register").inner_text()
    assert "custody" not in table
    assert "training" in table

    page.locator(f"#select-{data['chased'].pk}").check()
    page.locator(f"#select-{data['other'].pk}").check()
    page.get_by_role("button", name="Record a follow-up on the selected actions").click()
    fill_date(page, "Date of the follow-up", 8, 6, 2023)
    page.get_by_role("button", name="Record follow-up").click()

    assert page.locator("table.app-register").inner_text().count("Followed-up on 8 June 2023.") == 2

"""Import from the browser, in a real browser: upload a paper, check the preview (with the
text the importer could not place), confirm, and find the actions in the register; cancel
writes nothing; a refused file names its line. axe-core on each page."""

import pytest

from actions.models import Action
from actiontracker import roles
from meetings.models import Committee
from papers.import_models import ImportRecord
from papers.importing import services
from papers.importing.writing import Unplaced
from tests.browser.conftest import sign_in
from tests.browser.test_workspace import axe_violations
from tests.factories import UserFactory
from tests.import_papers import paper_text, row

pytestmark = pytest.mark.django_db(transaction=True)

PAPER = paper_text(
    [
        (
            "22 March 2023",
            [
                row(
                    "6", "Review", "Deputy Commissioner, MPS", "To provide the survey.", "Ongoing."
                ),
                row("7", "Budget", "Senior Policy Adviser", "To share the budget.", "Ongoing."),
            ],
        )
    ],
    date="24 May 2023",
)
STRAY = "Members <em>also</em> asked about the fleet."


@pytest.fixture
def officer(live_server, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return UserFactory(username="officer", role=roles.OFFICERS)


@pytest.fixture
def unplaced(monkeypatch):
    parse = services.parse_summary

    def with_unplaced(text):
        parsed = parse(text)
        parsed.unplaced = [Unplaced(31, STRAY, "section 4")]
        return parsed

    monkeypatch.setattr(services, "parse_summary", with_unplaced)


def upload(page, tmp_path, text: str, name: str = "may-paper.txt") -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    page.goto("/papers/import/")
    page.get_by_label("The file").set_input_files(str(path))
    page.get_by_role("button", name="Upload and preview").click()
    page.wait_for_load_state()


def test_upload_preview_confirm_and_the_register_shows_the_actions(
    page, officer, unplaced, tmp_path
):
    sign_in(page, "officer")
    problems = {}
    page.goto("/papers/import/")
    problems["upload form"] = axe_violations(page)
    page.get_by_role("button", name="Upload and preview").click()
    assert "There is a problem" in page.content()
    problems["upload form with errors"] = axe_violations(page)

    upload(page, tmp_path, PAPER)
    assert page.get_by_role("heading", name="Check the import of may-paper.txt").is_visible()
    table = page.get_by_role("table", name="Meeting of 22 March 2023")
    assert table.get_by_text("To provide the survey.").is_visible()
    assert table.locator(".govuk-tag", has_text="Create").count() == 2
    # The text it could not place, verbatim: the markup shown as text, not applied.
    assert page.get_by_text(STRAY, exact=True).is_visible()
    assert Action.objects.count() == 0
    problems["preview"] = axe_violations(page)

    page.get_by_role("button", name="Confirm and import").click()
    page.wait_for_load_state()
    assert "Imported may-paper.txt: 2 actions created" in page.content()
    problems["applied import"] = axe_violations(page)
    assert Action.objects.count() == 2

    page.get_by_role("link", name="Open the actions register").click()
    register = page.locator("table").first.inner_text()
    assert "To provide the survey." in register and "To share the budget." in register

    upload(page, tmp_path, "Dear Sir,\n\nThank you for your letter.\n", "letter.txt")
    assert page.get_by_role("heading", name="The file was refused").is_visible()
    problems["refusal"] = axe_violations(page)

    page.goto("/papers/imports/")
    assert page.get_by_role("link", name="may-paper.txt").is_visible()
    problems["imports list"] = axe_violations(page)
    assert problems == {name: [] for name in problems}


def test_without_javascript_cancel_writes_nothing_and_a_refusal_names_its_line(
    no_js_page, officer, tmp_path
):
    page = no_js_page
    sign_in(page, "officer")
    upload(page, tmp_path, PAPER)
    page.get_by_role("button", name="Cancel the import").click()
    page.wait_for_load_state()
    assert "cancelled. Nothing was written." in page.content()
    assert Action.objects.count() == 0 and Committee.objects.count() == 0
    assert ImportRecord.objects.get().state == "cancelled"

    upload(page, tmp_path, "Dear Sir,\n\nThank you for your letter.\n", "letter.txt")
    assert page.get_by_role("heading", name="The file was refused").is_visible()
    summary = page.locator(".govuk-error-summary").inner_text()
    assert "Line\n1" in summary or "Line\t1" in summary
    assert "Summary List of Actions" in summary
    assert Committee.objects.count() == 0

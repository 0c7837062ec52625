"""Every main page at 1280, 1024, 800 and 390 px wide, as an officer and as a member, on the
demo data: no page scrolls sideways, and axe-core finds nothing of moderate impact or
worse. The admin is Django's own and is left out."""

import pytest
from django.urls import reverse

from actions.models import Action
from correspondence.models import CommitteeReport, Complaint, Correspondence
from meetings.models import Meeting
from papers.demo import load_demo
from papers.models import Paper
from tests.browser.conftest import sign_in
from tests.browser.test_workspace import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)

WIDTHS = (1280, 1024, 800, 390)


def officer_pages() -> list[tuple[str, str]]:
    paper = Paper.objects.filter(kind=Paper.Kind.SUMMARY).order_by("meeting__date").last()
    action = Action.objects.order_by("pk").first()
    letter = Correspondence.objects.filter(direction="received").order_by("pk").first()
    report = CommitteeReport.objects.get()
    board = Meeting.objects.get(committee__slug="performance-and-risk-oversight-board")
    return [
        ("dashboard", reverse("dashboard")),
        ("actions register", reverse("action-list")),
        ("actions register, filtered", reverse("action-list") + "?q=the&status=ongoing"),
        ("action page", action.get_absolute_url()),
        ("action edit", reverse("action-edit", args=[action.pk])),
        ("meeting page", reverse("meeting-detail", args=[paper.meeting.pk])),
        ("new meeting", reverse("meeting-create")),
        ("chases due", reverse("chases-due")),
        ("papers", reverse("paper-committees")),
        ("paper list", reverse("paper-list", args=[paper.meeting.committee.slug])),
        ("paper preview", reverse("paper-detail", args=[paper.pk])),
        ("paper edit", reverse("paper-edit", args=[paper.pk])),
        ("registers", reverse("registers")),
        ("correspondence register", reverse("correspondence-list")),
        ("letter page", reverse("correspondence-detail", args=[letter.pk])),
        ("overdue replies", reverse("correspondence-overdue")),
        ("disclosures register", reverse("disclosure-list")),
        ("reports register", reverse("report-list")),
        ("report page", reverse("report-detail", args=[report.pk])),
        ("response paper preview", reverse("report-response-paper", args=[report.pk])),
        ("board meetings", reverse("board-meeting-list")),
        ("Annex A preview", reverse("board-annex", args=[board.pk])),
    ]


def member_pages() -> list[tuple[str, str]]:
    action = Action.objects.order_by("pk").first()
    return [
        ("dashboard", reverse("dashboard")),
        ("actions register", reverse("action-list")),
        ("action page", action.get_absolute_url()),
        ("correspondence register", reverse("correspondence-list")),
        ("registers", reverse("registers")),
    ]


def monitoring_pages() -> list[tuple[str, str]]:
    complaint = Complaint.objects.order_by("pk").first()
    pages = [("complaints register", reverse("complaint-list"))]
    if complaint is not None:
        pages.append(("complaint page", reverse("complaint-detail", args=[complaint.pk])))
    return pages


def public_pages() -> list[tuple[str, str]]:
    return [
        ("open record", reverse("open-committees")),
        ("open committee", reverse("open-committee", args=["police-and-crime-committee"])),
    ]


TABLES_WIDER_THAN_THEIR_BOX = """() => [...document.querySelectorAll("main table")]
  .filter((t) => t.getBoundingClientRect().right
    > t.parentElement.getBoundingClientRect().right + 1)
  .map((t) => `table ${t.className} wider than its box`)"""


def sideways_and_axe(page, pages, who: str) -> dict[str, list[str]]:
    problems = {}
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        for name, url in pages:
            response = page.goto(url)
            key = f"{who}, {name}, {width}px"
            assert response.status == 200, key
            scroll, inner = page.evaluate(
                "[document.scrollingElement.scrollWidth, window.innerWidth]"
            )
            found = [] if scroll <= inner else [f"scrolls sideways: {scroll} > {inner}"]
            # Tables reflow: none is wider than its box (which would scroll it inside).
            found += page.evaluate(TABLES_WIDER_THAN_THEIR_BOX)
            found += axe_violations(page)
            if found:
                problems[key] = found
    return problems


def test_no_page_scrolls_sideways_or_fails_axe_at_any_width(page, live_server):
    load_demo()
    problems = sideways_and_axe(page, public_pages(), "public")
    for who, pages in [
        ("officer", officer_pages()),
        ("member", member_pages()),
        ("monitoring", monitoring_pages()),
    ]:
        page.context.clear_cookies()
        sign_in(page, who)
        problems |= sideways_and_axe(page, pages, who)
    assert problems == {}, "\n".join(f"{key}: {found}" for key, found in problems.items())

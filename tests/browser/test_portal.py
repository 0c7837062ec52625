"""The response portal in a real browser: the respondent opens their link, answers with a
PDF and proposes a new date; an officer signs in and accepts both; the preview of the
committee's next paper shows the answer in the action's status and the reply as an
appendix. axe finds nothing of moderate impact or worse on the portal's pages."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from actions.portal import respond_token
from actiontracker import roles
from meetings.models import Contact
from papers.services import paper_create
from tests.browser.conftest import fill_date, sign_in
from tests.browser.test_workspace import axe_violations
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
    UserFactory,
)
from tests.pdf_helpers import make_pdf

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def data(live_server):
    UserFactory(username="officer", role=roles.OFFICERS)
    today = timezone.localdate()
    committee = CommitteeFactory(name="Police and Crime Committee")
    meeting = MeetingFactory(committee=committee, date=today - dt.timedelta(days=60))
    item = AgendaItemFactory(meeting=meeting, number="5", title="Knife crime")
    mopac = OrganisationFactory(name="Mayor's Office for Policing and Crime", short_name="MOPAC")
    contact = Contact.objects.create(
        organisation=mopac, name="Alex Contact", email="alex@example.org"
    )
    action = ActionFactory(
        agenda_item=item,
        responsible_person=ResponsiblePersonFactory(name="Deputy Mayor", organisation=mopac),
        intro="The Deputy Mayor agreed to send the knife crime figures.",
        status_note="Followed-up on 1 October 2026.",
    )
    next_meeting = MeetingFactory(committee=committee, date=today + dt.timedelta(days=30))
    return {"contact": contact, "action": action, "next_meeting": next_meeting}


def test_respondent_answers_and_officer_accepts_into_the_next_paper(page, data, tmp_path):
    link = reverse("respond", args=[respond_token(data["contact"])])
    page.goto(link)
    assert "knife crime figures" in page.content()
    problems = {"portal": axe_violations(page)}

    page.get_by_role("link", name="Answer the action").click()
    problems["answer form"] = axe_violations(page)
    page.get_by_role("button", name="Send your answer").click()
    assert "There is a problem" in page.content()
    problems["answer form with errors"] = axe_violations(page)
    page.get_by_label("Your answer").fill("The figures were published on 20 November.")
    pdf = tmp_path / "figures.pdf"
    pdf.write_bytes(make_pdf())
    page.get_by_label("A letter or document, as a PDF").set_input_files(str(pdf))
    page.get_by_role("button", name="Send your answer").click()
    assert "Your answer was sent" in page.content()
    assert "waiting for review" in page.content()

    page.get_by_role("link", name="Propose a new date").click()
    problems["new date form"] = axe_violations(page)
    fill_date(page, "New date", 31, 3, 2027)
    page.get_by_label("Why a new date is needed").fill("The audit ends in March.")
    page.get_by_role("button", name="Send the new date").click()
    assert "Your new date was sent" in page.content()
    assert {name: found for name, found in problems.items() if found} == {}

    # Nothing has changed yet.
    action = Action.objects.get(pk=data["action"].pk)
    assert action.status_note == "Followed-up on 1 October 2026."

    sign_in(page, "officer")
    page.goto(reverse("portal-answers"))
    assert axe_violations(page) == []
    answer_card = page.locator(".govuk-summary-card", has_text="Answer from MOPAC")
    answer_card.get_by_label("The action's status note").fill(
        "MOPAC published the figures on 20 November."
    )
    answer_card.get_by_label("Record the answer as a letter received").check()
    answer_card.get_by_role("button", name="Accept").click()
    assert "was accepted and recorded as a letter received" in page.content()
    date_card = page.locator(".govuk-summary-card", has_text="New date proposed from MOPAC")
    date_card.get_by_role("button", name="Accept").click()
    assert "No answers are waiting for review" in page.content()

    action.refresh_from_db()
    assert action.due_date == dt.date(2027, 3, 31) and action.timing == "31 March 2027"
    paper = paper_create(meeting=data["next_meeting"])
    page.goto(reverse("paper-detail", args=[paper.pk]))
    content = page.locator("main").inner_text()
    assert "Ongoing. MOPAC published the figures on 20 November." in content
    # The reply, recorded as a letter received, is the paper's appendix.
    assert "Appendix 1 – Correspondence from Alex Contact, Mayor's Office" in content


def test_the_portal_works_without_javascript(no_js_page, data):
    no_js_page.goto(reverse("respond", args=[respond_token(data["contact"])]))
    no_js_page.get_by_role("link", name="Answer the action").click()
    no_js_page.get_by_label("Your answer").fill("Done without scripts.")
    no_js_page.get_by_role("button", name="Send your answer").click()
    assert "Your answer was sent" in no_js_page.content()

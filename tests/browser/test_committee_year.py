"""A committee's year in Chromium, through the UI only, as a secretariat officer would run it:
four meetings entered with their items and actions, an action added later from a meeting's
page, chases (one keeping a hand-written status note), letters uploaded and linked to actions
with the picker by keyboard, actions completed one at a time and in bulk, and each paper
built, checked on its preview and published. Every page visited is checked at 1280 and 390 px:
it does not scroll sideways and axe-core finds nothing of moderate impact or worse.

Only the users, the committee and the responsible people (who have no page of their own) are
made with factories; everything else is typed into the pages."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from actiontracker import roles
from meetings.models import Meeting
from papers.models import Paper
from tests.browser.conftest import fill_date, sign_in
from tests.browser.officer import Officer, block, day
from tests.factories import (
    CommitteeFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

CHAIR = "Chair of the Police and Crime Committee"
DMPC = "Deputy Mayor for Policing and Crime"


@pytest.fixture
def year(live_server):
    UserFactory(username="officer", role=roles.OFFICERS)
    CommitteeFactory(name="Police and Crime Committee")
    mps = OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    mopac = OrganisationFactory(name="Mayor's Office for Policing and Crime", short_name="MOPAC")
    ResponsiblePersonFactory(name="Deputy Commissioner", organisation=mps)
    ResponsiblePersonFactory(name=DMPC, organisation=mopac)
    ResponsiblePersonFactory(name="Chief Executive Officer", organisation=mopac)
    ResponsiblePersonFactory(name="Senior Policy Adviser")
    today = timezone.localdate()
    return [today - dt.timedelta(days=n) for n in (330, 240, 150, 60)]


KNIFE = "The Deputy Commissioner agreed to provide the knife crime figures by borough."
HEALTH = "The Deputy Mayor agreed to write about healthcare in custody."
AUDIT = "The Chief Executive agreed to share the custody audit."
VISIT = "The Committee agreed to visit a custody suite."
PLAN = "The Deputy Mayor agreed to share the Plan's performance measures."
STOP = "The Deputy Commissioner agreed to provide the stop and search data."
YOUTH = "The Deputy Mayor agreed to share the youth diversion evaluation."
BUDGET = "The Chief Executive agreed to explain the budget gap."


def test_a_committee_year_through_the_ui(page, year, tmp_path):
    m1_date, m2_date, m3_date, m4_date = year
    officer = Officer(page, tmp_path)
    page.set_viewport_size({"width": 1280, "height": 900})
    officer.goto("/accounts/login/", "sign-in")
    sign_in(page, "officer")
    officer.check("home")

    # Meeting 1: two items, three actions, one with requested items.
    m1 = officer.enter_meeting(
        m1_date,
        [("5", "Knife crime"), ("6", "Custody")],
        [
            ("5", "Deputy Commissioner, MPS", KNIFE, ["the stabbings", "the arrests"], "June"),
            ("6", f"{DMPC}, MOPAC", HEALTH, [], ""),
            ("6", "Chief Executive Officer, MOPAC", AUDIT, [], "Autumn"),
        ],
    )
    # Entering the same date again leads to the meeting's page, where an action is added.
    officer.goto(reverse("meeting-create"), "new meeting")
    page.get_by_label("Committee", exact=True).select_option(label="Police and Crime Committee")
    fill_date(page, "Meeting date", m1_date.day, m1_date.month, m1_date.year)
    typed = page.get_by_role("group", name="Agenda item 1").get_by_label("Item title")
    typed.fill("Knife crime: update")
    officer.click("button", "Save meeting and actions", "new meeting, date already entered")
    assert Meeting.objects.count() == 1
    assert f"This committee’s meeting of {day(m1_date)} is already entered." in page.content()
    assert typed.input_value() == "Knife crime: update"  # nothing typed is lost
    officer.click("link", "Go to the meeting’s page", "meeting page")
    assert page.url.endswith(m1.get_absolute_url())
    item5 = page.locator("section", has=page.get_by_role("heading", name="Item 5: Knife crime"))
    item5.get_by_text("Add an action").click()
    item5.get_by_label("Responsible person").select_option(label="Senior Policy Adviser")
    item5.get_by_label("Action", exact=True).fill(VISIT)
    officer.click("button", "Add the action to item 5", "meeting page, action added")
    assert VISIT in item5.inner_text()

    # A hand-written status note, then a chase: the note stays, the chase follows it.
    health = Action.objects.get(intro=HEALTH)
    officer.goto(reverse("action-edit", args=[health.pk]), "action edit")
    wrote = m1_date + dt.timedelta(days=20)
    page.get_by_label("Status note").fill(f"The Chair wrote to the Deputy Mayor on {day(wrote)}.")
    officer.click("button", "Save action", "action page after edit")
    chased = m1_date + dt.timedelta(days=30)
    officer.chase([HEALTH, AUDIT], chased)
    health.refresh_from_db()
    assert health.status_note == (
        f"The Chair wrote to the Deputy Mayor on {day(wrote)}. Followed-up on {day(chased)}."
    )

    # Letters: the MPS's answer (received three days after its date), linked by keyboard;
    # a letter from the Chair for section 4.
    knife_dated, knife_received = m1_date + dt.timedelta(days=40), m1_date + dt.timedelta(43)
    officer.add_letter(
        direction="Received",
        dated=knife_dated,
        received=knife_received,
        sender="Deputy Commissioner",
        recipient=CHAIR,
        subject="Knife crime figures",
        answers=("knife borough", KNIFE),
    )
    assert list(Action.objects.get(intro=KNIFE).answered_by.values_list("subject", flat=True)) == [
        "Knife crime figures"
    ]
    chair_dated = m1_date + dt.timedelta(days=50)
    officer.add_letter(
        direction="Sent",
        dated=chair_dated,
        received=None,
        sender=CHAIR,
        recipient=DMPC,
        subject="Healthcare in custody",
    )
    officer.complete(KNIFE, "Attached at Appendix 1.", "Knife crime figures")
    officer.bulk([VISIT], "Completed", f"The visit took place on {day(chased)}.")

    # Meeting 2, then the paper for it.
    officer.enter_meeting(
        m2_date,
        [("4", "Police and Crime Plan")],
        [
            ("4", f"{DMPC}, MOPAC", PLAN, [], "Spring"),
            ("4", "Deputy Commissioner, MPS", STOP, ["by borough", "by ethnicity"], ""),
        ],
    )
    m2 = Meeting.objects.get(date=m2_date)
    paper2 = officer.build_paper(m2)
    paragraph = page.get_by_label(re.compile("^Section 4 paragraph:"))
    assert paragraph.input_value().startswith(
        f"On {day(chair_dated)}, the {CHAIR} wrote to the {DMPC} about “Healthcare in custody”."
    )
    own = f"On {day(chair_dated)}, the Chair asked the {DMPC} how custody healthcare is run."
    paragraph.fill(own)
    text = officer.save_paper(paper2)
    first = block(text, m1_date)
    assert PLAN not in text and STOP not in text  # the paper's own meeting is not listed
    assert "Completed. Attached at Appendix 1." in first
    assert (
        f"Ongoing. The Chair wrote to the Deputy Mayor on {day(wrote)}. "
        f"Followed-up on {day(chased)}." in first
    )
    assert f"Completed. The visit took place on {day(chased)}." in first
    assert "Monitoring Officer" in text  # the complaints standing row
    end2 = m2_date - dt.timedelta(days=15)
    assert f"No disclosures to report for the period from {m1_date.day} {m1_date:%B}" in text
    assert f"{own} A copy of the letter is attached at Appendix 2." in text
    assert (
        f"Appendix 1 – Correspondence from Deputy Commissioner, dated {day(knife_dated)}, "
        f"received {day(knife_received)}" in text
    )
    assert f"Appendix 2 – Correspondence to {DMPC}, dated {day(chair_dated)}" in text
    officer.publish(paper2)

    # Between meetings 2 and 3: a second chase replaces only the earlier "Followed-up on";
    # the Deputy Mayor's reply (received the day it is dated) answers the healthcare action.
    chased2 = m2_date + dt.timedelta(days=20)
    officer.chase([HEALTH, STOP], chased2)
    health.refresh_from_db()
    assert health.status_note == (
        f"The Chair wrote to the Deputy Mayor on {day(wrote)}. Followed-up on {day(chased2)}."
    )
    reply = end2 + dt.timedelta(days=45)
    officer.add_letter(
        direction="Received",
        dated=reply,
        received=reply,
        sender=DMPC,
        recipient=CHAIR,
        subject="Healthcare in custody: reply",
        answers=("healthcare", HEALTH),
    )
    officer.complete(HEALTH, "Attached at Appendix 1.", "Healthcare in custody: reply")
    officer.bulk([PLAN], "Closed", "Superseded by the new Plan.")

    m3 = officer.enter_meeting(
        m3_date,
        [("7", "Youth diversion")],
        [("7", f"{DMPC}, MOPAC", YOUTH, [], "")],
        enter=True,
    )
    paper3 = officer.build_paper(m3)
    text = officer.save_paper(paper3)
    first, second = block(text, m1_date), block(text, m2_date)
    assert KNIFE not in text and VISIT not in text  # completed and shown once: dropped
    assert AUDIT in first and HEALTH in first
    assert "Completed. Attached at Appendix 1." in first
    assert "Closed. Superseded by the new Plan." in second
    assert f"Ongoing. Followed-up on {day(chased2)}." in second
    assert YOUTH not in text
    start3 = end2 + dt.timedelta(days=1)
    assert f"from {start3.day} {start3:%B}" in text
    assert f"Appendix 1 – Correspondence from {DMPC}, dated {day(reply)}" in text
    assert "received" not in text.split("Appendix 1 –")[-1].split("\n")[0]
    officer.publish(paper3)

    # Meeting 4 and its paper: what stayed open is carried forward, for a year if need be.
    m4 = officer.enter_meeting(
        m4_date,
        [("3", "Budget"), ("4", "Violence reduction")],
        [
            ("3", "Chief Executive Officer, MOPAC", BUDGET, [], "Next meeting"),
            ("4", "Senior Policy Adviser", "Draft a letter to the VRU.", [], ""),
        ],
    )
    officer.bulk([YOUTH], "Completed", "Published on the MOPAC website.")
    paper4 = officer.build_paper(m4)
    text = officer.save_paper(paper4)
    assert HEALTH not in text and PLAN not in text and BUDGET not in text
    assert AUDIT in block(text, m1_date) and STOP in block(text, m2_date)
    assert "Completed. Published on the MOPAC website." in block(text, m3_date)
    officer.publish(paper4)

    assert Paper.objects.filter(status=Paper.Status.PUBLISHED).count() == 3
    print(f"pages checked: {officer.visited}")
    assert officer.problems == {}, "\n".join(f"{k}: {v}" for k, v in officer.problems.items())

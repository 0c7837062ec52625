"""The chase schedule over a simulated year: `send_chases --date` day by day for a small
committee, through a real SMTP server, with officers approving the Chair's letters the
schedule proposes; who was chased when, and how."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from actions.models import FollowUp
from correspondence.chaser_letters import chaser_letter_send
from correspondence.chaser_models import ChaserLetter
from correspondence.models import Correspondence
from meetings.models import Contact
from tests.actions.test_chasing import smtp  # noqa: F401 (the real SMTP server fixture)
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
)

pytestmark = pytest.mark.django_db
YEAR = [dt.date(2026, 1, 1) + dt.timedelta(days=n) for n in range(365)]


@pytest.fixture
def committee():
    return CommitteeFactory(
        name="Police and Crime Committee",
        chases_send_automatically=True,
        first_chase_after_working_days=10,
        chase_every_working_days=20,
        chase_before_due_working_days=5,
        escalate_after_chases=3,
    )


@pytest.fixture
def actions(committee):
    organisation = OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    Contact.objects.create(organisation=organisation, name="Jane", email="jane@example.org")
    item = AgendaItemFactory(
        meeting=MeetingFactory(committee=committee, date=dt.date(2026, 1, 7)), title="Knife crime"
    )
    person = ResponsiblePersonFactory(organisation=organisation)
    figures = ActionFactory(
        agenda_item=item, responsible_person=person, intro="Send the figures.", position=1
    )
    plan = ActionFactory(
        agenda_item=item,
        responsible_person=person,
        intro="Publish the plan.",
        position=2,
        timing="30 June 2026",
        due_date=dt.date(2026, 6, 30),
    )
    return figures, plan


def run_year(smtp):  # noqa: F811
    """Each day: the schedule runs, then an officer approves any letter it proposed."""
    sent_by_day = {}
    for day in YEAR:
        before = len(smtp.messages)
        out = io.StringIO()
        call_command("send_chases", "--date", day.isoformat(), stdout=out)
        sent_by_day[day] = smtp.messages[before:]
        for chaser in ChaserLetter.objects.filter(status=ChaserLetter.Status.PROPOSED):
            chaser_letter_send(chaser=chaser, date=day)
    return sent_by_day


EMAIL, LETTER = FollowUp.Method.EMAIL, FollowUp.Method.LETTER
# Worked out by hand from the rule (10 working days, then every 20, 5 before a due date, a
# letter after 3 chases since the last), England and Wales' 2026 bank holidays skipped.
EXPECTED = [
    ("2026-01-21", "both", EMAIL),  # 10 working days after the meeting of 7 January
    ("2026-02-18", "both", EMAIL),  # reminders every 20 working days
    ("2026-03-18", "both", EMAIL),  # the third chase
    ("2026-04-17", "both", LETTER),  # then the Chair's letter (Good Friday, Easter Monday)
    ("2026-05-18", "both", EMAIL),  # e-mails again after the letter (4 May skipped)
    ("2026-06-16", "both", EMAIL),  # (25 May skipped)
    ("2026-06-23", "plan", EMAIL),  # 5 working days before the plan's due date, 30 June
    ("2026-07-14", "figures", EMAIL),
    ("2026-07-21", "plan", LETTER),  # the plan's third e-mail since its letter was 23 June
    ("2026-08-11", "figures", LETTER),
    ("2026-08-18", "plan", EMAIL),
    ("2026-09-09", "figures", EMAIL),  # (31 August skipped)
    ("2026-09-16", "plan", EMAIL),
    ("2026-10-07", "figures", EMAIL),
    ("2026-10-14", "plan", EMAIL),
    ("2026-11-04", "figures", EMAIL),
    ("2026-11-11", "plan", LETTER),
    ("2026-12-02", "figures", LETTER),
    ("2026-12-09", "plan", EMAIL),
]


def test_a_year_of_chasing_follows_the_committees_rule(smtp, actions):  # noqa: F811
    figures, plan = actions
    names = {figures.pk: "figures", plan.pk: "plan"}
    sent_by_day = run_year(smtp)

    chased = {}
    for follow_up in FollowUp.objects.all():
        chased.setdefault((follow_up.date.isoformat(), follow_up.method), set()).add(
            names[follow_up.action_id]
        )
    timeline = sorted(
        (day, "both" if len(who) == 2 else who.pop(), method)
        for (day, method), who in chased.items()
    )
    assert timeline == EXPECTED

    # Every e-mail went through the SMTP server on its day, one message listing the
    # actions chased that day, with the contact's portal link; no other day sent any.
    email_days = {day: who for day, who, method in EXPECTED if method == EMAIL}
    assert {d.isoformat() for d, msgs in sent_by_day.items() if msgs} == set(email_days)
    for day, who in email_days.items():
        [(recipients, message)] = sent_by_day[dt.date.fromisoformat(day)]
        body = message.get_body(preferencelist=("plain",)).get_content()
        assert recipients == ["jane@example.org"]
        assert ("Send the figures." in body) == (who in ("both", "figures"))
        assert ("Publish the plan." in body) == (who in ("both", "plan"))
        assert "https://tracker.example.org/respond/" in body

    # Each letter is in the register as sent by the Chair, with its reply due date, and
    # names the actions it chased.
    letters = Correspondence.objects.filter(direction=Correspondence.Direction.SENT).order_by(
        "date"
    )
    assert [(str(letter.date), letter.sender) for letter in letters] == [
        (day, "Chair of the Police and Crime Committee")
        for day, _, method in EXPECTED
        if method == LETTER
    ]
    first = letters[0]
    assert first.reply_due == dt.date(2026, 5, 18)  # 20 working days, Easter skipped
    assert set(first.follow_ups.values_list("action_id", flat=True)) == {figures.pk, plan.pk}


def test_running_a_day_again_sends_nothing_twice(smtp, actions):  # noqa: F811
    out = io.StringIO()
    call_command("send_chases", "--date", "2026-01-21", stdout=out)
    call_command("send_chases", "--date", "2026-01-21", stdout=out)
    assert len(smtp.messages) == 1
    assert FollowUp.objects.count() == 2

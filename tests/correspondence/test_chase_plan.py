"""The chase plan's rules (a reminder before a due date, escalation to a letter from the
Chair), the daily queue's flat query count, and the background worker's daily run."""

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from actions.chasing import chase_due, chases_due
from actions.models import FollowUp
from actions.services import followup_record
from correspondence.chase_day import next_run_at
from correspondence.chaser_models import ChaserLetter, ChaseRun
from correspondence.tasks import run_chase_schedule, schedule_next_run
from meetings.models import Contact, Meeting
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
)

pytestmark = pytest.mark.django_db
MEETING = dt.date(2026, 1, 7)


def organisation(short):
    org = OrganisationFactory(name=f"{short} organisation", short_name=short)
    Contact.objects.create(organisation=org, name=f"{short} contact", email=f"{short}@example.org")
    return org


def actions_of(org, committee, count=1, *, due_date=None, meeting=MEETING):
    found = Meeting.objects.filter(committee=committee, date=meeting).first()
    item = AgendaItemFactory(meeting=found or MeetingFactory(committee=committee, date=meeting))
    person = ResponsiblePersonFactory(organisation=org)
    return [
        ActionFactory(agenda_item=item, responsible_person=person, due_date=due_date)
        for _ in range(count)
    ]


@pytest.fixture
def committee():
    return CommitteeFactory(name="Police and Crime Committee", chases_send_automatically=True)


def test_a_reminder_falls_before_the_due_date_and_explains_itself(committee):
    [action] = actions_of(organisation("MPS"), committee, due_date=dt.date(2026, 1, 20))
    [queued] = [a for c in chases_due(dt.date(2026, 1, 13)) for a in c.actions]
    deadline = chase_due(queued)
    # 5 working days before 20 January, ahead of the first chase on 21 January.
    assert deadline.due == dt.date(2026, 1, 13)
    assert deadline.explain() == (
        "5 working days before 20 January 2026, skipping 2 weekend days and no bank "
        "holidays in England and Wales: due 13 January 2026"
    )
    assert chases_due(dt.date(2026, 1, 12)) == []
    followup_record(actions=[action], date=dt.date(2026, 1, 13), method=FollowUp.Method.EMAIL)
    queued.last_chased_on = dt.date(2026, 1, 13)
    assert chase_due(queued).due == dt.date(2026, 2, 10)  # then every 20 working days


def test_no_reminder_before_the_due_date_when_the_committee_sends_none(committee):
    committee.chase_before_due_working_days = 0
    committee.save()
    actions_of(organisation("MPS"), committee, due_date=dt.date(2026, 1, 20))
    assert chases_due(dt.date(2026, 1, 20)) == []
    assert chases_due(dt.date(2026, 1, 21))  # the first chase, by the meeting


def chased_three_times(committee, org):
    [action] = actions_of(org, committee)
    for day in (dt.date(2026, 1, 21), dt.date(2026, 2, 18), dt.date(2026, 3, 18)):
        followup_record(actions=[action], date=day, method=FollowUp.Method.EMAIL)
    return action


def test_after_the_third_chase_the_next_is_a_letter_for_an_officer_to_approve(
    committee, client, officer
):
    mps = organisation("MPS")
    action = chased_three_times(committee, mps)
    day = "2026-04-17"  # 20 working days after the third chase, Easter skipped

    out = io.StringIO()
    call_command("send_chases", "--date", day, "--dry-run", stdout=out)
    assert "LETTER\tMPS\tfrom the Chair of the Police and Crime Committee" in out.getvalue()
    assert not ChaserLetter.objects.exists()

    call_command("send_chases", "--date", day, stdout=out)
    assert mail.outbox == []  # no e-mail: the letter replaces it
    chaser = ChaserLetter.objects.get()
    assert chaser.escalation and chaser.status == ChaserLetter.Status.PROPOSED
    assert list(chaser.actions.all()) == [action]
    call_command("send_chases", "--date", "2026-04-20", stdout=out)
    assert ChaserLetter.objects.count() == 1  # still the one letter, waiting

    client.force_login(officer)
    page = client.get(reverse("chases-due")).content.decode()  # today, past 17 April 2026
    assert "Due a letter from the Chair" in page and "chased 3 times" in page
    letters = client.get(reverse("chaser-letter-list")).content.decode()
    assert "by the chase schedule" in letters and "Approve and send the letter to MPS" in letters


def test_a_committee_that_never_escalates_keeps_e_mailing(committee):
    committee.escalate_after_chases = 0
    committee.save()
    chased_three_times(committee, organisation("MPS"))
    [chase] = chases_due(dt.date(2026, 4, 17))
    assert len(chase.actions) == 1 and chase.letter_actions == []


def test_the_daily_queue_reads_a_fixed_number_of_queries(committee, django_assert_num_queries):
    def grow(count):
        for n in range(count):
            org = organisation(f"ORG{grow.made + n}")
            actions_of(org, committee, 3, due_date=dt.date(2026, 3, 1))
            chased_three_times(committee, org)
        grow.made += count

    grow.made = 0
    grow(2)
    with django_assert_num_queries(2):
        small = chases_due(dt.date(2026, 4, 17))
    grow(6)
    with django_assert_num_queries(2):
        large = chases_due(dt.date(2026, 4, 17))
    assert len(small) == 2 and len(large) == 8
    assert all(len(c.actions) == 3 and len(c.letter_actions) == 1 for c in large)


def test_the_worker_runs_a_day_once(committee, settings):
    settings.SITE_URL = "https://tracker.example.org"
    actions_of(organisation("MPS"), committee)
    run_chase_schedule.enqueue("2026-01-21")  # the tests' backend runs it at once
    assert len(mail.outbox) == 1
    run = ChaseRun.objects.get()
    assert run.date == dt.date(2026, 1, 21) and run.finished_at is not None
    assert run.summary.startswith("1 chase sent for 21 January 2026")

    result = run_chase_schedule.enqueue("2026-01-21")
    assert result.return_value == "Today's chases had been sent already."
    assert len(mail.outbox) == 1


def test_a_crashed_run_is_run_again_later(committee, settings):
    actions_of(organisation("MPS"), committee)
    stale = ChaseRun.objects.create(date=dt.date(2026, 1, 21))
    ChaseRun.objects.filter(pk=stale.pk).update(
        started_at=dt.datetime(2026, 1, 21, 7, tzinfo=dt.UTC)
    )
    run_chase_schedule.enqueue("2026-01-21")
    assert len(mail.outbox) == 1


def test_each_run_queues_the_next_days_once(settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    out = io.StringIO()
    call_command("schedule_chases", stdout=out)
    call_command("schedule_chases", stdout=out)
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "correspondence.tasks.run_chase_schedule"
    assert queued.run_after == next_run_at()
    assert "queued already" in out.getvalue()
    assert schedule_next_run() is False


def test_the_next_run_is_at_seven_in_the_morning():
    london = dt.timezone(dt.timedelta(0))
    assert next_run_at(dt.datetime(2026, 3, 2, 6, 30, tzinfo=london)).hour == 7
    assert next_run_at(dt.datetime(2026, 3, 2, 6, 30, tzinfo=london)).day == 2
    assert next_run_at(dt.datetime(2026, 3, 2, 8, 0, tzinfo=london)).day == 3

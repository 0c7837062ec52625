"""Each action keeps a copy of its meeting's committee and date, which the dashboard counts
by. Whatever moves (the action, its agenda item, the meeting), the copy follows, and the
dashboard shows the move at once. (conftest.py also checks every action after every test.)"""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actions.dashboard.selectors import dashboard_for
from actions.models import Action
from tests.backup_fixture import as_previous_release
from tests.factories import ActionFactory, AgendaItemFactory, CommitteeFactory, MeetingFactory

pytestmark = pytest.mark.django_db


def placement(action: Action) -> tuple:
    action = Action.all_objects.get(pk=action.pk)
    return action.committee.slug, action.meeting_date


@pytest.fixture
def two_committees():
    police = CommitteeFactory(name="Police and Crime Committee")
    budget = CommitteeFactory(name="Budget and Performance Committee")
    return police, budget


def test_a_new_action_copies_its_meeting(two_committees):
    police, _ = two_committees
    action = ActionFactory(agenda_item__meeting__committee=police)
    meeting = action.agenda_item.meeting
    assert placement(action) == (police.slug, meeting.date)


def test_moving_a_meeting_moves_its_actions_deleted_ones_too(two_committees):
    police, budget = two_committees
    item = AgendaItemFactory(meeting__committee=police, meeting__date=dt.date(2023, 3, 2))
    live = ActionFactory(agenda_item=item)
    deleted = ActionFactory(agenda_item=item, deleted_at=timezone.now())
    meeting = item.meeting
    meeting.date = dt.date(2024, 5, 9)
    meeting.committee = budget
    meeting.save()
    assert placement(live) == placement(deleted) == (budget.slug, dt.date(2024, 5, 9))


def test_moving_an_agenda_item_to_another_meeting_moves_its_actions(two_committees):
    police, budget = two_committees
    action = ActionFactory(agenda_item__meeting__committee=police)
    other = MeetingFactory(committee=budget, date=dt.date(2025, 2, 6))
    item = action.agenda_item
    item.meeting = other
    item.save()
    assert placement(action) == (budget.slug, dt.date(2025, 2, 6))


def test_moving_an_action_to_another_item_with_update_fields_follows_it(two_committees):
    police, budget = two_committees
    action = ActionFactory(agenda_item__meeting__committee=police)
    action.agenda_item = AgendaItemFactory(meeting__committee=budget)
    action.save(update_fields=["agenda_item"])
    assert placement(action) == (budget.slug, action.agenda_item.meeting.date)


def test_saving_other_fields_only_does_not_look_the_meeting_up(two_committees):
    police, _ = two_committees
    action = ActionFactory(agenda_item__meeting__committee=police)
    action.last_chased_on = dt.date(2025, 1, 2)
    with CaptureQueriesContext(connection) as queries:
        action.save(update_fields=["last_chased_on"])
    assert queries.captured_queries
    assert not [q for q in queries.captured_queries if "meetings_agendaitem" in q["sql"]]


def test_the_dashboard_counts_an_action_where_its_meeting_now_is(two_committees):
    police, budget = two_committees
    today = timezone.localdate()
    action = ActionFactory(
        agenda_item__meeting__committee=police,
        agenda_item__meeting__date=today - dt.timedelta(days=1000),
    )

    def ages(committee):
        return [f.count for f in dashboard_for(committee=committee, today=today).age_bands]

    assert ages(police) == [0, 0, 0, 0, 1]
    meeting = action.agenda_item.meeting
    meeting.date = today - dt.timedelta(days=10)
    meeting.save()
    assert ages(police) == [1, 0, 0, 0, 0]
    meeting.committee = budget
    meeting.save()
    assert ages(police) == [0, 0, 0, 0, 0]
    assert ages(budget) == [1, 0, 0, 0, 0]


def test_seed_volume_gives_its_actions_their_meetings():
    call_command("seed_volume", actions=50, committee="volume-committee", stdout=None)
    actions = Action.objects.select_related("agenda_item__meeting__committee")
    assert len(actions) == 50
    for action in actions:
        meeting = action.agenda_item.meeting
        assert (action.committee_id, action.meeting_date) == (meeting.committee_id, meeting.date)


@pytest.mark.django_db(transaction=True)
def test_an_archive_from_before_the_copy_restores_with_it(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    action = ActionFactory()
    meeting = action.agenda_item.meeting
    archive = tmp_path / "backup.zip"
    call_command("export_all", str(archive))

    # The same archive as written before actions kept a copy of their meeting.
    def without_copy(records):
        for record in records if isinstance(records, list) else ():
            if record["model"] == "actions.action":
                del record["fields"]["committee"], record["fields"]["meeting_date"]
        return records

    older = tmp_path / "older.zip"
    as_previous_release(archive, older, without_copy)

    call_command("flush", interactive=False, verbosity=0)
    call_command("import_all", str(older), "--trust-unsigned")
    restored = Action.all_objects.get(pk=action.pk)
    assert (restored.committee_id, restored.meeting_date) == (meeting.committee_id, meeting.date)

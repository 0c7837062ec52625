"""Database invariants a secretariat relies on."""

import datetime as dt

import pytest
from django.db import IntegrityError, transaction

from actions.models import Action
from actions.services import followup_record
from correspondence.models import TransparencyDisclosure
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    DisclosureFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
)

pytestmark = pytest.mark.django_db


def test_duplicate_agenda_item_number_in_a_meeting_is_refused():
    meeting = MeetingFactory()
    AgendaItemFactory(meeting=meeting, number="6", title="Independent Review of Prevent")
    with pytest.raises(IntegrityError), transaction.atomic():
        AgendaItemFactory(meeting=meeting, number="6", title="Another title")


def test_same_item_number_in_another_meeting_is_allowed():
    AgendaItemFactory(number="6")
    AgendaItemFactory(number="6")
    assert AgendaItemFactory._meta.model.objects.filter(number="6").count() == 2


def test_two_meetings_of_one_committee_on_one_day_are_refused():
    meeting = MeetingFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        MeetingFactory(committee=meeting.committee, date=meeting.date)


@pytest.mark.parametrize(("days", "late"), [(0, False), (28, False), (29, True), (60, True)])
def test_disclosure_is_late_only_after_28_days(days, late):
    contact = dt.date(2023, 3, 1)
    disclosure = DisclosureFactory(
        contact_date=contact, disclosed_on=contact + dt.timedelta(days=days)
    )
    assert disclosure.is_late is late
    assert TransparencyDisclosure.objects.late().filter(pk=disclosure.pk).exists() is late


def test_disclosure_before_the_contact_is_refused():
    with pytest.raises(IntegrityError), transaction.atomic():
        DisclosureFactory(contact_date=dt.date(2023, 3, 10), disclosed_on=dt.date(2023, 3, 1))


def test_ongoing_action_cannot_carry_a_completion_date():
    with pytest.raises(IntegrityError), transaction.atomic():
        ActionFactory(status=Action.Status.ONGOING, finished_on=dt.date(2023, 5, 1))


def test_responsible_person_names_are_unique_within_an_organisation():
    mps = OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    ResponsiblePersonFactory(name="Deputy Commissioner", organisation=mps)
    with pytest.raises(IntegrityError), transaction.atomic():
        ResponsiblePersonFactory(name="Deputy Commissioner", organisation=mps)
    ResponsiblePersonFactory(name="Senior Policy Adviser")
    with pytest.raises(IntegrityError), transaction.atomic():
        ResponsiblePersonFactory(name="Senior Policy Adviser")


def test_responsible_person_reads_as_the_paper_writes_it():
    mps = OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    assert str(ResponsiblePersonFactory(name="Deputy Commissioner", organisation=mps)) == (
        "Deputy Commissioner, MPS"
    )
    assert str(ResponsiblePersonFactory(name="MPS", organisation=mps)) == "MPS"


def test_status_cell_reads_like_the_paper():
    action = ActionFactory(status_note="Followed-up on 4 May 2023.")
    assert action.status_text == "Ongoing. Followed-up on 4 May 2023."
    assert ActionFactory(status=Action.Status.CLOSED, status_note="").status_text == "Closed."


def test_deleted_actions_leave_the_default_manager_but_can_be_found():
    action = ActionFactory()
    Action.objects.filter(pk=action.pk).update(deleted_at=dt.datetime(2023, 5, 1, tzinfo=dt.UTC))
    assert not Action.objects.filter(pk=action.pk).exists()
    assert Action.all_objects.filter(pk=action.pk).exists()


def test_recording_a_follow_up_updates_the_note_of_each_chased_action():
    meeting = MeetingFactory(date=dt.date(2021, 5, 12))
    chased = [ActionFactory(agenda_item__meeting=meeting) for _ in range(2)]
    done = ActionFactory(
        agenda_item__meeting=meeting,
        status=Action.Status.COMPLETED,
        status_note="Attached at Appendix 1.",
        finished_on=dt.date(2021, 6, 1),
    )
    followup_record(actions=[*chased, done], date=dt.date(2021, 6, 8))
    for action in chased:
        action.refresh_from_db()
        assert action.status_text == "Ongoing. Followed-up on 8 June 2021."
        assert action.last_chased_on == dt.date(2021, 6, 8)
        assert action.version == 2
        assert action.follow_ups.count() == 1
    done.refresh_from_db()
    assert done.status_note == "Attached at Appendix 1."


def test_an_older_chase_entered_late_keeps_the_newest_note():
    action = ActionFactory(agenda_item__meeting__date=dt.date(2023, 3, 1))
    followup_record(actions=[action], date=dt.date(2023, 5, 4))
    followup_record(actions=[action], date=dt.date(2023, 4, 12))
    action.refresh_from_db()
    assert action.status_note == "Followed-up on 4 May 2023."
    assert action.last_chased_on == dt.date(2023, 5, 4)
    assert action.follow_ups.count() == 2

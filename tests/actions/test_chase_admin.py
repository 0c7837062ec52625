"""The chase e-mails in the admin: a read-only list with each one's delivery, and the
action that tries an undelivered one again, through the admin's own pages."""

import datetime as dt

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from actions.chase_models import ChaseMessage
from actions.models import FollowUp
from meetings.models import Contact
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def failed():
    committee = CommitteeFactory(name="Police and Crime Committee", chases_send_automatically=True)
    mps = OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    Contact.objects.create(organisation=mps, name="Jane", email="jane@example.org")
    item = AgendaItemFactory(meeting=MeetingFactory(committee=committee, date=dt.date(2026, 1, 7)))
    action = ActionFactory(
        agenda_item=item, responsible_person=ResponsiblePersonFactory(organisation=mps)
    )
    message = ChaseMessage.objects.create(
        organisation=mps,
        status=ChaseMessage.Status.FAILED,
        date=dt.date(2026, 1, 21),
        recipient="jane@example.org",
        subject="MPS: 1 outstanding committee action awaiting your response",
        attempts=1,
        error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    message.actions.set([action])
    return message


def test_the_list_shows_each_chase_and_its_delivery_and_nothing_can_be_edited(admin_client, failed):
    page = admin_client.get(reverse("admin:actions_chasemessage_changelist")).content.decode()
    assert "jane@example.org" in page
    assert "Not delivered, to be tried again" in page
    assert "SMTPServerDisconnected" in page
    assert "Try the selected undelivered chases again now" in page
    assert admin_client.get(reverse("admin:actions_chasemessage_add")).status_code == 403
    change = reverse("admin:actions_chasemessage_change", args=[failed.pk])
    assert admin_client.get(change).status_code == 200  # readable
    admin_client.post(change, {"recipient": "someone@else.example"})
    failed.refresh_from_db()
    assert failed.recipient == "jane@example.org"  # not writable


def test_retry_sends_the_undelivered_chase_now_and_records_it(admin_client, failed):
    response = admin_client.post(
        reverse("admin:actions_chasemessage_changelist"),
        {"action": "retry", "_selected_action": [failed.pk]},
        follow=True,
    )
    assert "MPS: sent to jane@example.org." in response.content.decode()
    [sent] = mail.outbox
    assert sent.to == ["jane@example.org"]
    failed.refresh_from_db()
    assert failed.status == ChaseMessage.Status.SENT and failed.attempts == 2
    assert failed.date == timezone.localdate()
    assert FollowUp.objects.get().date == timezone.localdate()


def test_a_member_cannot_reach_the_list(client, member, failed):
    client.force_login(member)
    response = client.get(reverse("admin:actions_chasemessage_changelist"))
    assert response.status_code == 302  # the admin's own sign-in: members are not staff

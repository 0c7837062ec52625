"""The Chases due page: which organisations are due a chase today and why, an officer's
approval that lets `send_chases` send one, and chases that failed, shown until retried."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from actions.chase_models import ChaseMessage
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


def organisation_due(committee, number: int):
    organisation = OrganisationFactory(name=f"Borough {number}", short_name=f"B{number}")
    Contact.objects.create(
        organisation=organisation, name=f"Contact {number}", email=f"b{number}@example.org"
    )
    # Agreed long enough ago that the first chase is due, whatever today is.
    meeting = MeetingFactory(
        committee=committee, date=timezone.localdate() - dt.timedelta(days=60 + number)
    )
    ActionFactory(
        agenda_item=AgendaItemFactory(meeting=meeting),
        responsible_person=ResponsiblePersonFactory(organisation=organisation),
        intro=f"Send the figures <b>{number}</b>",
    )
    return organisation


def test_officer_sees_each_due_chase_explained_and_approves_one(officer_client):
    committee = CommitteeFactory(name="Budget Committee")
    organisation = organisation_due(committee, 1)
    page = officer_client.get(reverse("chases-due")).content.decode()
    assert "Borough 1" in page and "b1@example.org" in page
    assert "10 working days from" in page and "bank holiday" in page
    assert "Once approved" in page
    response = officer_client.post(reverse("chases-due"), {"organisation": organisation.pk})
    assert response.status_code == 302
    message = ChaseMessage.objects.get()
    assert (message.organisation, message.status) == (organisation, "approved")
    page = officer_client.get(reverse("chases-due")).content.decode()
    assert "Approved" in page and "Approve the chase to B1" not in page
    # Approving twice keeps one waiting chase.
    officer_client.post(reverse("chases-due"), {"organisation": organisation.pk})
    assert ChaseMessage.objects.count() == 1


def test_a_failed_chase_is_shown_with_its_error(officer_client):
    organisation = organisation_due(CommitteeFactory(chases_send_automatically=True), 2)
    ChaseMessage.objects.create(
        organisation=organisation,
        status="failed",
        date=timezone.localdate(),
        recipient="b2@example.org",
        error="ConnectionRefusedError: [Errno 111] Connection refused",
        attempts=1,
    )
    page = officer_client.get(reverse("chases-due")).content.decode()
    assert "1 chase could not be delivered" in page
    assert "Not delivered: ConnectionRefusedError" in page


def test_user_text_is_escaped(officer_client):
    organisation_due(CommitteeFactory(), 3)
    page = officer_client.get(reverse("chases-due")).content.decode()
    assert "<b>3</b>" not in page and "figures &lt;b&gt;3&lt;/b&gt;" in page


def test_officers_reach_the_page_from_the_menu_and_members_do_not(client, officer, member):
    link = f'href="{reverse("chases-due")}"'
    client.force_login(officer)
    assert link in client.get(reverse("action-list")).content.decode()
    client.force_login(member)
    assert link not in client.get(reverse("action-list")).content.decode()


def test_members_may_not_approve(member_client):
    organisation = organisation_due(CommitteeFactory(), 4)
    response = member_client.post(reverse("chases-due"), {"organisation": organisation.pk})
    assert response.status_code == 403
    assert not ChaseMessage.objects.exists()


def test_queries_stay_flat_as_organisations_grow(officer_client, django_assert_max_num_queries):
    committee = CommitteeFactory()
    organisation_due(committee, 5)
    with django_assert_max_num_queries(12) as few:
        officer_client.get(reverse("chases-due"))
    for number in range(6, 16):
        organisation_due(committee, number)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = officer_client.get(reverse("chases-due")).content.decode()
    assert "Borough 15" in page

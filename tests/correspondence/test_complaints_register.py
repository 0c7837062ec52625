"""The complaints register: confidential details are the Monitoring Officer's alone."""

import datetime as dt

import pytest
from django.urls import reverse

from correspondence.models import Complaint
from tests.factories import CommitteeFactory, ComplaintFactory

pytestmark = pytest.mark.django_db

SECRET = "Complainant Jane Example of 1 Secret Street"


@pytest.fixture
def monitoring_client(client, monitoring_officer):
    client.force_login(monitoring_officer)
    return client


@pytest.fixture
def complaint():
    return ComplaintFactory(confidential_details=SECRET, public_summary="Not recorded.")


def complaint_post_data(committee, **overrides):
    data = {
        "committee": committee.pk,
        "received_on": "2023-04-03",
        "concerning": "the Deputy Mayor for Policing and Crime",
        "public_summary": "A complaint was received; the Monitoring Officer decided no action.",
        "decision": "no_action",
        "reasons": "Outside the Regulations.",
        "decided_on": "2023-04-20",
        "responsible_officer": "Monitoring Officer",
        "deadline": "",
    }
    data.update(overrides)
    return data


class TestWhoSeesWhat:
    def test_monitoring_officer_sees_confidential_details(self, monitoring_client, complaint):
        page = monitoring_client.get(reverse("complaint-detail", args=[complaint.pk]))
        assert SECRET in page.content.decode()

    def test_officers_see_the_register_but_never_the_confidential_details(
        self, officer_client, complaint
    ):
        for url in [
            reverse("complaint-list"),
            reverse("complaint-detail", args=[complaint.pk]),
            reverse("complaint-edit", args=[complaint.pk]),
            reverse("complaint-export"),
        ]:
            response = officer_client.get(url)
            assert response.status_code == 200
            assert SECRET not in response.getvalue().decode(), url
        assert "Not recorded." in officer_client.get(reverse("complaint-list")).content.decode()

    def test_members_have_no_access(self, member_client, complaint):
        for url in [
            reverse("complaint-list"),
            reverse("complaint-detail", args=[complaint.pk]),
            reverse("complaint-export"),
        ]:
            assert member_client.get(url).status_code == 403

    def test_anonymous_users_are_sent_to_sign_in(self, client, complaint):
        response = client.get(reverse("complaint-detail", args=[complaint.pk]))
        assert response.status_code == 302

    def test_exports_never_carry_confidential_details_even_for_the_monitoring_officer(
        self, monitoring_client, complaint
    ):
        response = monitoring_client.get(reverse("complaint-export"))
        text = response.getvalue().decode("utf-8-sig")
        assert "Not recorded." in text
        assert SECRET not in text
        assert "Confidential" not in text

    def test_the_register_list_does_not_show_confidential_details_to_anyone(
        self, monitoring_client, complaint
    ):
        page = monitoring_client.get(reverse("complaint-list")).content.decode()
        assert SECRET not in page

    def test_searching_confidential_words_reveals_nothing(self, officer_client, complaint):
        page = officer_client.get(reverse("complaint-list"), {"q": "Secret Street"})
        assert "Not recorded." not in page.content.decode()

    def test_admin_and_its_history_hide_confidential_details_from_officers(
        self, officer_client, complaint
    ):
        for url in [
            reverse("admin:correspondence_complaint_change", args=[complaint.pk]),
            reverse("admin:correspondence_complaint_history", args=[complaint.pk]),
            reverse("admin:correspondence_complaint_changelist"),
        ]:
            response = officer_client.get(url)
            assert response.status_code == 200, url
            assert SECRET not in response.content.decode(), url

    def test_history_records_keep_no_confidential_details(self, complaint):
        complaint.confidential_details = "Changed secret"
        complaint.save()
        fields = {f.name for f in Complaint.history.model._meta.get_fields()}
        assert "confidential_details" not in fields


class TestEditing:
    def test_monitoring_officer_records_a_complaint_with_confidential_details(
        self, monitoring_client
    ):
        data = complaint_post_data(CommitteeFactory(), confidential_details=SECRET)
        response = monitoring_client.post(reverse("complaint-create"), data)
        assert response.status_code == 302
        complaint = Complaint.objects.get()
        assert complaint.confidential_details == SECRET
        assert complaint.decided_on == dt.date(2023, 4, 20)

    def test_officer_edits_public_fields_and_cannot_touch_confidential_details(
        self, officer_client, complaint
    ):
        data = complaint_post_data(
            complaint.committee, public_summary="Updated summary", confidential_details="HACK"
        )
        response = officer_client.post(reverse("complaint-edit", args=[complaint.pk]), data)
        assert response.status_code == 302
        complaint.refresh_from_db()
        assert complaint.public_summary == "Updated summary"
        assert complaint.confidential_details == SECRET

    def test_bad_input_re_displays_the_form_and_saves_nothing(self, monitoring_client):
        data = complaint_post_data(CommitteeFactory(), received_on="not a date")
        response = monitoring_client.post(reverse("complaint-create"), data)
        assert response.status_code == 200
        assert "There is a problem" in response.content.decode()
        assert not Complaint.objects.exists()

    def test_decision_filter(self, officer_client):
        ComplaintFactory(public_summary="Referred one", decision="referred")
        ComplaintFactory(public_summary="Pending one")
        page = officer_client.get(reverse("complaint-list"), {"decision": "referred"})
        assert "Referred one" in page.content.decode()
        assert "Pending one" not in page.content.decode()

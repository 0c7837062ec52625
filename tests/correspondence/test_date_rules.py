"""Dates that make sense, through every door: a reply cannot fall due before its letter,
nor a complaint be decided before it was received. The message names the field."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from correspondence.models import Complaint, Correspondence
from correspondence.services import complaint_record, correspondence_record
from tests.actions.test_write_path import admin_form_data
from tests.correspondence.test_lost_update import admin_client, page_form_data  # noqa: F401
from tests.factories import ComplaintFactory, CorrespondenceFactory

pytestmark = pytest.mark.django_db

REPLY_DUE = "The reply due date must be on or after the date of the letter (24 March 2023)"
DECIDED = "The date decided must be on or after the date the complaint was received (1 April 2023)"


def errors_of(response) -> str:
    assert response.status_code == 200  # the form again, not a redirect
    return response.content.decode().replace("&#x27;", "'")


def test_the_letter_form_refuses_a_reply_due_before_the_letter(officer_client):
    letter = CorrespondenceFactory(reply_due=dt.date(2023, 4, 21))
    url = f"/correspondence/{letter.pk}/edit/"
    data = page_form_data(officer_client.get(url))
    data["reply_due"] = "2023-03-01"
    page = errors_of(officer_client.post(url, data))
    assert REPLY_DUE in page
    assert 'href="#id_reply_due-day"' in page  # the summary leads to the field
    letter.refresh_from_db()
    assert letter.reply_due == dt.date(2023, 4, 21)


def test_the_admin_refuses_a_reply_due_before_the_letter(admin_client):  # noqa: F811
    letter = CorrespondenceFactory(reply_due=dt.date(2023, 4, 21))
    url = f"/admin/correspondence/correspondence/{letter.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data["reply_due"] = "2023-03-01"
    response = admin_client.post(url, data)
    assert REPLY_DUE in errors_of(response)
    assert "reply_due" in response.context["adminform"].form.errors
    letter.refresh_from_db()
    assert letter.reply_due == dt.date(2023, 4, 21)


def test_the_service_refuses_a_reply_due_before_the_letter_and_allows_the_same_day():
    letter = CorrespondenceFactory()
    with pytest.raises(ValidationError) as refused:
        correspondence_record(instance=letter, data={"reply_due": dt.date(2023, 3, 23)})
    assert refused.value.message_dict == {"reply_due": [REPLY_DUE]}
    same_day = correspondence_record(instance=letter, data={"reply_due": dt.date(2023, 3, 24)})
    assert same_day.reply_due == dt.date(2023, 3, 24)
    assert Correspondence.objects.get(pk=letter.pk).reply_due == dt.date(2023, 3, 24)


def test_the_complaint_form_refuses_a_decision_before_the_complaint(officer_client):
    complaint = ComplaintFactory()
    url = f"/complaints/{complaint.pk}/edit/"
    data = page_form_data(officer_client.get(url))
    data.update(decision="no_action", decided_on="2023-03-31")
    page = errors_of(officer_client.post(url, data))
    assert DECIDED in page
    assert 'href="#id_decided_on-day"' in page
    complaint.refresh_from_db()
    assert complaint.decided_on is None and complaint.decision == Complaint.Decision.PENDING


def test_the_admin_refuses_a_decision_before_the_complaint(admin_client):  # noqa: F811
    complaint = ComplaintFactory()
    url = f"/admin/correspondence/complaint/{complaint.pk}/change/"
    data = admin_form_data(admin_client.get(url))
    data.update(decision="no_action", decided_on="2023-03-31")
    response = admin_client.post(url, data)
    assert DECIDED in errors_of(response)
    assert "decided_on" in response.context["adminform"].form.errors
    complaint.refresh_from_db()
    assert complaint.decided_on is None


def test_a_complaint_decided_the_day_it_arrived_is_fine():
    complaint = ComplaintFactory()
    complaint_record(
        instance=complaint, data={"decision": "no_action", "decided_on": dt.date(2023, 4, 1)}
    )
    complaint.refresh_from_db()
    assert complaint.decided_on == dt.date(2023, 4, 1)

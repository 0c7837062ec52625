"""A committee report's response is due two months from the report, by the deadline engine;
its page shows the date, how it was reached, and that it is overdue while no response has
come."""

import datetime as dt

import pytest
from django.urls import reverse

from correspondence.models import CommitteeReport, Correspondence
from tests.factories import CommitteeFactory, CorrespondenceFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def report(**fields):
    return CommitteeReport.objects.create(
        committee=CommitteeFactory(),
        title="Knife crime",
        addressed_to=OrganisationFactory(name="Metropolitan Police Service"),
        **fields,
    )


def test_the_report_page_explains_the_response_due_date_and_says_it_is_overdue(member_client):
    knife = report(agreed_on=dt.date(2023, 12, 31))
    assert knife.response_due.due == dt.date(2024, 2, 29)  # the month's last day
    page = member_client.get(reverse("report-detail", args=[knife.pk])).content.decode()
    assert "29 February 2024" in page
    assert "2 months from 31 December 2023: due 29 February 2024" in page
    assert "Overdue: no response yet" in page

    knife.response_letter = CorrespondenceFactory(direction=Correspondence.Direction.RECEIVED)
    knife.save()
    page = member_client.get(reverse("report-detail", args=[knife.pk])).content.decode()
    assert "Overdue" not in page


def test_a_report_without_a_date_has_no_due_date_yet(member_client):
    undated = report()
    assert undated.response_due is None
    page = member_client.get(reverse("report-detail", args=[undated.pk])).content.decode()
    assert "When the report has a date" in page

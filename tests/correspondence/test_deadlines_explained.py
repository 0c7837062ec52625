"""A letter's reply due date and a disclosure's due date say how they were worked out."""

import datetime as dt

import pytest
from django.urls import reverse

from correspondence.models import Correspondence
from correspondence.services import correspondence_record
from tests.factories import CommitteeFactory, DisclosureFactory

pytestmark = pytest.mark.django_db


def sent_letter(**overrides):
    data = {
        "committee": CommitteeFactory(),
        "direction": Correspondence.Direction.SENT,
        "date": dt.date(2023, 12, 22),
        "sender": "Chairman",
        "recipient": "Deputy Commissioner",
        "subject": "Stop and search data",
    }
    return correspondence_record(data=data | overrides)


def test_the_letter_page_explains_its_reply_due_date(member_client):
    letter = sent_letter()
    page = member_client.get(reverse("correspondence-detail", args=[letter.pk])).content.decode()
    assert "24 January 2024" in page
    assert "20 working days from 22 December 2023, skipping 10 weekend days and 3 bank " in page
    assert "Boxing Day 26 December 2023" in page


def test_a_reply_due_date_an_officer_set_says_so(member_client):
    letter = sent_letter(reply_due=dt.date(2024, 2, 1))
    page = member_client.get(reverse("correspondence-detail", args=[letter.pk])).content.decode()
    assert "1 February 2024" in page and "Set by an officer" in page
    assert "working days from" not in page


def test_the_disclosure_page_shows_when_it_was_due_and_why(member_client):
    disclosure = DisclosureFactory(
        contact_date=dt.date(2023, 9, 5), disclosed_on=dt.date(2023, 10, 10)
    )
    page = member_client.get(reverse("disclosure-detail", args=[disclosure.pk])).content.decode()
    assert "28 days from 5 September 2023: due 3 October 2023" in page

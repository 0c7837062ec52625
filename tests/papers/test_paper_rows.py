"""The complaints and Transparency Procedure rows the registers give the paper."""

import datetime as dt

import pytest

from correspondence.paper_rows import (
    complaints_in_period,
    complaints_status_paragraphs,
    disclosures_in_period,
    disclosures_status_paragraphs,
    period_text,
)
from tests.factories import CommitteeFactory, ComplaintFactory, DisclosureFactory

pytestmark = pytest.mark.django_db

START, END = dt.date(2023, 3, 9), dt.date(2023, 5, 9)


def test_period_is_written_as_the_paper_writes_it():
    assert period_text(START, END) == "9 March to 9 May 2023"
    assert period_text(dt.date(2022, 12, 1), END) == "1 December 2022 to 9 May 2023"


def test_nothing_to_report():
    committee = CommitteeFactory()
    assert disclosures_status_paragraphs(
        disclosures_in_period(committee=committee, start=START, end=END), START, END
    ) == ["No disclosures to report for the period from 9 March to 9 May 2023."]
    assert complaints_status_paragraphs(
        complaints_in_period(committee=committee, start=START, end=END), START, END
    ) == ["No complaints to report for the period from 9 March to 9 May 2023."]


def test_rows_list_the_period_only_and_never_confidential_details():
    committee = CommitteeFactory()
    ComplaintFactory(
        committee=committee,
        received_on=dt.date(2023, 4, 1),
        public_summary="No action; not recorded.",
        confidential_details="SECRET",
    )
    ComplaintFactory(committee=committee, received_on=dt.date(2023, 1, 1), public_summary="Old.")
    DisclosureFactory(
        committee=committee,
        member="Caroline Russell AM",
        with_whom="Borough Commander, MPS",
        details="A meeting about local policing.",
        contact_date=dt.date(2023, 3, 1),
        disclosed_on=dt.date(2023, 4, 11),
    )
    complaints = complaints_status_paragraphs(
        complaints_in_period(committee=committee, start=START, end=END), START, END
    )
    assert complaints == ["No action; not recorded."]
    disclosures = disclosures_status_paragraphs(
        disclosures_in_period(committee=committee, start=START, end=END), START, END
    )
    assert disclosures == [
        "Caroline Russell AM disclosed contact with Borough Commander, MPS on 1 March 2023: "
        "A meeting about local policing. Late: disclosed 41 days after contact "
        "(due within 28 days)."
    ]

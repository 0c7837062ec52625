"""The deadline engine: working days skip weekends and the bank holidays of the committee's
nation, and every deadline explains itself in a sentence."""

import datetime as dt

import pytest

from correspondence.models import Correspondence
from correspondence.services import correspondence_record
from meetings import deadlines
from meetings.deadlines import NORTHERN_IRELAND, SCOTLAND
from tests.factories import CommitteeFactory


def test_twenty_working_days_explains_the_weekends_it_skipped():
    deadline = deadlines.reply_due(dt.date(2023, 9, 5))
    assert deadline.due == dt.date(2023, 10, 3)
    assert deadline.explain() == (
        "20 working days from 5 September 2023, skipping 8 weekend days and no bank "
        "holidays in England and Wales: due 3 October 2023"
    )


def test_christmas_names_each_bank_holiday_skipped():
    deadline = deadlines.reply_due(dt.date(2023, 12, 22))
    assert deadline.due == dt.date(2024, 1, 24)
    assert "10 weekend days and 3 bank holidays in England and Wales" in deadline.explain()
    assert "Boxing Day 26 December 2023" in deadline.explain()


def test_scotland_also_skips_the_second_of_january():
    committee = CommitteeFactory.build(nation=SCOTLAND)
    deadline = deadlines.reply_due(dt.date(2023, 12, 22), committee)
    assert deadline.due == dt.date(2024, 1, 25)
    assert "4 bank holidays in Scotland" in deadline.explain()


def test_scotland_skips_st_andrews_day_where_england_works():
    scottish = deadlines.working_days_after(dt.date(2024, 11, 28), 2, SCOTLAND)
    english = deadlines.working_days_after(dt.date(2024, 11, 28), 2)
    assert (english.due, scottish.due) == (dt.date(2024, 12, 2), dt.date(2024, 12, 3))
    assert "Saint Andrew's Day (observed) 2 December 2024" in scottish.explain()


def test_northern_ireland_skips_the_twelfth_of_july():
    irish = deadlines.working_days_after(dt.date(2024, 7, 10), 5, NORTHERN_IRELAND)
    english = deadlines.working_days_after(dt.date(2024, 7, 10), 5)
    assert (english.due, irish.due) == (dt.date(2024, 7, 17), dt.date(2024, 7, 18))
    assert irish.explain() == (
        "5 working days from 10 July 2024, skipping 2 weekend days and 1 bank holiday in "
        "Northern Ireland (Battle of the Boyne 12 July 2024): due 18 July 2024"
    )


def test_disclosures_count_calendar_days_and_report_responses_months():
    assert deadlines.disclosure_due(dt.date(2023, 9, 5)).explain() == (
        "28 days from 5 September 2023: due 3 October 2023"
    )
    # Two months from the last day of December ends on the last day of February.
    assert deadlines.report_response_due(dt.date(2023, 12, 31)).due == dt.date(2024, 2, 29)


def test_chases_follow_the_committees_rule():
    committee = CommitteeFactory.build(
        first_chase_after_working_days=10, chase_every_working_days=5
    )
    assert deadlines.first_chase_due(dt.date(2026, 11, 2), committee).due == dt.date(2026, 11, 16)
    assert deadlines.next_chase_due(dt.date(2026, 11, 16), committee).due == dt.date(2026, 11, 23)


@pytest.mark.django_db
def test_a_scottish_committees_letter_is_due_after_the_scottish_holidays():
    committee = CommitteeFactory(nation=SCOTLAND)
    letter = correspondence_record(
        data={
            "committee": committee,
            "direction": Correspondence.Direction.SENT,
            "date": dt.date(2023, 12, 22),
            "sender": "Chairman",
            "recipient": "Deputy Commissioner",
            "subject": "Stop and search data",
        }
    )
    assert letter.reply_due == dt.date(2024, 1, 25)

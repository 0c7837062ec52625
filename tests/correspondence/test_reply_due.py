"""Reply due dates: 20 working days, skipping weekends and England and Wales bank holidays."""

import datetime as dt

import pytest

from correspondence.models import Correspondence
from correspondence.services import correspondence_record, reply_due_date
from tests.factories import CommitteeFactory


def test_twenty_working_days_with_no_holidays_is_four_weeks():
    assert reply_due_date(dt.date(2023, 3, 6)) == dt.date(2023, 4, 3)


def test_letter_sent_just_before_christmas_skips_christmas_boxing_day_and_new_year():
    # Friday 22 December 2023: 25, 26 December and 1 January are bank holidays.
    assert reply_due_date(dt.date(2023, 12, 22)) == dt.date(2024, 1, 24)


def test_letter_sent_just_before_easter_skips_good_friday_and_easter_monday():
    # Thursday 28 March 2024: Good Friday 29 March, Easter Monday 1 April.
    assert reply_due_date(dt.date(2024, 3, 28)) == dt.date(2024, 4, 29)


def test_letter_sent_on_a_saturday_counts_from_the_monday():
    assert reply_due_date(dt.date(2023, 3, 4)) == dt.date(2023, 3, 31)


@pytest.mark.django_db
class TestRecordingSetsReplyDue:
    def data(self, **overrides):
        data = {
            "committee": CommitteeFactory(),
            "direction": Correspondence.Direction.SENT,
            "date": dt.date(2023, 12, 22),
            "sender": "Chairman",
            "recipient": "Deputy Commissioner",
            "subject": "Stop and search data",
        }
        data.update(overrides)
        return data

    def test_sent_letter_gets_its_reply_due_date(self):
        letter = correspondence_record(data=self.data())
        assert letter.reply_due == dt.date(2024, 1, 24)

    def test_an_officer_can_set_another_reply_due_date(self):
        letter = correspondence_record(data=self.data(reply_due=dt.date(2024, 2, 1)))
        assert letter.reply_due == dt.date(2024, 2, 1)
        letter = correspondence_record(
            instance=letter, data={"reply_due": dt.date(2024, 3, 1), "subject": "Changed"}
        )
        letter.refresh_from_db()
        assert letter.reply_due == dt.date(2024, 3, 1)

    def test_received_letters_and_letters_needing_no_reply_have_no_due_date(self):
        received = correspondence_record(data=self.data(direction="received"))
        no_reply = correspondence_record(data=self.data(), reply_expected=False)
        assert received.reply_due is None
        assert no_reply.reply_due is None

    def test_bad_input_writes_nothing(self):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            correspondence_record(data=self.data(subject=""))
        assert not Correspondence.objects.exists()

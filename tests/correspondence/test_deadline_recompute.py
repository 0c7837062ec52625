"""Open deadlines follow the bank holidays and each committee's own rule: a changed set of
holidays (the `holidays` package's data, seen through a fingerprint) or a changed rule
moves the open reply dates the engine worked out, each change in the letter's history with
its reason; typed dates and answered letters stay."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from correspondence.chase_day import chase_day_run
from correspondence.deadline_recompute import holidays_check
from correspondence.models import Correspondence, TransparencyDisclosure
from correspondence.services import correspondence_record
from meetings import deadlines
from tests.factories import CommitteeFactory, DisclosureFactory, OrganisationFactory

# A bank holiday the package does not know (yet): Thursday 10 December 2026.
EXTRA = dt.date(2026, 12, 10)


def sent(committee, date, *, reply_due=None, subject="Stop and search data"):
    data = {
        "committee": committee,
        "direction": Correspondence.Direction.SENT,
        "date": date,
        "sender": "Chairman",
        "recipient": "Deputy Commissioner",
        "subject": subject,
    }
    if reply_due:
        data["reply_due"] = reply_due
    return correspondence_record(data=data)


def reply_to(letter):
    return correspondence_record(
        data={
            "committee": letter.committee,
            "direction": Correspondence.Direction.RECEIVED,
            "date": letter.date + dt.timedelta(days=3),
            "sender": "Deputy Commissioner",
            "recipient": "Chairman",
            "subject": "Re: " + letter.subject,
            "in_reply_to": letter,
        },
        reply_expected=False,
    )


@pytest.fixture
def fresh_caches():
    deadlines.clear_caches()
    yield
    deadlines.clear_caches()


@pytest.fixture
def letters(fresh_caches):
    committee = CommitteeFactory(name="Police and Crime Committee")
    open_computed = sent(committee, dt.date(2026, 12, 1), subject="Open, worked out")
    typed = sent(committee, dt.date(2026, 12, 1), reply_due=dt.date(2027, 1, 15), subject="Typed")
    answered = sent(committee, dt.date(2026, 12, 2), subject="Answered")
    reply_to(answered)
    later = sent(committee, dt.date(2027, 2, 1), subject="Open, after the new holiday")
    return committee, open_computed, typed, answered, later


def with_extra_holiday(monkeypatch):
    real = deadlines.bank_holidays

    def bank_holidays(year, nation=deadlines.ENGLAND_AND_WALES):
        found = dict(real(year, nation))
        if year == EXTRA.year:
            found[EXTRA] = "Extra bank holiday"
        return found

    monkeypatch.setattr(deadlines, "bank_holidays", bank_holidays)


def due(letter):
    letter.refresh_from_db()
    return letter.reply_due


@pytest.mark.django_db
def test_a_new_bank_holiday_moves_only_open_computed_deadlines(letters, monkeypatch):
    committee, open_computed, typed, answered, later = letters
    assert (open_computed.reply_due_computed, typed.reply_due_computed) == (True, False)
    # 20 working days from 1 December 2026, skipping Christmas and Boxing Day (28th).
    assert due(open_computed) == dt.date(2026, 12, 31)
    before = {letter.pk: due(letter) for letter in (typed, answered, later)}
    first = holidays_check()
    assert first.changes == [] and HolidayCount.stored() == 1
    assert holidays_check().holidays_changed is False

    with_extra_holiday(monkeypatch)
    out = io.StringIO()
    call_command("recompute_deadlines", "--dry-run", stdout=out)
    assert "reply due 31 December 2026 -> 4 January 2027" in out.getvalue()
    assert "Open, worked out" in out.getvalue() and "Typed" not in out.getvalue()
    assert due(open_computed) == dt.date(2026, 12, 31)  # a dry run changes nothing

    day = chase_day_run(dt.date(2026, 12, 3))  # the daily run sees the fingerprint differ
    assert [change.letter.pk for change in day.deadlines_moved] == [open_computed.pk]
    assert "the bank holidays changed: 1 open deadline moved" in day.summary()
    assert due(open_computed) == dt.date(2027, 1, 4)
    assert {letter.pk: due(letter) for letter in (typed, answered, later)} == before
    history = open_computed.history.first()
    assert history.history_change_reason == (
        "Bank holidays changed: reply due 31 December 2026 -> 4 January 2027"
    )
    assert open_computed.version == 2
    letter = Correspondence.objects.get(pk=open_computed.pk)
    assert "Extra bank holiday 10 December 2026" in letter.reply_due_deadline.explain()
    # Nothing changes on the next day's run.
    assert chase_day_run(dt.date(2026, 12, 4)).deadlines_moved == ()


class HolidayCount:
    @staticmethod
    def stored():
        from correspondence.deadline_models import HolidayFingerprint

        return HolidayFingerprint.objects.count()


@pytest.mark.django_db
def test_a_committee_rule_or_nation_change_moves_its_open_computed_deadlines(letters):
    committee, open_computed, typed, answered, later = letters
    summer = sent(committee, dt.date(2026, 7, 20), subject="Summer")
    assert due(summer) == dt.date(2026, 8, 17)
    before = {letter.pk: due(letter) for letter in (typed, answered)}
    committee.reply_working_days = 25
    committee.save()
    assert due(open_computed) == dt.date(2027, 1, 8)
    reason = open_computed.history.first().history_change_reason
    assert reason.startswith("The committee's deadline rule or nation changed")
    assert {letter.pk: due(letter) for letter in (typed, answered)} == before
    letter = Correspondence.objects.get(pk=open_computed.pk)
    assert letter.reply_due_deadline.explain().startswith("25 working days from 1 December 2026")

    committee.reply_working_days = 20
    committee.nation = deadlines.SCOTLAND  # Scotland's summer bank holiday: 3 August
    committee.save()
    assert due(open_computed) == dt.date(2026, 12, 31)
    assert due(summer) == dt.date(2026, 8, 18)
    assert "Summer Bank Holiday 3 August 2026" in (
        Correspondence.objects.get(pk=summer.pk).reply_due_deadline.explain()
    )
    assert {letter.pk: due(letter) for letter in (typed, answered)} == before


@pytest.mark.django_db
def test_a_committee_sets_its_own_disclosure_and_report_response_numbers():
    strict = CommitteeFactory(name="Strict committee", disclosure_days=10, report_response_months=3)
    usual = CommitteeFactory(name="Usual committee")
    contact = dt.date(2026, 3, 2)
    strict_one = DisclosureFactory(
        committee=strict, contact_date=contact, disclosed_on=dt.date(2026, 3, 17)
    )
    usual_one = DisclosureFactory(
        committee=usual, contact_date=contact, disclosed_on=dt.date(2026, 3, 17)
    )
    assert strict_one.due.due == dt.date(2026, 3, 12) and strict_one.is_late
    assert usual_one.due.due == dt.date(2026, 3, 30) and not usual_one.is_late
    assert list(TransparencyDisclosure.objects.late()) == [strict_one]

    from correspondence.models import CommitteeReport

    report = CommitteeReport.objects.create(
        committee=strict,
        title="Knife crime",
        agreed_on=dt.date(2026, 1, 31),
        addressed_to=OrganisationFactory(),
    )
    assert report.response_due.due == dt.date(2026, 4, 30)
    assert report.response_due.explain() == "3 months from 31 January 2026: due 30 April 2026"
    assert sent(usual, dt.date(2023, 9, 5)).reply_due == dt.date(2023, 10, 3)

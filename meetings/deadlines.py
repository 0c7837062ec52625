"""Every deadline of the app, from one place: working days that skip weekends and the bank
holidays of the committee's nation, calendar days and months, each able to say how it was
worked out ("20 working days from 5 September 2023, skipping 8 weekend days and no bank
holidays").
"""

import calendar
import datetime
import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache

import holidays

ENGLAND_AND_WALES = "england-and-wales"
SCOTLAND = "scotland"
NORTHERN_IRELAND = "northern-ireland"
# Committee.nation's choices: whose bank holidays its working days skip.
NATIONS = {
    ENGLAND_AND_WALES: ("England and Wales", "ENG"),
    SCOTLAND: ("Scotland", "SCT"),
    NORTHERN_IRELAND: ("Northern Ireland", "NIR"),
}
NATION_CHOICES = [(key, label) for key, (label, _) in NATIONS.items()]

# The deadlines the secretariat works to.
REPLY_WORKING_DAYS = 20  # a reply to a committee's letter
DISCLOSURE_DAYS = 28  # a disclosure, from the contact
REPORT_RESPONSE_MONTHS = 2  # a response to a committee report


def format_date(value: datetime.date) -> str:
    """Dates as the papers write them: "4 May 2023"."""
    return f"{value.day} {value:%B %Y}"


@lru_cache(maxsize=64)
def bank_holidays(year: int, nation: str = ENGLAND_AND_WALES) -> dict[datetime.date, str]:
    """The nation's bank holidays in ``year``, each with its name."""
    return dict(holidays.country_holidays("GB", subdiv=NATIONS[nation][1], years=year))


def is_working_day(day: datetime.date, nation: str = ENGLAND_AND_WALES) -> bool:
    """Monday to Friday, and not a bank holiday of ``nation``."""
    return day.weekday() < 5 and day not in bank_holidays(day.year, nation)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


@dataclass(frozen=True)
class Deadline:
    """A due date and how it was reached, for the page that shows it to explain itself."""

    start: datetime.date
    due: datetime.date
    amount: int
    unit: str  # "working day", "day" or "month"
    nation: str = ENGLAND_AND_WALES
    weekend_days: int = 0
    skipped_holidays: tuple[tuple[datetime.date, str], ...] = field(default=())
    before: bool = False  # counted back from ``start`` (a reminder before a due date)

    def explain(self) -> str:
        """How the due date was worked out, in a sentence."""
        counted = (
            f"{_plural(self.amount, self.unit)} {'before' if self.before else 'from'} "
            f"{format_date(self.start)}"
        )
        if self.unit != "working day":
            return f"{counted}: due {format_date(self.due)}"
        if self.skipped_holidays:
            names = ", ".join(f"{name} {format_date(day)}" for day, name in self.skipped_holidays)
            holidays_text = (
                f"{_plural(len(self.skipped_holidays), 'bank holiday')} "
                f"in {NATIONS[self.nation][0]} ({names})"
            )
        else:
            holidays_text = f"no bank holidays in {NATIONS[self.nation][0]}"
        return (
            f"{counted}, skipping {_plural(self.weekend_days, 'weekend day')} and "
            f"{holidays_text}: due {format_date(self.due)}"
        )

    def __str__(self):
        return format_date(self.due)


def _walk_working_days(start: datetime.date, count: int, nation: str, step: int):
    """Walk ``count`` working days from ``start`` (never counted) one day at a time, ``step``
    +1 forwards or -1 backwards: the day reached, the weekend days and the bank holidays
    (day, name) passed on the way, in walking order."""
    day = start
    remaining = count
    weekend_days = 0
    skipped = []
    while remaining > 0:
        day += datetime.timedelta(days=step)
        if day.weekday() >= 5:
            weekend_days += 1
        elif day in bank_holidays(day.year, nation):
            skipped.append((day, bank_holidays(day.year, nation)[day]))
        else:
            remaining -= 1
    return day, weekend_days, skipped


@lru_cache(maxsize=16384)  # pure; the daily chase queue asks again and again
def working_days_after(
    start: datetime.date, count: int, nation: str = ENGLAND_AND_WALES
) -> Deadline:
    """The day ``count`` working days after ``start`` (a start on a weekend counts from the
    next working day, since the start itself is never counted)."""
    day, weekend_days, skipped = _walk_working_days(start, count, nation, 1)
    return Deadline(
        start=start,
        due=day,
        amount=count,
        unit="working day",
        nation=nation,
        weekend_days=weekend_days,
        skipped_holidays=tuple(skipped),
    )


@lru_cache(maxsize=16384)  # pure; the daily chase queue asks again and again
def working_days_before(
    end: datetime.date, count: int, nation: str = ENGLAND_AND_WALES
) -> Deadline:
    """The day ``count`` working days before ``end`` (``end`` itself is never counted)."""
    day, weekend_days, skipped = _walk_working_days(end, count, nation, -1)
    return Deadline(
        start=end,
        due=day,
        amount=count,
        unit="working day",
        nation=nation,
        weekend_days=weekend_days,
        skipped_holidays=tuple(reversed(skipped)),
        before=True,
    )


def clear_caches() -> None:
    """Forget the working days counted so far (after the bank-holiday data changed)."""
    working_days_after.cache_clear()
    working_days_before.cache_clear()


def holidays_fingerprint(years, nations=None) -> str:
    """A hash of the bank holidays (date and name) of each nation over ``years``: it
    changes when the `holidays` package's data for those years does."""
    digest = hashlib.sha256()
    for nation in sorted(nations or NATIONS):
        for year in years:
            for day, name in sorted(bank_holidays(year, nation).items()):
                digest.update(f"{nation} {day.isoformat()} {name}\n".encode())
    return digest.hexdigest()


def days_after(start: datetime.date, count: int) -> Deadline:
    """The day ``count`` calendar days after ``start``."""
    return Deadline(
        start=start, due=start + datetime.timedelta(days=count), amount=count, unit="day"
    )


def months_after(start: datetime.date, count: int) -> Deadline:
    """The same day ``count`` months on, or that month's last day if it is shorter."""
    month_index = start.month - 1 + count
    year, month = start.year + month_index // 12, month_index % 12 + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    return Deadline(start=start, due=datetime.date(year, month, day), amount=count, unit="month")


def _nation_of(committee) -> str:
    return getattr(committee, "nation", None) or ENGLAND_AND_WALES


def _rule(committee, name: str, default: int) -> int:
    """The committee's own number for a deadline, or the secretariat's default."""
    value = getattr(committee, name, None)
    return default if value is None else value


def reply_due(sent_on: datetime.date, committee=None) -> Deadline:
    """A reply to a letter the committee sent: 20 working days, or the committee's own
    number (``reply_working_days``)."""
    count = _rule(committee, "reply_working_days", REPLY_WORKING_DAYS)
    return working_days_after(sent_on, count, _nation_of(committee))


def disclosure_due(contacted_on: datetime.date, committee=None) -> Deadline:
    """A disclosure: 28 days from the contact, or the committee's own number
    (``disclosure_days``)."""
    return days_after(contacted_on, _rule(committee, "disclosure_days", DISCLOSURE_DAYS))


def report_response_due(published_on: datetime.date, committee=None) -> Deadline:
    """A response to a committee report: two months from its publication, or the
    committee's own number (``report_response_months``)."""
    count = _rule(committee, "report_response_months", REPORT_RESPONSE_MONTHS)
    return months_after(published_on, count)


# An action's timing, as the papers write it: "August 2022", "August/Sept 2022", "27 June
# 2022", "27/06/2022". Its due date is the last day it names.
_MONTHS = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?"
_TIMING_DATES = [
    (re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+(\d{{4}})\b", re.I), (3, 2, 1)),
    (re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+(\d{{4}})\b", re.I), (3, 1, 2)),
    (re.compile(r"\b(\d{1,2})[/.](\d{1,2})[/.](\d{4}|\d{2})\b"), (3, 2, 1)),
    (re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b"), (1, 2, 3)),
]
_TIMING_MONTH = re.compile(rf"\b{_MONTH}(?![a-z])", re.I)
_TIMING_YEAR = re.compile(r"\b(\d{4})\b")


def _timing_dates(timing: str) -> list[datetime.date]:
    found = []
    for pattern, (year, month, day) in _TIMING_DATES:
        for match in pattern.finditer(timing):
            y = int(match.group(year))
            m = match.group(month)
            try:
                found.append(
                    datetime.date(
                        y + 2000 if y < 100 else y,
                        int(m) if m.isdigit() else _MONTHS[m.lower().rstrip(".")],
                        int(match.group(day)),
                    )
                )
            except (ValueError, KeyError):
                continue
    return found


def timing_end(timing: str) -> datetime.date | None:
    """The last day an action's timing names: "August 2022" -> 31 August 2022,
    "August/Sept 2022" -> 30 September 2022, "27 June 2022" -> that day; None when it
    names no date, nor a month and a year ("Completed", "Ongoing")."""
    dates = _timing_dates(timing)
    if dates:
        return max(dates)
    months = [_MONTHS[m.lower().rstrip(".")] for m in _TIMING_MONTH.findall(timing)]
    years = [int(y) for y in _TIMING_YEAR.findall(timing)]
    if not months or not years:
        return None
    year, month = years[-1], months[-1]
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


@dataclass(frozen=True)
class TimingDeadline(Deadline):
    """An action's due date: the last day of the timing the committee agreed."""

    timing: str = ""

    def explain(self) -> str:
        return f"The last day of the timing “{self.timing}”: due {format_date(self.due)}"


def action_due(timing: str) -> TimingDeadline | None:
    """An action's due date, from its timing; None when the timing names no date."""
    end = timing_end(timing or "")
    if end is None:
        return None
    return TimingDeadline(start=end, due=end, amount=0, unit="timing", timing=timing.strip())


def first_chase_due(meeting_date: datetime.date, committee) -> Deadline:
    """When an action agreed at a meeting is first chased, by the committee's rule."""
    return working_days_after(
        meeting_date, committee.first_chase_after_working_days, _nation_of(committee)
    )


def next_chase_due(last_chased_on: datetime.date, committee) -> Deadline:
    """When an action already chased is chased again, by the committee's rule."""
    return working_days_after(
        last_chased_on, committee.chase_every_working_days, _nation_of(committee)
    )


def chase_before_due(due_date: datetime.date, committee) -> Deadline | None:
    """The reminder the committee's rule sends before an action's due date, or None when
    its rule sends none."""
    count = committee.chase_before_due_working_days
    return working_days_before(due_date, count, _nation_of(committee)) if count else None

"""What the dashboard shows, as plain values: each figure with the register query that
lists what it counts. Built by ``actions.dashboard.selectors``; no queries here."""

import datetime as dt
import functools
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.functional import cached_property
from django.utils.html import format_html
from django.utils.safestring import SafeString

from actions.models import Action, ResponsiblePerson, short_text
from meetings.models import Committee

RECENT_MEETINGS = 24  # about a year of meetings; older ones are counted in the age bands


@functools.cache
def register_url() -> str:
    # Resolved once: a per-meeting table can carry hundreds of links.
    return reverse("action-list")


@dataclass
class Figure:
    """One number on the dashboard and the register query listing what it counts.

    ``hidden`` names the number for screen readers in its link (the label by default).
    """

    label: str
    count: int
    params: list[tuple[str, str]] = field(default_factory=list)
    hidden: str = ""
    path: str = ""  # another register than the action register's
    register: str = "the action register"

    @cached_property
    def query(self) -> str:
        return urlencode(self.params)

    @cached_property
    def url(self) -> str:
        return f"{self.path or register_url()}?{self.query}"

    @cached_property
    def link(self) -> SafeString:
        """The count linked to its register rows; built here rather than by an include
        in the template, as the page carries dozens of them."""
        return format_html(
            '<a class="govuk-link" href="{}">{}<span class="govuk-visually-hidden"> {}: '
            "list them in {}</span></a>",
            self.url,
            self.count,
            self.hidden or self.label,
            self.register,
        )


@dataclass
class MeetingProgress:
    """How many of one meeting's actions are done (completed or closed)."""

    date: dt.date
    total: Figure
    done: Figure

    @cached_property
    def when(self) -> str:
        return format_date(self.date, "j F Y")

    @property
    def outstanding(self) -> int:
        return self.total.count - self.done.count


@dataclass
class LastPaper:
    """The newest published Summary List of Actions and the date changes are counted from."""

    subject: str
    considered_on: dt.date
    since: dt.date


@dataclass
class OutstandingAction:
    """A row of the longest outstanding actions: only what the table shows."""

    pk: int
    intro: str
    requested_items: list[str]
    meeting_date: dt.date
    item_number: str
    responsible_person: ResponsiblePerson
    last_chased_on: dt.date | None
    age_months: int

    @property
    def url(self) -> str:
        return reverse("action-detail", args=[self.pk])

    @cached_property
    def text(self) -> str:
        """The intro, or where it is only a lead-in, the first requested items."""
        return short_text(self.intro, self.requested_items)


@dataclass
class Dashboard:
    """Everything the dashboard shows for one committee."""

    committee: Committee
    today: dt.date
    not_chased_days: int
    statuses: list[Figure]
    total: Figure
    age_bands: list[Figure]
    organisations: list[Figure]
    longest_outstanding: list[OutstandingAction]
    not_chased: Figure
    overdue: Figure
    letters_awaiting_reply: Figure
    last_paper: LastPaper | None
    changes: list[Figure]
    meetings: list[MeetingProgress]
    all_meetings: bool
    replies: list = field(default_factory=list)  # ReplyPerformance, one per organisation

    @property
    def outstanding(self) -> Figure:
        return next(f for f in self.statuses if ("status", Action.Status.ONGOING) in f.params)

    @property
    def not_chased_days_text(self) -> str:
        return str(self.not_chased_days)

    @property
    def since_text(self) -> str:
        return format_date(self.last_paper.since, "j F Y") if self.last_paper else ""

    @property
    def completed_since(self) -> Figure | None:
        return self.changes[0] if self.changes else None

    @property
    def more_meetings(self) -> bool:
        """Progress lists only the newest meetings, and older ones may have actions too."""
        return not self.all_meetings and len(self.meetings) == RECENT_MEETINGS


def age_in_months(since: dt.date, today: dt.date) -> int:
    """Whole calendar months from ``since`` to ``today``."""
    months = (today.year - since.year) * 12 + today.month - since.month
    return months - 1 if today.day < since.day else months

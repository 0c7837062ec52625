"""A day of the chase schedule: the chases due that may go out are sent (actions/chasing.py)
and letters from the Chair are proposed where a committee's rule escalates
(correspondence/chaser_letters.py). `send_chases` runs it for a day; the background worker
runs it once a day (correspondence/tasks.py), recording each day in a ChaseRun so no day's
chases go out twice.
"""

import datetime
import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from actions.chasing import ChaseOutcome, chases_send
from actions.notify_delivery import notify_delivery_check
from correspondence.chaser_letters import chaser_letters_escalate
from correspondence.chaser_models import ChaserLetter, ChaseRun
from correspondence.deadline_recompute import DeadlineChange, holidays_check

logger = logging.getLogger(__name__)
NOTIFY_BACKEND = "actiontracker.mail.NotifyEmailBackend"

# The hour (local time) the worker runs each day's schedule.
DEFAULT_RUN_HOUR = 7
# A run started this long ago and never finished is taken to have crashed; it runs again.
STALE_RUN = datetime.timedelta(hours=1)


@dataclass(frozen=True)
class ChaseDay:
    """What one run of the schedule did."""

    date: datetime.date
    outcomes: list[ChaseOutcome]
    letters: list[ChaserLetter]
    dry_run: bool = False
    deadlines_moved: tuple[DeadlineChange, ...] = ()

    @property
    def failed(self) -> list[ChaseOutcome]:
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def held(self) -> list[ChaseOutcome]:
        return [o for o in self.outcomes if o.status == "held"]

    def lines(self) -> list[str]:
        lines = [outcome.line() for outcome in self.outcomes]
        for letter in self.letters:
            lines.append(
                f"LETTER\t{letter.organisation.label}\tfrom the Chair of the "
                f"{letter.committee.name}\t"
                + ("would be proposed" if self.dry_run else "awaiting an officer's approval")
            )
        lines.extend(f"DEADLINE\t{change.line()}" for change in self.deadlines_moved)
        return lines

    def summary(self) -> str:
        done = len(self.outcomes) - len(self.failed) - len(self.held)
        text = f"{done} chase{'s' if done != 1 else ''} "
        text += f"{'would be sent' if self.dry_run else 'sent'} for {self.date:%-d %B %Y}"
        if self.failed:
            text += f"; {len(self.failed)} failed and will be tried again on the next run"
        if self.held:
            text += (
                f"; {len(self.held)} held: address bounced, until an officer corrects or "
                "confirms it"
            )
        if self.letters:
            count = len(self.letters)
            text += f"; {count} letter{'s' if count != 1 else ''} from the Chair "
            text += "would be proposed" if self.dry_run else "proposed for an officer to approve"
        if self.deadlines_moved:
            count = len(self.deadlines_moved)
            text += f"; the bank holidays changed: {count} open deadline{'s' if count != 1 else ''}"
            text += " would move" if self.dry_run else " moved"
        return text + "."


def chase_day_run(date: datetime.date, *, dry_run: bool = False, connection=None) -> ChaseDay:
    """Work open deadlines out again if the bank holidays changed, send the chases due on
    ``date`` that may go out, then propose the letters due."""
    moved = holidays_check(dry_run=dry_run).changes
    if not dry_run and settings.EMAIL_BACKEND == NOTIFY_BACKEND:
        try:  # addresses Notify found dead since the last run are held from today's chases
            notify_delivery_check()
        except Exception:  # Notify out of reach: the chases still go; asked again tomorrow
            logger.exception("Could not ask GOV.UK Notify about delivery")
    outcomes = chases_send(date=date, dry_run=dry_run, connection=connection)
    letters = chaser_letters_escalate(date, dry_run=dry_run)
    return ChaseDay(
        date=date,
        outcomes=outcomes,
        letters=letters,
        dry_run=dry_run,
        deadlines_moved=tuple(moved),
    )


def chase_day_once(date: datetime.date) -> ChaseDay | None:
    """Run ``date``'s schedule unless it has run already (or is running): None then."""
    try:
        with transaction.atomic():
            run = ChaseRun.objects.create(date=date)
    except IntegrityError:
        run = ChaseRun.objects.get(date=date)
        stale = run.finished_at is None and run.started_at < timezone.now() - STALE_RUN
        if not stale:
            return None
        run.started_at = timezone.now()
    day = chase_day_run(date)
    run.finished_at = timezone.now()
    run.summary = day.summary()
    run.save()
    return day


def next_run_at(now: datetime.datetime | None = None) -> datetime.datetime:
    """The next time the daily run is due: today's hour if not passed yet, else tomorrow's."""
    now = timezone.localtime(now)
    hour = getattr(settings, "CHASE_RUN_HOUR", DEFAULT_RUN_HOUR)
    at = now.replace(hour=hour, minute=0, second=0, microsecond=0)
    if at <= now:
        at = timezone.make_aware(
            datetime.datetime.combine(now.date() + datetime.timedelta(days=1), at.time())
        )
    return at

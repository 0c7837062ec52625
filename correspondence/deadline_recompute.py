"""Open deadlines worked out again when what they were worked out from changes: the bank
holidays (the `holidays` package's data, watched through a fingerprint of the years in
use) or a committee's rule or nation. Only the deadlines the engine worked out move (a
letter's reply due date an officer typed stays), only open ones (a letter still awaiting
its reply), and each change goes into the record's history with its reason.

A committee report's response date and a disclosure's due date are not stored: they are
worked out when shown, from the committee's rule of the day.
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models.signals import post_save

from actiontracker.versioning import locked
from correspondence.deadline_models import HolidayFingerprint
from correspondence.models import Correspondence
from meetings import deadlines
from meetings.deadlines import format_date
from meetings.models import Committee

FINGERPRINT_KEY = "bank-holidays"
HOLIDAYS_CHANGED = "Bank holidays changed"


@dataclass(frozen=True)
class DeadlineChange:
    """One open deadline moved."""

    letter: Correspondence
    old: datetime.date
    new: datetime.date
    reason: str

    def line(self) -> str:
        return (
            f"LETTER {self.letter.pk}\t{self.letter.recipient}\t{self.letter.subject}\t"
            f"reply due {format_date(self.old)} -> {format_date(self.new)}\t{self.reason}"
        )


@dataclass(frozen=True)
class Recompute:
    """What a check of the bank holidays found and did."""

    holidays_changed: bool
    changes: list[DeadlineChange]
    dry_run: bool = False

    def summary(self) -> str:
        count = len(self.changes)
        moved = f"{count} open deadline{'s' if count != 1 else ''}"
        verb = "would move" if self.dry_run else "moved"
        text = "The bank holidays changed" if self.holidays_changed else "Bank holidays unchanged"
        return f"{text}; {moved} {verb}."


def open_computed_letters(committee=None):
    """Sent letters still awaiting their reply whose due date the engine worked out."""
    letters = (
        Correspondence.objects.awaiting_reply()
        .filter(reply_due_computed=True)
        .select_related("committee")
        .order_by("reply_due", "pk")
    )
    return letters.filter(committee=committee) if committee is not None else letters


def years_in_use(letters) -> range:
    """The years the open deadlines span, from the earliest letter to the year after the
    latest due date (a date may move into it)."""
    if not letters:
        return range(0)
    first = min(letter.date for letter in letters).year
    last = max(letter.reply_due for letter in letters).year + 1
    return range(first, last + 1)


def recompute(letters, reason: str, *, dry_run: bool = False) -> list[DeadlineChange]:
    """Work each letter's reply due date out again; save and record those that moved."""
    changes = []
    for letter in letters:
        new = deadlines.reply_due(letter.date, letter.committee).due
        if new == letter.reply_due:
            continue
        change = DeadlineChange(letter, letter.reply_due, new, reason)
        changes.append(change)
        if not dry_run:
            _save(letter.pk, change)
    return changes


def _save(pk, change: DeadlineChange) -> None:
    with transaction.atomic():
        current = locked(Correspondence, pk)
        if not current.reply_due_computed or current.reply_due != change.old:
            return  # changed by someone meanwhile: theirs stands
        current.reply_due = change.new
        current.version += 1
        current._change_reason = (
            f"{change.reason}: reply due {format_date(change.old)} -> {format_date(change.new)}"
        )[:100]
        current.save()


def holidays_check(*, dry_run: bool = False, force: bool = False) -> Recompute:
    """Compare the bank holidays of the years in use with the fingerprint last stored;
    when they differ (or ``force``), work the open deadlines out again."""
    letters = list(open_computed_letters())
    years = years_in_use(letters)
    deadlines.clear_caches()
    fingerprint = deadlines.holidays_fingerprint(years)
    stored = HolidayFingerprint.objects.filter(key=FINGERPRINT_KEY).first()
    changed = stored is not None and stored.fingerprint != fingerprint
    if not changed and not force and stored is not None:
        return Recompute(holidays_changed=False, changes=[], dry_run=dry_run)
    reason = HOLIDAYS_CHANGED if changed else "Deadlines recomputed"
    changes = recompute(letters, reason, dry_run=dry_run)
    if not dry_run:
        HolidayFingerprint.objects.update_or_create(
            key=FINGERPRINT_KEY,
            defaults={
                "fingerprint": fingerprint,
                "first_year": years.start if years else None,
                "last_year": years.stop - 1 if years else None,
            },
        )
    return Recompute(holidays_changed=changed, changes=changes, dry_run=dry_run)


def committee_rule_changed(sender, instance, created, raw=False, **kwargs):
    """A committee's rule or nation may have changed: its open deadlines follow."""
    if created or raw:
        return
    recompute(open_computed_letters(instance), "The committee's deadline rule or nation changed")


post_save.connect(committee_rule_changed, sender=Committee, dispatch_uid="correspondence-deadlines")

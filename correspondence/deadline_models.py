"""The fingerprint of the bank-holiday data the stored deadlines were worked out with.

Kept apart from correspondence/models.py (which imports this module, so Django finds the
model) to keep that module short.
"""

from django.db import models


class HolidayFingerprint(models.Model):
    """A hash of the bank holidays of every nation over the years of the open deadlines,
    as last used: when the `holidays` package's data differs, open deadlines are worked
    out again (correspondence/deadline_recompute.py)."""

    key = models.CharField(max_length=40, unique=True)
    fingerprint = models.CharField(max_length=64)
    first_year = models.PositiveSmallIntegerField(null=True, blank=True)
    last_year = models.PositiveSmallIntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.key}: {self.fingerprint[:12]}"

"""A responsible person's own contact, and each user's own settings.

Kept apart from actions/models.py (which imports it, so Django finds the models) to keep
that module short; only string references, so neither imports the other's models.
"""

import secrets

from django.conf import settings
from django.db import models
from simple_history.models import HistoricalRecords


class PersonContact(models.Model):
    """Who a responsible person is chased through, when not their organisation's contact:
    a named person and e-mail address, a postal address and an optional deputy copied in."""

    person = models.OneToOneField(
        "actions.ResponsiblePerson", on_delete=models.CASCADE, related_name="contact"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()
    postal_address = models.TextField(blank=True)
    deputy_name = models.CharField(max_length=200, blank=True)
    deputy_email = models.EmailField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["person"]
        verbose_name = "contact of a responsible person"
        verbose_name_plural = "contacts of responsible people"

    def __str__(self):
        return f"{self.name} ({self.person.name})"


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


class UserSettings(models.Model):
    """A user's own choices: whether to be told of published papers by e-mail, and the
    secret token of their private calendar feed (none until they ask for one)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="tracker_settings"
    )
    notify_on_publish = models.BooleanField(
        "e-mail me when a paper is published",
        default=False,
        help_text="A message to your account's e-mail address whenever a paper of a "
        "committee you may see is published.",
    )
    calendar_token = models.CharField(max_length=64, unique=True, null=True, blank=True)
    calendar_token_created_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name_plural = "user settings"

    def __str__(self):
        return f"Settings of {self.user}"

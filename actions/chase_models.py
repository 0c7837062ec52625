"""Chase e-mails: one message to an organisation's contact about its outstanding actions,
from an officer's approval through each attempt to send it to its delivery.

Kept apart from actions/models.py (which imports it, so Django finds the model) to keep
that module short; only string references, so neither imports the other's models.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class ChaseMessage(models.Model):
    """A chase sent (or to be sent) to one organisation, with its delivery outcome."""

    class Status(models.TextChoices):
        APPROVED = "approved", "Approved, not sent yet"
        SENT = "sent", "Sent"
        FAILED = "failed", "Not delivered, to be tried again"
        HELD = "held", "Held: address bounced"

    organisation = models.ForeignKey(
        "meetings.Organisation", on_delete=models.PROTECT, related_name="chase_messages"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.APPROVED)
    date = models.DateField(help_text="The day the chase is for.")
    recipient = models.EmailField(blank=True)
    cc = models.CharField(max_length=500, blank=True, help_text="Addresses copied in.")
    subject = models.CharField(max_length=300, blank=True)
    body = models.TextField(blank=True)
    link = models.URLField(max_length=1000, blank=True, help_text="The contact's portal link.")
    actions = models.ManyToManyField("actions.Action", blank=True, related_name="chase_messages")
    follow_ups = models.ManyToManyField(
        "actions.FollowUp", blank=True, related_name="chase_messages"
    )
    notify_notifications = models.JSONField(
        default=list,
        blank=True,
        help_text="GOV.UK Notify's notifications sent (id and address) whose delivery is "
        "still to be checked.",
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    error = models.TextField(
        blank=True, help_text="Why the last attempt failed, or why the chase is held."
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            # An organisation waits for at most one chase: approving again or retrying a
            # failure reuses it, so no contact gets the same chase twice.
            models.UniqueConstraint(
                fields=["organisation"],
                condition=Q(status__in=["approved", "failed", "held"]),
                name="chase_message_one_waiting_per_organisation",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["approved", "sent", "failed", "held"]),
                name="chase_message_status_valid",
            ),
        ]

    def __str__(self):
        return (
            f"Chase to {self.organisation} on {self.date:%-d %B %Y} ({self.get_status_display()})"
        )

"""Chaser letters from the Chair, and the record of each day the chase schedule ran.

Kept apart from correspondence/models.py (which imports this module, so Django finds the
models) to keep that module short.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q


class ChaserLetter(models.Model):
    """A letter from a committee's Chair to an organisation listing its outstanding actions:
    proposed (by the chase schedule's escalation, or an officer) until an officer approves
    it, then sent: a letter in the correspondence register, linked to the actions it chases
    by their follow-ups."""

    class Status(models.TextChoices):
        PROPOSED = "proposed", "Awaiting an officer's approval"
        SENT = "sent", "Sent"

    organisation = models.ForeignKey(
        "meetings.Organisation", on_delete=models.PROTECT, related_name="chaser_letters"
    )
    committee = models.ForeignKey(
        "meetings.Committee", on_delete=models.PROTECT, related_name="chaser_letters"
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.PROPOSED)
    date = models.DateField(help_text="The day it was proposed; once sent, the letter's date.")
    actions = models.ManyToManyField("actions.Action", related_name="chaser_letters")
    escalation = models.BooleanField(
        default=False, help_text="Proposed by the chase schedule after the committee's chases."
    )
    letter = models.OneToOneField(
        "correspondence.Correspondence",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="chaser_letter",
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-date", "-id"]
        constraints = [
            # One letter waits per organisation and committee: escalating again adds to it.
            models.UniqueConstraint(
                fields=["organisation", "committee"],
                condition=Q(status="proposed"),
                name="chaser_letter_one_proposed",
            ),
        ]

    def __str__(self):
        return f"Chaser letter to {self.organisation} from the Chair of {self.committee}"


class ChaseRun(models.Model):
    """A day the chase schedule ran for: the background worker runs each day once."""

    date = models.DateField(unique=True)
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(blank=True)

    class Meta:
        ordering = ["-date"]

    def __str__(self):
        return f"Chase run for {self.date:%-d %B %Y}"

"""The response portal's records: which generation of a contact's links is good, every
visit to the portal, and every answer given there, waiting for an officer's review.

Kept apart from actions/models.py (which imports it, so Django finds the models); only
string references, so neither imports the other's models.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from simple_history.models import HistoricalRecords

# The storage folder of PDFs sent through the portal.
ANSWERS_FOLDER = "portal-answers"


def answer_upload_to(instance, filename):
    # The stored name never comes from the respondent: a random name in its own folder.
    return f"{ANSWERS_FOLDER}/{uuid.uuid4().hex}.pdf"


class PortalLinkGeneration(models.Model):
    """The generation of a contact's portal links: each link names the generation it was
    made in, and an officer revoking the contact's links raises it, so every earlier link
    stops working at once."""

    contact = models.OneToOneField(
        "meetings.Contact", on_delete=models.CASCADE, related_name="portal_links"
    )
    generation = models.PositiveIntegerField(default=0)
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    history = HistoricalRecords()

    def __str__(self):
        return f"Portal links of {self.contact}, generation {self.generation}"


class PortalVisit(models.Model):
    """One request to the portal by a link's holder: which page, for which action."""

    class Page(models.TextChoices):
        LIST = "list", "Viewed the outstanding actions"
        ANSWER = "answer", "Opened the answer form"
        NEW_DATE = "new-date", "Opened the new date form"
        ANSWERED = "answered", "Sent an answer"
        PROPOSED = "proposed", "Proposed a new date"

    contact = models.ForeignKey(
        "meetings.Contact", on_delete=models.CASCADE, related_name="portal_visits"
    )
    organisation = models.ForeignKey(
        "meetings.Organisation", on_delete=models.CASCADE, related_name="portal_visits"
    )
    page = models.CharField(max_length=20, choices=Page.choices)
    action = models.ForeignKey(
        "actions.Action", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.contact}: {self.get_page_display()} at {self.at:%-d %B %Y %H:%M}"


class PortalAnswerQuerySet(models.QuerySet):
    def waiting(self):
        return self.filter(state=PortalAnswer.State.WAITING)


class PortalAnswer(models.Model):
    """An answer to an action, or a new date proposed for it, sent by the organisation's
    contact through the portal; it changes nothing until an officer accepts it."""

    class Kind(models.TextChoices):
        ANSWER = "answer", "Answer"
        NEW_DATE = "new-date", "New date proposed"

    class State(models.TextChoices):
        WAITING = "waiting", "Waiting for review"
        ACCEPTED = "accepted", "Accepted"
        REJECTED = "rejected", "Rejected"

    action = models.ForeignKey(
        "actions.Action", on_delete=models.CASCADE, related_name="portal_answers"
    )
    # Kept when the organisation replaces its contact: the answer stays the organisation's.
    contact = models.ForeignKey(
        "meetings.Contact",
        null=True,
        on_delete=models.SET_NULL,
        related_name="portal_answers",
    )
    organisation = models.ForeignKey(
        "meetings.Organisation", on_delete=models.PROTECT, related_name="portal_answers"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    text = models.TextField("answer", blank=True)
    file = models.FileField(upload_to=answer_upload_to, blank=True)
    proposed_date = models.DateField(null=True, blank=True)
    reason = models.TextField(blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)
    # The action's version when the answer was given: the review page says when it has
    # changed since.
    action_version = models.PositiveIntegerField()
    state = models.CharField(max_length=20, choices=State.choices, default=State.WAITING)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(blank=True, help_text="Why it was rejected, if it was.")
    history = HistoricalRecords()

    objects = PortalAnswerQuerySet.as_manager()

    class Meta:
        ordering = ["submitted_at", "id"]
        indexes = [models.Index(fields=["state", "submitted_at"], name="portal_answer_queue")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="answer", proposed_date__isnull=True)
                | Q(kind="new-date", proposed_date__isnull=False),
                name="portal_answer_kind_matches_date",
            ),
            models.CheckConstraint(
                condition=Q(state__in=["waiting", "accepted", "rejected"]),
                name="portal_answer_state_valid",
            ),
        ]

    def __str__(self):
        return (
            f"{self.get_kind_display()} from {self.organisation} on {self.submitted_at:%-d %B %Y}"
        )

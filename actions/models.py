"""Actions agreed at meetings, the people responsible for them, and the chases sent."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.urls import reverse
from simple_history.models import HistoricalRecords

from actions.chase_models import ChaseMessage  # noqa: F401 (so Django finds the model)
from actions.people_models import PersonContact, UserSettings  # noqa: F401 (as above)
from actions.portal_models import PortalAnswer, PortalLinkGeneration, PortalVisit  # noqa: F401
from meetings import deadlines
from meetings.models import AgendaItem, Committee, Organisation


class ResponsiblePerson(models.Model):
    """A post or a named person (optionally of an organisation) an action is owed by."""

    name = models.CharField(
        max_length=300, help_text='A post or a person, e.g. "Deputy Commissioner".'
    )
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="responsible_people",
    )
    email = models.EmailField(blank=True)
    is_internal = models.BooleanField(
        "internal", default=False, help_text="A secretariat post, such as Senior Policy Adviser."
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "responsible people"
        constraints = [
            models.UniqueConstraint(
                fields=["name", "organisation"], name="responsible_person_unique_with_org"
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(organisation__isnull=True),
                name="responsible_person_unique_without_org",
            ),
        ]

    def __str__(self):
        if self.organisation_id and self.organisation.label not in self.name:
            return f"{self.name}, {self.organisation.label}"
        return self.name


# Lead-ins that say nothing until the list under them: "The Committee requested the
# following:", "Members asked for the following information:".
GENERIC_LEAD_IN = re.compile(r"\b(the following|as follows)\b", re.IGNORECASE)
SHORT_TEXT_ITEMS = 2
SHORT_TEXT_CHARS = 200


ITEM_JOIN = re.compile(r"\s*[;,]\s*(?:and|or)?$")


def _truncate(text: str, length: int = SHORT_TEXT_CHARS) -> str:
    """At most ``length`` characters, ending in "…" when cut, as Truncator.chars gives,
    without its per-call translation lookup (a register page shortens 50 texts)."""
    return text if len(text) <= length else text[: length - 1] + "…"


def short_text(intro: str, requested_items: list[str]) -> str:
    """An action's text for lists: the intro, and where it leads into requested items the
    first of them, since "The Committee requested the following:" alone says nothing."""
    intro = " ".join(intro.split())
    # Listed items end with the list's own joins ("…;", "…; and"), which would double up.
    items = [ITEM_JOIN.sub("", " ".join(item.split())) for item in requested_items if item.strip()]
    if not items or not (intro.endswith(":") or GENERIC_LEAD_IN.search(intro)):
        return _truncate(intro)
    shown = "; ".join(items[:SHORT_TEXT_ITEMS])
    text = shown if GENERIC_LEAD_IN.search(intro) else f"{intro} {shown}"
    text = _truncate(text)
    more = len(items) - SHORT_TEXT_ITEMS
    if more > 0:
        text += f" (and {more} more requested item{'s' if more != 1 else ''})"
    return text


# The copies of the action's meeting that Action keeps (see Action.committee).
PLACEMENT_FIELDS = ("committee", "meeting_date")


class ActionQuerySet(models.QuerySet):
    def outstanding(self):
        return self.filter(status=Action.Status.ONGOING)

    def finished(self):
        return self.exclude(status=Action.Status.ONGOING)

    def for_committee(self, committee):
        return self.filter(agenda_item__meeting__committee=committee)

    def with_related(self):
        return self.select_related(
            "agenda_item__meeting__committee",
            "responsible_person__organisation",
        )


class LiveActionManager(models.Manager.from_queryset(ActionQuerySet)):
    """Actions that have not been deleted."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Action(models.Model):
    """What was agreed or requested at an agenda item, owed by one responsible person."""

    class Status(models.TextChoices):
        ONGOING = "ongoing", "Ongoing"
        COMPLETED = "completed", "Completed"
        CLOSED = "closed", "Closed"

    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="actions")
    responsible_person = models.ForeignKey(
        ResponsiblePerson,
        on_delete=models.PROTECT,
        related_name="actions",
        db_index=False,  # the first column of action_person_status
    )
    number = models.CharField(
        max_length=20, blank=True, help_text="Numbered actions of a board meeting (Annex A)."
    )
    position = models.PositiveIntegerField(default=0)
    intro = models.TextField(
        "action", help_text="The action, or the introduction to the list of requested items."
    )
    requested_items = models.JSONField(
        default=list, blank=True, help_text="The requested items, in order, one per entry."
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.ONGOING, db_index=True
    )
    status_note = models.TextField(blank=True)
    timing = models.CharField(
        max_length=100,
        blank=True,
        help_text='As the papers write it: "August 2022", "August/Sept 2022", a date.',
    )
    due_date = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="The last day of the timing; past it, an ongoing action is overdue.",
    )
    lead_organisations = models.ManyToManyField(
        Organisation, blank=True, related_name="led_actions"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_actions",
        verbose_name="owning officer",
        help_text="The secretariat officer who looks after this action.",
    )
    finished_on = models.DateField(
        "completed or closed on",
        null=True,
        blank=True,
    )
    last_chased_on = models.DateField(
        null=True,
        blank=True,
        db_index=True,
        help_text="Date of the newest follow-up; kept by the follow-up service.",
    )
    reported_in = models.ForeignKey(
        "papers.Paper",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="finished_actions",
        help_text="The published paper that showed this action completed or closed.",
    )
    version = models.PositiveIntegerField(
        default=1, help_text="Raised on every save, so a stale edit can be refused."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    deleted_at = models.DateTimeField(null=True, blank=True)
    # Where the action arose, copied from its agenda item's meeting so the dashboard counts
    # a committee's actions from one table and one index, without joining every action to
    # its item and meeting. Kept in step by save() here and, when a meeting or an agenda
    # item changes, by actions.signals; tests check every action after every test.
    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="+", editable=False, db_index=False
    )
    meeting_date = models.DateField(editable=False)
    history = HistoricalRecords(excluded_fields=["updated_at", *PLACEMENT_FIELDS])

    objects = LiveActionManager()
    all_objects = ActionQuerySet.as_manager()

    class Meta:
        ordering = ["agenda_item", "position", "id"]
        base_manager_name = "all_objects"
        indexes = [
            models.Index(fields=["status", "last_chased_on"], name="action_status_chased"),
            models.Index(fields=["agenda_item", "position"], name="action_item_position"),
            # Cover counts of live (not deleted) actions reached through their agenda items,
            # as the register's committee and meeting filters reach them, so they are read
            # from the index alone, without touching the wide action rows. deleted_at is a
            # column too (always empty here) because SQLite counts an index as covering only
            # when it holds every column the query names, its WHERE clause's among them; the
            # dashboard's indexes below do the same.
            models.Index(
                fields=["agenda_item", "status", "last_chased_on", "finished_on", "deleted_at"],
                condition=Q(deleted_at__isnull=True),
                name="action_live_item_status",
            ),
            models.Index(
                fields=["status", "agenda_item", "responsible_person", "deleted_at"],
                condition=Q(deleted_at__isnull=True),
                name="action_live_status_person",
            ),
            # The dashboard's counts, each read as a range of one of these: by status, and
            # for ongoing actions by meeting date, chase and who is responsible; by status
            # and completion date; by meeting date.
            models.Index(
                fields=[
                    "committee",
                    "status",
                    "meeting_date",
                    "last_chased_on",
                    "responsible_person",
                    "deleted_at",
                ],
                condition=Q(deleted_at__isnull=True),
                name="action_committee_status",
            ),
            models.Index(
                fields=["committee", "status", "finished_on", "deleted_at"],
                condition=Q(deleted_at__isnull=True),
                name="action_committee_finished",
            ),
            models.Index(
                fields=["committee", "meeting_date", "status", "deleted_at"],
                condition=Q(deleted_at__isnull=True),
                name="action_committee_meeting",
            ),
            # The register's default order (newest meeting first) and its sort by status,
            # read in index order a page at a time.
            models.Index(
                fields=["meeting_date", "deleted_at"],
                condition=Q(deleted_at__isnull=True),
                name="action_live_meeting",
            ),
            models.Index(
                fields=["status", "meeting_date", "deleted_at"],
                condition=Q(deleted_at__isnull=True),
                name="action_live_status_meeting",
            ),
            # A person's actions (deleted ones too), and the dashboard's ongoing actions by
            # organisation, which SQLite reads person by person.
            models.Index(
                fields=["responsible_person", "status", "committee", "deleted_at"],
                name="action_person_status",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="ongoing", finished_on__isnull=True) | ~Q(status="ongoing"),
                name="action_ongoing_has_no_finished_date",
            ),
            models.CheckConstraint(
                condition=Q(status__in=["ongoing", "completed", "closed"]),
                name="action_status_valid",
            ),
        ]

    def __str__(self):
        text = self.intro if len(self.intro) <= 80 else self.intro[:77] + "…"
        # A history record's action has no copy of its meeting: ask the agenda item.
        date = self.meeting_date or self.agenda_item.meeting.date
        return f"{date:%-d %b %Y} item {self.agenda_item.number}: {text}"

    def save(self, *args, **kwargs):
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"agenda_item", "agenda_item_id"} & set(update_fields):
            self.copy_meeting()
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, *PLACEMENT_FIELDS}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("action-detail", args=[self.pk])

    def copy_meeting(self) -> None:
        """Set the copies of the agenda item's meeting's committee and date (one query)."""
        self.committee_id, self.meeting_date = (
            AgendaItem.objects.filter(pk=self.agenda_item_id)
            .values_list("meeting__committee", "meeting__date")
            .get()
        )

    @property
    def status_text(self) -> str:
        """The Status cell of the paper: "Ongoing. Followed-up on 4 May 2023."."""
        label = self.get_status_display()
        return f"{label}. {self.status_note}" if self.status_note else f"{label}."

    @property
    def due_deadline(self):
        """How the due date was worked out (the last day of the timing, by the deadline
        engine), or None when an officer set another date or there is none."""
        deadline = deadlines.action_due(self.timing) if self.due_date else None
        return deadline if deadline and deadline.due == self.due_date else None

    @property
    def short_text(self) -> str:
        """What the action asks, in a line that makes sense in a list out of context."""
        return short_text(self.intro, self.requested_items)

    @property
    def full_text(self) -> str:
        return "\n".join([self.intro, *(f"• {item}" for item in self.requested_items)])


class FollowUp(models.Model):
    """A dated record that the responsible person was chased for an action."""

    class Method(models.TextChoices):
        LETTER = "letter", "Letter"
        EMAIL = "email", "E-mail"
        PHONE = "phone", "Telephone"
        MEETING = "meeting", "At a meeting"

    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="follow_ups")
    date = models.DateField(db_index=True)
    method = models.CharField(max_length=20, choices=Method.choices, default=Method.EMAIL)
    note = models.TextField(blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
    )
    letter = models.ForeignKey(
        "correspondence.Correspondence",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="follow_ups",
        help_text="The letter that chased, if one was sent.",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [models.Index(fields=["action", "-date"], name="followup_action_date")]

    def __str__(self):
        return f"Followed up on {self.date:%-d %B %Y} ({self.get_method_display()})"

    def clean(self):
        """A chase happens on or after the meeting that agreed the action. (Not in the
        future is for the forms: the chase sender records the day it is run for.)"""
        super().clean()
        if self.date is None:
            return
        meeting = self.meeting_date_of_action()
        if meeting is not None and self.date < meeting:
            raise ValidationError(
                {
                    "date": "The date of the follow-up must be on or after the meeting that "
                    f"agreed the action ({meeting:%-d %B %Y})"
                }
            )

    def meeting_date_of_action(self):
        if self.action_id is None:
            return None
        return self.action.meeting_date or self.action.agenda_item.meeting.date

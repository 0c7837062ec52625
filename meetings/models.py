"""Committees (and other bodies), their meetings, agenda items and the organisations involved."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from simple_history.models import HistoricalRecords

from meetings.deadlines import (
    DISCLOSURE_DAYS,
    ENGLAND_AND_WALES,
    NATION_CHOICES,
    REPLY_WORKING_DAYS,
    REPORT_RESPONSE_MONTHS,
)

DEFAULT_REPORT_OF = "Executive Director of Assembly Secretariat"


class Organisation(models.Model):
    """An organisation actions are owed by or led by, such as the MPS or MOPAC."""

    name = models.CharField(max_length=200, unique=True)
    short_name = models.CharField(
        max_length=40, blank=True, help_text="As the papers write it, e.g. MPS or MOPAC."
    )

    class Meta:
        ordering = ["short_name", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["short_name"],
                condition=~models.Q(short_name=""),
                name="organisation_short_name_unique",
            )
        ]

    def __str__(self):
        return self.short_name or self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name


class BounceFlag(models.Model):
    """An address of a contact that the mail service refused for good (a 5xx answer, or
    GOV.UK Notify's permanent failure): when and why. No chase goes to it until an officer
    corrects the address (which clears the flag by itself) or confirms it."""

    bounced_address = models.EmailField(
        blank=True, help_text="The contact's address the mail service refused for good."
    )
    bounced_at = models.DateTimeField("bounced", null=True, blank=True)
    bounce_reason = models.CharField("why it bounced", max_length=500, blank=True)

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # A corrected address clears the flag: the refused address is no longer used.
        if self.bounced_at and self.bounced_address.lower() not in [
            a.lower() for a in self.addresses()
        ]:
            self._clear_flag()
            if not getattr(self, "_change_reason", None):
                self._change_reason = "Address corrected: bounce flag cleared"
        super().save(*args, **kwargs)

    def addresses(self) -> list[str]:
        return [a for a in (self.email, getattr(self, "deputy_email", "")) if a]

    def bounced(self, address: str) -> bool:
        """Whether ``address`` is this contact's flagged address."""
        return bool(self.bounced_at) and self.bounced_address.lower() == (address or "").lower()

    def bounce_flag(self, address: str, reason: str, *, at=None) -> None:
        """Flag ``address`` (one of the contact's) as refused, with the reason; kept in
        the contact's history."""
        self.bounced_address = address
        self.bounced_at = at or timezone.now()
        self.bounce_reason = reason[:500]
        self._change_reason = f"Address {address} bounced: {reason}"[:100]
        self.save()

    def bounce_clear(self, reason: str) -> None:
        """Clear the flag: an officer confirmed the address is right."""
        self._clear_flag()
        self._change_reason = reason[:100]
        self.save()

    def _clear_flag(self) -> None:
        self.bounced_address = ""
        self.bounced_at = None
        self.bounce_reason = ""


class Contact(BounceFlag):
    """The named person an organisation answers the committee's chases through, with an
    optional deputy copied in; one contact answers for all the organisation's actions."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="contact"
    )
    name = models.CharField(max_length=200)
    email = models.EmailField()
    postal_address = models.TextField(blank=True)
    deputy_name = models.CharField(max_length=200, blank=True)
    deputy_email = models.EmailField(blank=True)
    history = HistoricalRecords()

    class Meta:
        ordering = ["organisation"]

    def __str__(self):
        return f"{self.name} ({self.organisation})"


class Committee(models.Model):
    """A committee, or another body (such as an oversight board), whose actions are tracked."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", "Committee"
        BOARD = "board", "Board"

    name = models.CharField(max_length=200, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMITTEE)
    report_of = models.CharField(
        "report of",
        max_length=200,
        default=DEFAULT_REPORT_OF,
        help_text="The secretariat title papers are reported by.",
    )
    people = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="committees",
        help_text="Members and officers whose own committee this is.",
    )
    publishes_openly = models.BooleanField(
        "publishes openly",
        default=False,
        help_text="Show its published papers, meetings calendar and papers feed to anyone, "
        "without signing in, under /open/.",
    )
    nation = models.CharField(
        max_length=20,
        choices=NATION_CHOICES,
        default=ENGLAND_AND_WALES,
        help_text="Whose bank holidays its deadlines in working days skip.",
    )
    first_chase_after_working_days = models.PositiveSmallIntegerField(
        default=10, help_text="An action is first chased this many working days after its meeting."
    )
    chase_every_working_days = models.PositiveSmallIntegerField(
        default=20, help_text="Then chased again this many working days after its last chase."
    )
    chase_before_due_working_days = models.PositiveSmallIntegerField(
        default=5,
        help_text="An action with a due date is also reminded this many working days before "
        "it (0: no such reminder).",
    )
    escalate_after_chases = models.PositiveSmallIntegerField(
        default=3,
        help_text="After this many chases since its last letter from the Chair, an action's "
        "next chase is a letter from the Chair, for an officer to approve (0: never).",
    )
    chases_send_automatically = models.BooleanField(
        default=False,
        help_text="Send due chases without an officer approving each organisation's first.",
    )
    reply_working_days = models.PositiveSmallIntegerField(
        default=REPLY_WORKING_DAYS,
        help_text="A reply to the committee's letter is due this many working days after it.",
    )
    disclosure_days = models.PositiveSmallIntegerField(
        default=DISCLOSURE_DAYS,
        help_text="A Member's contact is to be disclosed within this many days of it.",
    )
    report_response_months = models.PositiveSmallIntegerField(
        default=REPORT_RESPONSE_MONTHS,
        help_text="A response to the committee's report is due this many months after it.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)
        super().save(*args, **kwargs)


class ContactOfficer(models.Model):
    """A secretariat contact officer named at the foot of a committee's papers."""

    committee = models.ForeignKey(
        Committee, on_delete=models.CASCADE, related_name="contact_officers"
    )
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200, blank=True)
    telephone = models.CharField(max_length=40, blank=True)
    email = models.EmailField(blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["committee", "position", "name"]

    def __str__(self):
        return f"{self.name}, {self.title}" if self.title else self.name


class MeetingQuerySet(models.QuerySet):
    def for_committee(self, committee):
        return self.filter(committee=committee)

    def before(self, date):
        return self.filter(date__lt=date)


class Meeting(models.Model):
    """A meeting of a committee or board on a date."""

    class Kind(models.TextChoices):
        COMMITTEE = "committee", "Committee meeting"
        BOARD = "board", "Board meeting"

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="meetings")
    date = models.DateField(db_index=True)
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.COMMITTEE)
    title = models.CharField(
        max_length=300, blank=True, help_text="Optional, e.g. 'Q4 performance and risk'."
    )
    history = HistoricalRecords()

    objects = MeetingQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        get_latest_by = "date"
        constraints = [
            models.UniqueConstraint(fields=["committee", "date"], name="meeting_unique_per_day")
        ]
        indexes = [models.Index(fields=["committee", "-date"], name="meeting_committee_date")]

    def __str__(self):
        return f"{self.committee} – {self.date:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("meeting-detail", args=[self.pk])


class AgendaItem(models.Model):
    """An agenda item of a meeting: a short number ("6", "10") and a title."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    number = models.CharField(max_length=20)
    title = models.CharField(max_length=500)
    position = models.PositiveIntegerField(default=0)
    history = HistoricalRecords()

    class Meta:
        ordering = ["meeting", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "number"], name="agenda_item_number_unique_per_meeting"
            )
        ]

    def __str__(self):
        return f"Item {self.number}: {self.title}"

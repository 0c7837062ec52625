"""The registers behind the paper: correspondence, complaints, transparency disclosures
and committee reports with their recommendations."""

import uuid
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Exists, ExpressionWrapper, F, OuterRef, Q, Value
from django.urls import reverse
from django.utils import timezone
from simple_history.models import HistoricalRecords

from meetings import deadlines
from meetings.models import Committee, Meeting, Organisation

DISCLOSURE_DEADLINE_DAYS = deadlines.DISCLOSURE_DAYS
# Whoever lacks this permission may not see, filter, search or sort by a complaint's
# confidential fields, through any door (workspace, admin, exports, history).
CONFIDENTIAL_COMPLAINT_PERMISSION = "correspondence.view_confidential_complaint"


# The storage folder of uploaded letters; remove_orphan_files looks here.
LETTERS_FOLDER = "letters"


def letter_upload_to(instance, filename):
    # The stored name never comes from the user: a random name in the letters' folder.
    return f"{LETTERS_FOLDER}/{uuid.uuid4().hex}.pdf"


class CorrespondenceQuerySet(models.QuerySet):
    def sent(self):
        return self.filter(direction=Correspondence.Direction.SENT)

    def received(self):
        return self.filter(direction=Correspondence.Direction.RECEIVED)

    def live(self):
        return self.filter(deleted_at__isnull=True)

    def awaiting_reply(self):
        # A deleted reply is no reply.
        live_reply = Correspondence.objects.filter(in_reply_to=OuterRef("pk"))
        return self.sent().filter(reply_due__isnull=False).exclude(Exists(live_reply))

    def overdue(self, today):
        return self.awaiting_reply().filter(reply_due__lt=today)


class LiveCorrespondenceManager(models.Manager.from_queryset(CorrespondenceQuerySet)):
    """Letters that have not been deleted."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Correspondence(models.Model):
    """A letter sent by the committee (usually its Chair) or received in response."""

    class Direction(models.TextChoices):
        SENT = "sent", "Sent"
        RECEIVED = "received", "Received"

    committee = models.ForeignKey(
        Committee, on_delete=models.PROTECT, related_name="correspondence"
    )
    direction = models.CharField(max_length=10, choices=Direction.choices, db_index=True)
    date = models.DateField("dated", db_index=True)
    received_on = models.DateField(null=True, blank=True)
    sender = models.CharField("from", max_length=300)
    recipient = models.CharField("to", max_length=300)
    organisation = models.ForeignKey(
        Organisation,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="correspondence",
        help_text="The other party's organisation (who replied, or who was written to).",
    )
    subject = models.CharField(max_length=500)
    summary = models.TextField(
        blank=True,
        help_text='For the paper: "the Chairman invited the Mayor of London to attend …".',
    )
    reference = models.CharField(max_length=100, blank=True, db_index=True)
    file = models.FileField(upload_to=letter_upload_to, blank=True)
    answers = models.ManyToManyField(
        "actions.Action",
        blank=True,
        related_name="answered_by",
        help_text="The actions this letter answers.",
    )
    in_reply_to = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replies"
    )
    reply_due = models.DateField(null=True, blank=True, db_index=True)
    # Whether the deadline engine worked out the reply due date (not an officer typing
    # another): only these move when the bank holidays or the committee's rule change.
    reply_due_computed = models.BooleanField(default=False, editable=False)
    drafted_by = models.CharField(max_length=200, blank=True)
    drafted_on = models.DateField(null=True, blank=True)
    cleared_by_line_manager = models.CharField(max_length=200, blank=True)
    cleared_by_line_manager_on = models.DateField(null=True, blank=True)
    cleared_by_chief_executive = models.CharField(max_length=200, blank=True)
    cleared_by_chief_executive_on = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # A deleted letter leaves the register but stays on record, with its file, restorable:
    # papers, follow-ups and replies that name it still find it.
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    history = HistoricalRecords()
    # Raised by the services on every change; a form opened at an older one is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = LiveCorrespondenceManager()
    all_objects = CorrespondenceQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        verbose_name_plural = "correspondence"
        # Forms and relations reach every letter, so a follow-up, reply, report or paper
        # naming a deleted letter keeps it when saved; lists ask for live letters.
        default_manager_name = "all_objects"
        base_manager_name = "all_objects"
        indexes = [
            models.Index(fields=["committee", "direction", "-date"], name="corr_list"),
            # The register of live letters, newest first, read a page at a time in index
            # order; its count reads this index alone.
            models.Index(
                fields=["date", "deleted_at"],
                condition=models.Q(deleted_at__isnull=True),
                name="corr_live_date",
            ),
            # Sent or received, newest first, and their count, from this index alone.
            models.Index(
                fields=["direction", "date", "deleted_at"],
                condition=models.Q(deleted_at__isnull=True),
                name="corr_live_direction",
            ),
        ]

    def __str__(self):
        arrow = "to" if self.direction == self.Direction.SENT else "from"
        party = self.recipient if self.direction == self.Direction.SENT else self.sender
        return f"Letter {arrow} {party}, {self.date:%-d %B %Y}: {self.subject}"

    def get_absolute_url(self):
        return reverse("correspondence-detail", args=[self.pk])

    def clean(self):
        """A reply cannot fall due before the letter was written."""
        super().clean()
        if self.reply_due and self.date and self.reply_due < self.date:
            raise ValidationError(
                {
                    "reply_due": "The reply due date must be on or after the date of the "
                    f"letter ({self.date:%-d %B %Y})"
                }
            )

    @property
    def reply_due_deadline(self) -> deadlines.Deadline | None:
        """How the reply due date was worked out, or None when an officer set another."""
        if self.reply_due is None or self.date is None:
            return None
        deadline = deadlines.reply_due(self.date, self.committee)
        return deadline if deadline.due == self.reply_due else None


class Complaint(models.Model):
    """A complaint about MOPAC or the Deputy Mayor, handled by the Monitoring Officer."""

    class Decision(models.TextChoices):
        PENDING = "pending", "Awaiting decision"
        NOT_RECORDED = "not_recorded", "Not recorded"
        NO_ACTION = "no_action", "No action"
        REFERRED = "referred", "Referred to MOPAC Professional Services"
        RECORDED = "recorded", "Recorded and handled"
        WITHDRAWN = "withdrawn", "Withdrawn"

    # The fields only the Monitoring Officer may read; never exported, never in history.
    CONFIDENTIAL_FIELDS = ("confidential_details",)

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="complaints")
    received_on = models.DateField(db_index=True)
    concerning = models.CharField("concerning", max_length=300)
    public_summary = models.TextField(
        help_text="Summary such as can be reported in public; it goes into the paper."
    )
    confidential_details = models.TextField(
        blank=True, help_text="Seen by the Monitoring Officer only. Never exported."
    )
    decision = models.CharField(
        max_length=20, choices=Decision.choices, default=Decision.PENDING, db_index=True
    )
    reasons = models.TextField(blank=True)
    decided_on = models.DateField(null=True, blank=True)
    responsible_officer = models.CharField(max_length=200, default="Monitoring Officer")
    deadline = models.DateField(null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["confidential_details"])
    # Raised by the services on every change; a form opened at an older one is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-received_on", "-id"]
        permissions = [
            ("view_confidential_complaint", "Can see the confidential details of complaints")
        ]

    def __str__(self):
        return f"Complaint received {self.received_on:%-d %B %Y} concerning {self.concerning}"

    def get_absolute_url(self):
        return reverse("complaint-detail", args=[self.pk])

    def clean(self):
        """A complaint cannot be decided before it was received."""
        super().clean()
        if self.decided_on and self.received_on and self.decided_on < self.received_on:
            raise ValidationError(
                {
                    "decided_on": "The date decided must be on or after the date the complaint "
                    f"was received ({self.received_on:%-d %B %Y})"
                }
            )

    @staticmethod
    def confidential_visible_to(user) -> bool:
        """Whether ``user`` may read (and so filter, search or sort by) confidential fields."""
        return user.has_perm(CONFIDENTIAL_COMPLAINT_PERMISSION)

    @classmethod
    def names_confidential_field(cls, lookup: str) -> bool:
        """Whether a lookup path (``confidential_details__startswith``,
        ``complaints__confidential_details``, ``-confidential_details``) reaches a
        confidential field."""
        return any(part in cls.CONFIDENTIAL_FIELDS for part in lookup.lstrip("-").split("__"))


class DisclosureQuerySet(models.QuerySet):
    def with_lateness(self):
        return self.annotate(
            delay=ExpressionWrapper(
                F("disclosed_on") - F("contact_date"), output_field=models.DurationField()
            )
        )

    def late(self):
        """Disclosed after the committee's number of days from the contact (28 unless the
        committee sets its own)."""
        # A number of days as a duration: SQLite keeps durations as microseconds.
        day = 86_400_000_000 if connections[self.db].vendor == "sqlite" else timedelta(days=1)
        allowed = ExpressionWrapper(
            F("committee__disclosure_days") * Value(day), output_field=models.DurationField()
        )
        return self.with_lateness().filter(delay__gt=allowed)

    def in_period(self, start, end):
        return self.filter(disclosed_on__gte=start, disclosed_on__lte=end)


class TransparencyDisclosure(models.Model):
    """A Member's significant contact with the MPS and/or MOPAC, disclosed to the secretariat."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="disclosures")
    member = models.CharField(max_length=200)
    contact_date = models.DateField(db_index=True)
    with_whom = models.CharField(max_length=300)
    details = models.TextField()
    disclosed_on = models.DateField(db_index=True)
    history = HistoricalRecords()
    # Raised by the services on every change; a form opened at an older one is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DisclosureQuerySet.as_manager()

    class Meta:
        ordering = ["-disclosed_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(disclosed_on__gte=F("contact_date")),
                name="disclosure_not_before_contact",
            )
        ]

    def __str__(self):
        return f"{self.member}: contact with {self.with_whom} on {self.contact_date:%-d %B %Y}"

    def get_absolute_url(self):
        return reverse("disclosure-detail", args=[self.pk])

    @property
    def days_to_disclose(self) -> int:
        return (self.disclosed_on - self.contact_date).days

    @property
    def is_late(self) -> bool:
        """Disclosure is due within 28 days of the contact, or the committee's number."""
        return self.disclosed_on > self.due.due

    @property
    def due(self) -> deadlines.Deadline:
        """The day the disclosure was due, and how it was worked out."""
        return deadlines.disclosure_due(self.contact_date, self.committee)


class CommitteeReport(models.Model):
    """A report of the committee with numbered recommendations, to which a body must respond."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="reports")
    title = models.CharField(max_length=500)
    agreed_on = models.DateField(null=True, blank=True)
    addressed_to = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="reports_addressed"
    )
    responder = models.CharField(
        max_length=300,
        blank=True,
        help_text='Who responded, e.g. "the Deputy Mayor for Policing and Crime".',
    )
    response_letter = models.ForeignKey(
        Correspondence,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="responded_reports",
    )
    response_meeting = models.ForeignKey(
        Meeting,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports_responded",
        help_text="The meeting that considers the response.",
    )
    background = models.TextField(
        blank=True, help_text="Section 3 of the response paper: paragraphs, one per line."
    )
    issues_for_consideration = models.TextField(
        blank=True,
        help_text="Section 4 of the response paper: paragraphs, one per line, before the "
        "paragraph that attaches the response.",
    )
    # Raised by the services on every change; a form opened at an older one is refused.
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["-agreed_on", "title"]
        # The register, newest first, read a page at a time in index order.
        indexes = [models.Index(fields=["agreed_on", "title"], name="report_agreed")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("report-detail", args=[self.pk])

    @property
    def response_due(self) -> deadlines.Deadline | None:
        """When the response is due (two months from the report, or the committee's own
        number, by the deadline engine), and how that was worked out; None while the report
        has no date."""
        if not self.agreed_on:
            return None
        return deadlines.report_response_due(self.agreed_on, self.committee)

    @property
    def response_overdue(self) -> bool:
        """Past its response's due date with no response letter recorded."""
        due = self.response_due
        return bool(due and self.response_letter_id is None and due.due < timezone.localdate())


class Recommendation(models.Model):
    """A numbered recommendation of a committee report, with the response it received."""

    class Outcome(models.TextChoices):
        AWAITING = "awaiting", "Awaiting response"
        ACCEPTED = "accepted", "Accepted"
        PARTLY = "partly", "Partly accepted"
        NOT_ACCEPTED = "not_accepted", "Not accepted"

    report = models.ForeignKey(
        CommitteeReport, on_delete=models.CASCADE, related_name="recommendations"
    )
    number = models.PositiveIntegerField()
    text = models.TextField()
    sub_points = models.JSONField(default=list, blank=True)
    response = models.TextField(blank=True)
    outcome = models.CharField(
        max_length=20, choices=Outcome.choices, default=Outcome.AWAITING, db_index=True
    )

    class Meta:
        ordering = ["report", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["report", "number"], name="recommendation_number_unique_per_report"
            )
        ]

    def __str__(self):
        return f"Recommendation {self.number}"


from correspondence.chaser_models import ChaserLetter, ChaseRun  # noqa: E402, F401
from correspondence.deadline_models import HolidayFingerprint  # noqa: E402, F401

"""Committee papers: the records from which papers are rendered, and their frozen copies."""

import datetime as dt

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from meetings.models import ContactOfficer, Meeting
from papers.import_models import ImportRecord  # noqa: F401 (so Django finds the model)

# The texts every kind of paper has: its header, summary and recommendation, then its
# closing sections. Each kind's edit form and service take these and its own.
PAPER_HEADER_FIELDS = (
    "subject",
    "report_to",
    "report_of",
    "public_access",
    "summary_text",
    "recommendation_text",
)
PAPER_CLOSING_FIELDS = ("legal_text", "financial_text", "background_papers")

DEFAULT_PUBLIC_ACCESS = "This report will be considered in public"
DEFAULT_LEGAL = "The Committee has the power to do what is recommended in this report."
DEFAULT_FINANCIAL = "There are no financial implications arising from this report."
DEFAULT_BACKGROUND_PAPERS = "None"
DEFAULT_COMPLAINTS_DELEGATION = (
    "The Committee agreed, inter alia, to delegate to the Monitoring Officer all of the powers "
    "and functions conferred on it by the Elected Local Policing Bodies (Complaints and "
    "Misconduct) Regulations, with the exception of the functions set out at Part 4 of the "
    "Regulations which may not be delegated; and guidance on the handling of complaints which "
    "requires the Monitoring Officer to report, on a regular basis, the summary details (such "
    "as can be reported in public), on the exercise of any and all of these functions to the "
    "Committee for monitoring purposes."
)
DEFAULT_TRANSPARENCY_PROCEDURE = (
    "The Committee agreed Members disclose to the Executive Director of Secretariat or their "
    "nominated representative (within 28 days of the contact) details of any significant "
    "contact with the MPS and/or MOPAC which they consider to be relevant to the work of the "
    "Committee; and such disclosures be reported to the next meeting of the Committee."
)


class PaperQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=Paper.Status.PUBLISHED)


class LivePaperManager(models.Manager.from_queryset(PaperQuerySet)):
    """Papers that have not been deleted (only a draft can be)."""

    def get_queryset(self):
        return super().get_queryset().filter(deleted_at__isnull=True)


class Paper(models.Model):
    """A committee paper considered at a meeting: its texts, its period and, once
    published, its frozen PDF."""

    class Kind(models.TextChoices):
        SUMMARY = "summary", "Summary List of Actions"
        ANNEX = "annex", "Annex A action table"
        RESPONSE = "response", "Response to the Committee's Report"

    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published"

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="papers")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.SUMMARY)
    subject = models.CharField(max_length=300, default="Summary List of Actions")
    report_to = models.CharField(max_length=200, blank=True)
    report_of = models.CharField(max_length=200, blank=True)
    public_access = models.CharField(max_length=300, default=DEFAULT_PUBLIC_ACCESS)
    summary_text = models.TextField(
        blank=True, help_text="Leave blank to use the wording generated from the paper's content."
    )
    recommendation_text = models.TextField(
        blank=True, help_text="Leave blank to use the wording generated from the paper's content."
    )
    period_start = models.DateField(
        null=True,
        blank=True,
        help_text="First day of the standing rows' reporting period: the day after the last "
        "published paper's cut-off. Leave blank for that day.",
    )
    period_end = models.DateField(
        null=True,
        blank=True,
        help_text="This paper's cut-off, its period's last day; the next paper's period starts "
        "the day after. Leave blank for 15 days before the meeting, or the day of publishing "
        "if earlier.",
    )
    complaints_delegation_text = models.TextField(default=DEFAULT_COMPLAINTS_DELEGATION)
    complaints_status_text = models.TextField(
        blank=True, help_text="Leave blank to list the complaints register for the period."
    )
    transparency_procedure_text = models.TextField(default=DEFAULT_TRANSPARENCY_PROCEDURE)
    transparency_status_text = models.TextField(
        blank=True, help_text="Leave blank to list the disclosures register for the period."
    )
    # Section 4's paragraphs that are not about a letter of the paper (an imported paper's
    # kept verbatim): those before the letters' paragraphs, and those after them.
    additional_correspondence_intro = models.TextField(
        "section 4 text before the letters",
        blank=True,
        help_text="Paragraphs of section 4 (Additional Correspondence) shown before the "
        "letters' paragraphs; separate paragraphs with a blank line.",
    )
    additional_correspondence_text = models.TextField(
        "section 4 text after the letters",
        blank=True,
        help_text="Paragraphs of section 4 shown after the letters' paragraphs (or instead of "
        "“There is no additional correspondence to report.” when there are none).",
    )
    legal_text = models.TextField(default=DEFAULT_LEGAL)
    financial_text = models.TextField(default=DEFAULT_FINANCIAL)
    background_papers = models.TextField(default=DEFAULT_BACKGROUND_PAPERS)
    contact_officers = models.ManyToManyField(
        ContactOfficer,
        blank=True,
        related_name="papers",
        db_table="actiontracker_paper_contact_officers",
    )
    correspondence = models.ManyToManyField(
        "correspondence.Correspondence",
        blank=True,
        through="PaperCorrespondence",
        related_name="papers",
    )
    committee_report = models.ForeignKey(
        "correspondence.CommitteeReport",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="papers",
        help_text="For a response-to-report paper.",
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Raised by paper_update on every change; a form opened at an older one is refused.
    version = models.PositiveIntegerField(default=1, editable=False)
    published_at = models.DateTimeField(null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    # What the paper's page showed when it was published (the paper's HTML, without the
    # site around it), and which actions it listed: the page of a published paper shows
    # this, and lists what has changed in those actions since.
    published_html = models.TextField(blank=True, editable=False)
    published_action_ids = models.JSONField(default=list, blank=True, editable=False)
    imported_from = models.CharField(
        max_length=300, blank=True, help_text="The file this paper was imported from, if any."
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # A deleted draft stays on record, restorable; a published paper is never deleted.
    deleted_at = models.DateTimeField(null=True, blank=True, editable=False)

    objects = LivePaperManager()
    all_objects = PaperQuerySet.as_manager()

    class Meta:
        # The tables keep the names they had before the papers app was split out of the
        # project package, so existing databases need no table renames.
        db_table = "actiontracker_paper"
        ordering = ["-meeting__date", "kind"]
        base_manager_name = "all_objects"
        constraints = [
            # One live paper of each kind per meeting; deleted drafts do not count.
            models.UniqueConstraint(
                fields=["meeting", "kind"],
                condition=models.Q(deleted_at__isnull=True),
                name="paper_unique_per_meeting",
            ),
            models.CheckConstraint(
                condition=models.Q(deleted_at__isnull=True) | models.Q(status="draft"),
                name="paper_published_not_deleted",
            ),
            models.CheckConstraint(
                condition=models.Q(period_start__isnull=True)
                | models.Q(period_end__isnull=True)
                | models.Q(period_start__lte=models.F("period_end")),
                name="paper_period_in_order",
            ),
        ]

    def __str__(self):
        return f"{self.subject} – {self.meeting}"

    def get_absolute_url(self):
        return reverse("paper-detail", args=[self.pk])

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None


class PaperCorrespondence(models.Model):
    """A letter chosen for a paper's Additional Correspondence section or appendices."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="letters")
    correspondence = models.ForeignKey(
        "correspondence.Correspondence", on_delete=models.PROTECT, related_name="+"
    )
    position = models.PositiveIntegerField(default=0)
    in_additional_section = models.BooleanField(
        default=False,
        help_text="Listed as a paragraph of section 4 (letters sent), not only as an appendix.",
    )
    paragraph_text = models.TextField(
        "section 4 paragraph",
        blank=True,
        help_text="The officer's wording of the letter's section 4 paragraph; blank: generated.",
    )

    class Meta:
        db_table = "actiontracker_papercorrespondence"
        ordering = ["paper", "position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["paper", "correspondence"], name="paper_correspondence_unique"
            )
        ]

    def __str__(self):
        return f"{self.paper} – {self.correspondence}"


# Far longer than the largest paper takes to render: a job still unfinished after this was
# lost with its worker, and asking again makes a new one.
RENDER_JOB_ABANDONED_AFTER = dt.timedelta(minutes=30)


class RenderJob(models.Model):
    """A PDF made in the background by the task worker (a large paper, its agenda pack, or
    the frozen copy made when a large paper is published), kept for download."""

    class Kind(models.TextChoices):
        PAPER = "paper", "Paper"
        PACK = "pack", "Agenda pack"
        PUBLISH = "publish", "Published paper"

    class Status(models.TextChoices):
        QUEUED = "queued", "Waiting to start"
        RUNNING = "running", "Being made"
        DONE = "done", "Ready"
        FAILED = "failed", "Failed"

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="render_jobs")
    kind = models.CharField(max_length=20, choices=Kind.choices, default=Kind.PAPER)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(default=0, help_text="Per cent done.")
    message = models.CharField(max_length=500, blank=True)
    pdf = models.BinaryField(null=True, blank=True, editable=False)
    # What the paper showed when the job was asked for (a digest of its records): a later
    # request for the same content reuses the job instead of rendering again.
    fingerprint = models.CharField(max_length=64, blank=True, editable=False)
    task_id = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        db_table = "actiontracker_renderjob"
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.paper} {self.get_kind_display().lower()} ({self.get_status_display()})"

    def get_absolute_url(self):
        return reverse("render-job", args=[self.pk])

    @property
    def is_finished(self) -> bool:
        return self.status in {self.Status.DONE, self.Status.FAILED}

    @property
    def is_abandoned(self) -> bool:
        """Unfinished long after it was asked for: its worker died (say, in a restart)."""
        return not self.is_finished and (
            timezone.now() - self.created_at > RENDER_JOB_ABANDONED_AFTER
        )

    @property
    def download_url(self) -> str:
        """Where the finished file is: a published paper's is its stored PDF."""
        if self.kind == self.Kind.PUBLISH:
            return reverse("paper-pdf", args=[self.paper_id])
        return reverse("render-job-download", args=[self.pk])

"""Imports of earlier papers and action logs: the file, who brought it in, and what came of it."""

import uuid

from django.conf import settings
from django.db import models
from django.urls import reverse

from meetings.models import Committee

# The storage folder of imported files; their names never come from the user.
IMPORTS_FOLDER = "imports"


def import_upload_to(instance, filename):
    # ``filename`` is only ever "<kind>.<ext>" as the importer names it (the type found
    # from the file's content), never what the uploader called it.
    suffix = filename.rpartition(".")[2].lower() if "." in filename else "bin"
    return f"{IMPORTS_FOLDER}/{uuid.uuid4().hex}.{suffix}"


class ImportRecord(models.Model):
    """One file brought in: previewed (nothing written yet), then applied or cancelled, or
    refused. Each record it created or changed names it in its history."""

    class State(models.TextChoices):
        PREVIEWED = "previewed", "Previewed"
        APPLIED = "applied", "Applied"
        CANCELLED = "cancelled", "Cancelled"
        REFUSED = "refused", "Refused"

    class Via(models.TextChoices):
        BROWSER = "browser", "Browser"
        COMMAND = "command", "Command line"

    file = models.FileField(upload_to=import_upload_to, blank=True, max_length=200)
    original_name = models.CharField(max_length=255, help_text="The file's name as uploaded.")
    file_type = models.CharField(max_length=10, blank=True, help_text="pdf, text, docx, xlsx, csv")
    size = models.PositiveIntegerField(default=0)
    sha256 = models.CharField(max_length=64, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    via = models.CharField(max_length=10, choices=Via.choices, default=Via.BROWSER)
    committee = models.ForeignKey(
        Committee,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text="The committee chosen to import into; empty: the one the file names.",
    )
    committee_slug = models.SlugField(
        blank=True, help_text="The committee asked for (the command line may name a new one)."
    )
    kind = models.CharField(max_length=30, blank=True, help_text="What the file was read as.")
    state = models.CharField(
        max_length=10, choices=State.choices, default=State.PREVIEWED, db_index=True
    )
    # Actions by outcome ("create", "update", "unchanged") and records created or updated.
    counts = models.JSONField(default=dict, blank=True)
    # What the preview showed: per meeting, each action's outcome; the warnings; the text
    # it could not place (verbatim), and a digest of all of it, which the import when
    # confirmed must match.
    plan = models.JSONField(default=dict, blank=True)
    plan_digest = models.CharField(max_length=64, blank=True)
    unplaced = models.JSONField(default=list, blank=True)
    error = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"Import #{self.pk}: {self.original_name} ({self.get_state_display().lower()})"

    def get_absolute_url(self):
        return reverse("import-detail", args=[self.pk])

    @property
    def history_reason(self) -> str:
        """What the history of each record it writes says (at most 100 characters)."""
        tail = f" (import #{self.pk})"
        name = self.original_name
        room = 100 - len("Imported from ") - len(tail)
        if len(name) > room:
            name = name[: room - 1] + "…"
        return f"Imported from {name}{tail}"

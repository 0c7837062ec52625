import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

import papers.import_models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0004_chase_plan"),
        ("papers", "0005_paper_version"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ImportRecord",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "file",
                    models.FileField(
                        blank=True, max_length=200, upload_to=papers.import_models.import_upload_to
                    ),
                ),
                (
                    "original_name",
                    models.CharField(help_text="The file's name as uploaded.", max_length=255),
                ),
                (
                    "file_type",
                    models.CharField(
                        blank=True, help_text="pdf, text, docx, xlsx, csv", max_length=10
                    ),
                ),
                ("size", models.PositiveIntegerField(default=0)),
                ("sha256", models.CharField(blank=True, max_length=64)),
                (
                    "via",
                    models.CharField(
                        choices=[("browser", "Browser"), ("command", "Command line")],
                        default="browser",
                        max_length=10,
                    ),
                ),
                (
                    "committee_slug",
                    models.SlugField(
                        blank=True,
                        help_text="The committee asked for (the command line may name a new one).",
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        blank=True, help_text="What the file was read as.", max_length=30
                    ),
                ),
                (
                    "state",
                    models.CharField(
                        choices=[
                            ("previewed", "Previewed"),
                            ("applied", "Applied"),
                            ("cancelled", "Cancelled"),
                            ("refused", "Refused"),
                        ],
                        db_index=True,
                        default="previewed",
                        max_length=10,
                    ),
                ),
                ("counts", models.JSONField(blank=True, default=dict)),
                ("plan", models.JSONField(blank=True, default=dict)),
                ("plan_digest", models.CharField(blank=True, max_length=64)),
                ("unplaced", models.JSONField(blank=True, default=list)),
                ("error", models.TextField(blank=True)),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                (
                    "committee",
                    models.ForeignKey(
                        blank=True,
                        help_text="The committee chosen to import into; empty: the one the file names.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to="meetings.committee",
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={"ordering": ["-created_at", "-id"]},
        ),
    ]

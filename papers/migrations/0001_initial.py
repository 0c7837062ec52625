"""The papers app takes over the committee paper's models from the project package.

The tables keep their names (``db_table``), so this only records the models in the papers
app's state, and moves their content types, so permissions granted on them and the admin's
history follow."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

MODELS = ["paper", "papercorrespondence", "renderjob"]


def move_content_types(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="actiontracker", model__in=MODELS).update(
        app_label="papers"
    )


def move_content_types_back(apps, schema_editor):
    content_types = apps.get_model("contenttypes", "ContentType")
    content_types.objects.filter(app_label="papers", model__in=MODELS).update(
        app_label="actiontracker"
    )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("actiontracker", "0004_cache_table"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("correspondence", "0002_report_issues_for_consideration"),
        ("meetings", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Paper",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("summary", "Summary List of Actions"),
                                    ("annex", "Annex A action table"),
                                    ("response", "Response to the Committee's Report"),
                                ],
                                default="summary",
                                max_length=20,
                            ),
                        ),
                        (
                            "subject",
                            models.CharField(default="Summary List of Actions", max_length=300),
                        ),
                        ("report_to", models.CharField(blank=True, max_length=200)),
                        ("report_of", models.CharField(blank=True, max_length=200)),
                        (
                            "public_access",
                            models.CharField(
                                default="This report will be considered in public", max_length=300
                            ),
                        ),
                        (
                            "summary_text",
                            models.TextField(
                                blank=True,
                                help_text="Leave blank to use the wording generated from the paper's content.",
                            ),
                        ),
                        (
                            "recommendation_text",
                            models.TextField(
                                blank=True,
                                help_text="Leave blank to use the wording generated from the paper's content.",
                            ),
                        ),
                        (
                            "period_start",
                            models.DateField(
                                blank=True,
                                help_text="Start of the standing rows' reporting period.",
                                null=True,
                            ),
                        ),
                        (
                            "period_end",
                            models.DateField(
                                blank=True,
                                help_text="This paper's cut-off; the next paper's period starts here.",
                                null=True,
                            ),
                        ),
                        (
                            "complaints_delegation_text",
                            models.TextField(
                                default="The Committee agreed, inter alia, to delegate to the Monitoring Officer all of the powers and functions conferred on it by the Elected Local Policing Bodies (Complaints and Misconduct) Regulations, with the exception of the functions set out at Part 4 of the Regulations which may not be delegated; and guidance on the handling of complaints which requires the Monitoring Officer to report, on a regular basis, the summary details (such as can be reported in public), on the exercise of any and all of these functions to the Committee for monitoring purposes."
                            ),
                        ),
                        (
                            "complaints_status_text",
                            models.TextField(
                                blank=True,
                                help_text="Leave blank to list the complaints register for the period.",
                            ),
                        ),
                        (
                            "transparency_procedure_text",
                            models.TextField(
                                default="The Committee agreed Members disclose to the Executive Director of Secretariat or their nominated representative (within 28 days of the contact) details of any significant contact with the MPS and/or MOPAC which they consider to be relevant to the work of the Committee; and such disclosures be reported to the next meeting of the Committee."
                            ),
                        ),
                        (
                            "transparency_status_text",
                            models.TextField(
                                blank=True,
                                help_text="Leave blank to list the disclosures register for the period.",
                            ),
                        ),
                        (
                            "legal_text",
                            models.TextField(
                                default="The Committee has the power to do what is recommended in this report."
                            ),
                        ),
                        (
                            "financial_text",
                            models.TextField(
                                default="There are no financial implications arising from this report."
                            ),
                        ),
                        ("background_papers", models.TextField(default="None")),
                        (
                            "status",
                            models.CharField(
                                choices=[("draft", "Draft"), ("published", "Published")],
                                db_index=True,
                                default="draft",
                                max_length=20,
                            ),
                        ),
                        ("published_at", models.DateTimeField(blank=True, null=True)),
                        ("pdf", models.BinaryField(blank=True, null=True)),
                        (
                            "imported_from",
                            models.CharField(
                                blank=True,
                                help_text="The file this paper was imported from, if any.",
                                max_length=300,
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("updated_at", models.DateTimeField(auto_now=True)),
                        (
                            "committee_report",
                            models.ForeignKey(
                                blank=True,
                                help_text="For a response-to-report paper.",
                                null=True,
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="papers",
                                to="correspondence.committeereport",
                            ),
                        ),
                        (
                            "contact_officers",
                            models.ManyToManyField(
                                blank=True,
                                db_table="actiontracker_paper_contact_officers",
                                related_name="papers",
                                to="meetings.contactofficer",
                            ),
                        ),
                        (
                            "meeting",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="papers",
                                to="meetings.meeting",
                            ),
                        ),
                        (
                            "published_by",
                            models.ForeignKey(
                                blank=True,
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "actiontracker_paper",
                        "ordering": ["-meeting__date", "kind"],
                    },
                ),
                migrations.CreateModel(
                    name="PaperCorrespondence",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("position", models.PositiveIntegerField(default=0)),
                        (
                            "in_additional_section",
                            models.BooleanField(
                                default=False,
                                help_text="Listed as a paragraph of section 4 (letters sent), not only as an appendix.",
                            ),
                        ),
                        (
                            "correspondence",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.PROTECT,
                                related_name="+",
                                to="correspondence.correspondence",
                            ),
                        ),
                        (
                            "paper",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="letters",
                                to="papers.paper",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "actiontracker_papercorrespondence",
                        "ordering": ["paper", "position", "id"],
                    },
                ),
                migrations.AddField(
                    model_name="paper",
                    name="correspondence",
                    field=models.ManyToManyField(
                        blank=True,
                        related_name="papers",
                        through="papers.PaperCorrespondence",
                        to="correspondence.correspondence",
                    ),
                ),
                migrations.CreateModel(
                    name="RenderJob",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "kind",
                            models.CharField(
                                choices=[
                                    ("paper", "Paper"),
                                    ("pack", "Agenda pack"),
                                    ("publish", "Published paper"),
                                ],
                                default="paper",
                                max_length=20,
                            ),
                        ),
                        (
                            "status",
                            models.CharField(
                                choices=[
                                    ("queued", "Waiting to start"),
                                    ("running", "Being made"),
                                    ("done", "Ready"),
                                    ("failed", "Failed"),
                                ],
                                db_index=True,
                                default="queued",
                                max_length=20,
                            ),
                        ),
                        (
                            "progress",
                            models.PositiveSmallIntegerField(default=0, help_text="Per cent done."),
                        ),
                        ("message", models.CharField(blank=True, max_length=500)),
                        ("pdf", models.BinaryField(blank=True, null=True)),
                        (
                            "fingerprint",
                            models.CharField(blank=True, editable=False, max_length=64),
                        ),
                        ("task_id", models.CharField(blank=True, editable=False, max_length=64)),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("finished_at", models.DateTimeField(blank=True, null=True)),
                        (
                            "paper",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="render_jobs",
                                to="papers.paper",
                            ),
                        ),
                        (
                            "requested_by",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="+",
                                to=settings.AUTH_USER_MODEL,
                            ),
                        ),
                    ],
                    options={
                        "db_table": "actiontracker_renderjob",
                        "ordering": ["-created_at", "-id"],
                    },
                ),
                migrations.AddConstraint(
                    model_name="papercorrespondence",
                    constraint=models.UniqueConstraint(
                        fields=("paper", "correspondence"), name="paper_correspondence_unique"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="paper",
                    constraint=models.UniqueConstraint(
                        fields=("meeting", "kind"), name="paper_unique_per_meeting"
                    ),
                ),
                migrations.AddConstraint(
                    model_name="paper",
                    constraint=models.CheckConstraint(
                        condition=models.Q(
                            ("period_start__isnull", True),
                            ("period_end__isnull", True),
                            ("period_start__lte", models.F("period_end")),
                            _connector="OR",
                        ),
                        name="paper_period_in_order",
                    ),
                ),
            ],
            database_operations=[
                migrations.RunPython(move_content_types, move_content_types_back),
            ],
        )
    ]

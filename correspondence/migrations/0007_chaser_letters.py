import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0014_chase_plan"),
        ("correspondence", "0006_letters_direction_index"),
        ("meetings", "0004_chase_plan"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="ChaseRun",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("date", models.DateField(unique=True)),
                ("started_at", models.DateTimeField(auto_now_add=True)),
                ("finished_at", models.DateTimeField(blank=True, null=True)),
                ("summary", models.TextField(blank=True)),
            ],
            options={"ordering": ["-date"]},
        ),
        migrations.CreateModel(
            name="ChaserLetter",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("proposed", "Awaiting an officer's approval"),
                            ("sent", "Sent"),
                        ],
                        default="proposed",
                        max_length=20,
                    ),
                ),
                (
                    "date",
                    models.DateField(
                        help_text="The day it was proposed; once sent, the letter's date."
                    ),
                ),
                (
                    "escalation",
                    models.BooleanField(
                        default=False,
                        help_text="Proposed by the chase schedule after the committee's chases.",
                    ),
                ),
                ("created_at", models.DateTimeField(auto_now_add=True)),
                (
                    "actions",
                    models.ManyToManyField(related_name="chaser_letters", to="actions.action"),
                ),
                (
                    "approved_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "committee",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="chaser_letters",
                        to="meetings.committee",
                    ),
                ),
                (
                    "letter",
                    models.OneToOneField(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="chaser_letter",
                        to="correspondence.correspondence",
                    ),
                ),
                (
                    "organisation",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="chaser_letters",
                        to="meetings.organisation",
                    ),
                ),
                (
                    "proposed_by",
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
                "ordering": ["-date", "-id"],
                "constraints": [
                    models.UniqueConstraint(
                        condition=models.Q(("status", "proposed")),
                        fields=("organisation", "committee"),
                        name="chaser_letter_one_proposed",
                    )
                ],
            },
        ),
    ]

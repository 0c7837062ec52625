"""Point reported_in at the papers app's Paper: the same table, so state only."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0007_person_status_index"),
        ("papers", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="action",
                    name="reported_in",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="The published paper that showed this action completed or closed.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="finished_actions",
                        to="papers.paper",
                    ),
                ),
                migrations.AlterField(
                    model_name="historicalaction",
                    name="reported_in",
                    field=models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        help_text="The published paper that showed this action completed or closed.",
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="papers.paper",
                    ),
                ),
            ],
        )
    ]

"""The papers app takes over Paper, PaperCorrespondence and RenderJob: unhook their
relations in this app's state only (the tables and their data stay)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("actiontracker", "0004_cache_table"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(
                    model_name="paper",
                    name="committee_report",
                ),
                migrations.RemoveField(
                    model_name="paper",
                    name="contact_officers",
                ),
                migrations.RemoveField(
                    model_name="paper",
                    name="correspondence",
                ),
                migrations.RemoveField(
                    model_name="paper",
                    name="meeting",
                ),
                migrations.RemoveField(
                    model_name="paper",
                    name="published_by",
                ),
                migrations.RemoveField(
                    model_name="papercorrespondence",
                    name="paper",
                ),
                migrations.RemoveField(
                    model_name="renderjob",
                    name="paper",
                ),
                migrations.RemoveField(
                    model_name="papercorrespondence",
                    name="correspondence",
                ),
                migrations.RemoveField(
                    model_name="renderjob",
                    name="requested_by",
                ),
            ],
        )
    ]

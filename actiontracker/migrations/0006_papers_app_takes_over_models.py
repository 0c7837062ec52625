"""The papers app owns Paper, PaperCorrespondence and RenderJob now: drop them from this
app's state only; their tables stay and the papers app takes them over."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0008_reported_in_papers_app"),
        ("actiontracker", "0005_papers_app_takes_over_relations"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.DeleteModel(
                    name="Paper",
                ),
                migrations.DeleteModel(
                    name="PaperCorrespondence",
                ),
                migrations.DeleteModel(
                    name="RenderJob",
                ),
            ],
        )
    ]

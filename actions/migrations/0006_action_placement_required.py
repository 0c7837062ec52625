import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("actions", "0005_action_placement")]

    operations = [
        migrations.AlterField(
            model_name="action",
            name="committee",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="meetings.committee",
            ),
        ),
        migrations.AlterField(
            model_name="action",
            name="meeting_date",
            field=models.DateField(editable=False),
        ),
        migrations.AddIndex(
            model_name="action",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=[
                    "committee",
                    "status",
                    "meeting_date",
                    "last_chased_on",
                    "responsible_person",
                    "deleted_at",
                ],
                name="action_committee_status",
            ),
        ),
        migrations.AddIndex(
            model_name="action",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["committee", "status", "finished_on", "deleted_at"],
                name="action_committee_finished",
            ),
        ),
        migrations.AddIndex(
            model_name="action",
            index=models.Index(
                condition=models.Q(("deleted_at__isnull", True)),
                fields=["committee", "meeting_date", "status", "deleted_at"],
                name="action_committee_meeting",
            ),
        ),
    ]

"""Copy each action's committee and meeting date onto the action (see Action.committee).

Added empty, filled from the agenda items here, and made required in 0006: PostgreSQL
refuses to alter a table in the transaction that updated its rows under deferred foreign
keys.
"""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill(apps, schema_editor):
    Action = apps.get_model("actions", "Action")
    AgendaItem = apps.get_model("meetings", "AgendaItem")
    item = AgendaItem.objects.filter(pk=OuterRef("agenda_item"))
    Action.objects.using(schema_editor.connection.alias).update(
        committee=Subquery(item.values("meeting__committee")[:1]),
        meeting_date=Subquery(item.values("meeting__date")[:1]),
    )


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0004_action_search_document"),
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="committee",
            field=models.ForeignKey(
                db_index=False,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="meetings.committee",
            ),
        ),
        migrations.AddField(
            model_name="action",
            name="meeting_date",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("actions", "0013_portal_answers")]

    operations = [
        migrations.AddField(
            model_name="chasemessage",
            name="notify_notifications",
            field=models.JSONField(
                blank=True,
                default=list,
                help_text="GOV.UK Notify's notifications sent (id and address) whose delivery "
                "is still to be checked.",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="chasemessage",
            name="chase_message_one_waiting_per_organisation",
        ),
        migrations.RemoveConstraint(
            model_name="chasemessage",
            name="chase_message_status_valid",
        ),
        migrations.AlterField(
            model_name="chasemessage",
            name="error",
            field=models.TextField(
                blank=True, help_text="Why the last attempt failed, or why the chase is held."
            ),
        ),
        migrations.AlterField(
            model_name="chasemessage",
            name="status",
            field=models.CharField(
                choices=[
                    ("approved", "Approved, not sent yet"),
                    ("sent", "Sent"),
                    ("failed", "Not delivered, to be tried again"),
                    ("held", "Held: address bounced"),
                ],
                default="approved",
                max_length=20,
            ),
        ),
        migrations.AddConstraint(
            model_name="chasemessage",
            constraint=models.UniqueConstraint(
                condition=models.Q(("status__in", ["approved", "failed", "held"])),
                fields=("organisation",),
                name="chase_message_one_waiting_per_organisation",
            ),
        ),
        migrations.AddConstraint(
            model_name="chasemessage",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["approved", "sent", "failed", "held"])),
                name="chase_message_status_valid",
            ),
        ),
    ]

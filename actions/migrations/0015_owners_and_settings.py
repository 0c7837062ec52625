import django.db.models.deletion
import simple_history.models
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0014_chase_plan"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="action",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                help_text="The secretariat officer who looks after this action.",
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="owned_actions",
                to=settings.AUTH_USER_MODEL,
                verbose_name="owning officer",
            ),
        ),
        migrations.AddField(
            model_name="historicalaction",
            name="owner",
            field=models.ForeignKey(
                blank=True,
                db_constraint=False,
                help_text="The secretariat officer who looks after this action.",
                null=True,
                on_delete=django.db.models.deletion.DO_NOTHING,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="owning officer",
            ),
        ),
        migrations.CreateModel(
            name="HistoricalPersonContact",
            fields=[
                (
                    "id",
                    models.BigIntegerField(
                        auto_created=True, blank=True, db_index=True, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                ("email", models.EmailField(max_length=254)),
                ("postal_address", models.TextField(blank=True)),
                ("deputy_name", models.CharField(blank=True, max_length=200)),
                ("deputy_email", models.EmailField(blank=True, max_length=254)),
                ("history_id", models.AutoField(primary_key=True, serialize=False)),
                ("history_date", models.DateTimeField(db_index=True)),
                ("history_change_reason", models.CharField(max_length=100, null=True)),
                (
                    "history_type",
                    models.CharField(
                        choices=[("+", "Created"), ("~", "Changed"), ("-", "Deleted")], max_length=1
                    ),
                ),
                (
                    "history_user",
                    models.ForeignKey(
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
                (
                    "person",
                    models.ForeignKey(
                        blank=True,
                        db_constraint=False,
                        null=True,
                        on_delete=django.db.models.deletion.DO_NOTHING,
                        related_name="+",
                        to="actions.responsibleperson",
                    ),
                ),
            ],
            options={
                "verbose_name": "historical contact of a responsible person",
                "verbose_name_plural": "historical contacts of responsible people",
                "ordering": ("-history_date", "-history_id"),
                "get_latest_by": ("history_date", "history_id"),
            },
            bases=(simple_history.models.HistoricalChanges, models.Model),
        ),
        migrations.CreateModel(
            name="PersonContact",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200)),
                ("email", models.EmailField(max_length=254)),
                ("postal_address", models.TextField(blank=True)),
                ("deputy_name", models.CharField(blank=True, max_length=200)),
                ("deputy_email", models.EmailField(blank=True, max_length=254)),
                (
                    "person",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="contact",
                        to="actions.responsibleperson",
                    ),
                ),
            ],
            options={
                "verbose_name": "contact of a responsible person",
                "verbose_name_plural": "contacts of responsible people",
                "ordering": ["person"],
            },
        ),
        migrations.CreateModel(
            name="UserSettings",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "notify_on_publish",
                    models.BooleanField(
                        default=False,
                        help_text="A message to your account's e-mail address whenever a paper of a committee you may see is published.",
                        verbose_name="e-mail me when a paper is published",
                    ),
                ),
                (
                    "calendar_token",
                    models.CharField(blank=True, max_length=64, null=True, unique=True),
                ),
                ("calendar_token_created_at", models.DateTimeField(blank=True, null=True)),
                (
                    "user",
                    models.OneToOneField(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="tracker_settings",
                        to=settings.AUTH_USER_MODEL,
                    ),
                ),
            ],
            options={
                "verbose_name_plural": "user settings",
            },
        ),
    ]

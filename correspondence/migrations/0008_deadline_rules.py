from django.db import migrations, models


def mark_computed(apps, schema_editor):
    """A letter whose reply due date is the engine's own was worked out by it."""
    from meetings import deadlines

    Correspondence = apps.get_model("correspondence", "Correspondence")
    letters = Correspondence.all_objects.filter(direction="sent", reply_due__isnull=False)
    computed = [
        letter.pk
        for letter in letters.select_related("committee").iterator()
        if letter.reply_due == deadlines.reply_due(letter.date, letter.committee).due
    ]
    Correspondence.all_objects.filter(pk__in=computed).update(reply_due_computed=True)


class Migration(migrations.Migration):
    dependencies = [
        ("correspondence", "0007_chaser_letters"),
        ("meetings", "0005_contact_bounces"),
    ]

    operations = [
        migrations.CreateModel(
            name="HolidayFingerprint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=40, unique=True)),
                ("fingerprint", models.CharField(max_length=64)),
                ("first_year", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("last_year", models.PositiveSmallIntegerField(blank=True, null=True)),
                ("updated_at", models.DateTimeField(auto_now=True)),
            ],
        ),
        migrations.AddField(
            model_name="correspondence",
            name="reply_due_computed",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.AddField(
            model_name="historicalcorrespondence",
            name="reply_due_computed",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunPython(mark_computed, migrations.RunPython.noop),
    ]

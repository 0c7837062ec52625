from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_chase_rules_and_contacts")]

    operations = [
        migrations.AddField(
            model_name="committee",
            name="chase_before_due_working_days",
            field=models.PositiveSmallIntegerField(
                default=5,
                help_text="An action with a due date is also reminded this many working days "
                "before it (0: no such reminder).",
            ),
        ),
        migrations.AddField(
            model_name="committee",
            name="escalate_after_chases",
            field=models.PositiveSmallIntegerField(
                default=3,
                help_text="After this many chases since its last letter from the Chair, an "
                "action's next chase is a letter from the Chair, for an officer to approve "
                "(0: never).",
            ),
        ),
    ]

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("meetings", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="committee",
            name="publishes_openly",
            field=models.BooleanField(
                default=False,
                help_text="Show its published papers, meetings calendar and papers feed to "
                "anyone, without signing in, under /open/.",
                verbose_name="publishes openly",
            ),
        ),
    ]

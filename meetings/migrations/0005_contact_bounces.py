from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_chase_plan")]

    operations = [
        migrations.AddField(
            model_name="committee",
            name="disclosure_days",
            field=models.PositiveSmallIntegerField(
                default=28,
                help_text="A Member's contact is to be disclosed within this many days of it.",
            ),
        ),
        migrations.AddField(
            model_name="committee",
            name="reply_working_days",
            field=models.PositiveSmallIntegerField(
                default=20,
                help_text="A reply to the committee's letter is due this many working days after it.",
            ),
        ),
        migrations.AddField(
            model_name="committee",
            name="report_response_months",
            field=models.PositiveSmallIntegerField(
                default=2,
                help_text="A response to the committee's report is due this many months after it.",
            ),
        ),
        migrations.AddField(
            model_name="contact",
            name="bounce_reason",
            field=models.CharField(blank=True, max_length=500, verbose_name="why it bounced"),
        ),
        migrations.AddField(
            model_name="contact",
            name="bounced_address",
            field=models.EmailField(
                blank=True,
                help_text="The contact's address the mail service refused for good.",
                max_length=254,
            ),
        ),
        migrations.AddField(
            model_name="contact",
            name="bounced_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="bounced"),
        ),
        migrations.AddField(
            model_name="historicalcontact",
            name="bounce_reason",
            field=models.CharField(blank=True, max_length=500, verbose_name="why it bounced"),
        ),
        migrations.AddField(
            model_name="historicalcontact",
            name="bounced_address",
            field=models.EmailField(
                blank=True,
                help_text="The contact's address the mail service refused for good.",
                max_length=254,
            ),
        ),
        migrations.AddField(
            model_name="historicalcontact",
            name="bounced_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="bounced"),
        ),
    ]

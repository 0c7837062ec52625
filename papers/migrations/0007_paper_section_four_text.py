from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("papers", "0006_import_records")]

    operations = [
        migrations.AddField(
            model_name="paper",
            name="additional_correspondence_intro",
            field=models.TextField(
                blank=True,
                help_text="Paragraphs of section 4 (Additional Correspondence) shown before the "
                "letters' paragraphs; separate paragraphs with a blank line.",
                verbose_name="section 4 text before the letters",
            ),
        ),
        migrations.AddField(
            model_name="paper",
            name="additional_correspondence_text",
            field=models.TextField(
                blank=True,
                help_text="Paragraphs of section 4 shown after the letters' paragraphs (or "
                "instead of “There is no additional correspondence to report.” when there are "
                "none).",
                verbose_name="section 4 text after the letters",
            ),
        ),
    ]

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("papers", "0005_paper_version")]

    operations = []

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("papers", "0006_import_records")]

    operations = []

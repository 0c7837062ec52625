from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("actions", "0013_portal_answers")]

    operations = []

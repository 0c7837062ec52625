from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("actions", "0014_chase_plan")]

    operations = []

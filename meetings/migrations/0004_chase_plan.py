from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("meetings", "0003_chase_rules_and_contacts")]

    operations = []

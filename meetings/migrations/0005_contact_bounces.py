from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("meetings", "0004_chase_plan")]

    operations = []

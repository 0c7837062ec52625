from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("correspondence", "0007_chaser_letters")]

    operations = []

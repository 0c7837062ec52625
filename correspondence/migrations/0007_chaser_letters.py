from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("correspondence", "0006_letters_direction_index")]

    operations = []

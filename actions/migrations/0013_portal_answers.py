from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("actions", "0012_register_order_indexes")]

    operations = []

"""The database cache's table, made by ``migrate`` itself, so a database that is only
migrated (a new server, a restored backup, a test database) has it."""

from django.core.management import call_command
from django.db import migrations


def create_cache_table(apps, schema_editor):
    # Does nothing when the table exists or no cache uses the database.
    call_command("createcachetable", database=schema_editor.connection.alias, verbosity=0)


class Migration(migrations.Migration):
    dependencies = [("actiontracker", "0003_renderjob_kind_fingerprint")]

    operations = [migrations.RunPython(create_cache_table, migrations.RunPython.noop)]

"""The register's full-text search on PostgreSQL: each action's words kept as a stored
tsvector column with a GIN index, so a search neither re-parses every action's text nor
misses the index (SQLite has neither; its search is a portable substring match).

The column is PostgreSQL's own (generated from the action's introduction, requested
items and status note); the model does not declare it and never writes it.
"""

from django.db import migrations

FORWARDS = """
ALTER TABLE actions_action ADD COLUMN search_document tsvector
    GENERATED ALWAYS AS (
        to_tsvector('english'::regconfig,
            coalesce(intro, '') || ' ' || coalesce(requested_items::text, '') || ' '
            || coalesce(status_note, ''))
    ) STORED;
CREATE INDEX action_search_document ON actions_action USING gin (search_document);
"""

BACKWARDS = """
DROP INDEX IF EXISTS action_search_document;
ALTER TABLE actions_action DROP COLUMN IF EXISTS search_document;
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(FORWARDS)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(BACKWARDS)


class Migration(migrations.Migration):
    dependencies = [("actions", "0003_dashboard_covering_indexes")]

    operations = [migrations.RunPython(forwards, backwards)]

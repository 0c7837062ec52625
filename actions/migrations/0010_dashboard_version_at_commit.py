"""On PostgreSQL, renew the dashboard's data version when a writing transaction commits, not
at its first write.

Renewing it at the first write held the version row's lock for the rest of the transaction,
so writes to actions, people, organisations, meetings and agenda items queued behind each
other for whole requests (publishing a large paper renders its PDF inside its transaction),
and two transactions writing the same rows in opposite orders could deadlock. Now:

- a statement trigger only marks the transaction as having written (a transaction-local
  setting, no lock), so the dashboard does not serve cached rows to a transaction that has
  written;
- a deferred constraint trigger renews the token at commit, once per transaction, so the
  lock is held only while the transaction commits;
- TRUNCATE (a restore) still renews it at once.

SQLite has one writer at a time and keeps its per-row triggers.
"""

from django.db import migrations

VERSION_TABLE = "actions_dashboard_version"
TABLES = [
    "actions_action",
    "actions_responsibleperson",
    "meetings_organisation",
    "meetings_meeting",
    "meetings_agendaitem",
]
FRESH = "md5(random()::text || clock_timestamp()::text)"
WROTE = "actiontracker.dashboard_wrote"
RENEWED = "actiontracker.dashboard_renewed"

FORWARD = [
    "CREATE FUNCTION actions_dashboard_wrote() RETURNS trigger LANGUAGE plpgsql AS "
    f"$$ BEGIN PERFORM set_config('{WROTE}', 'on', true); RETURN NULL; END $$",
    "CREATE FUNCTION actions_dashboard_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "  # noqa: S608 - constants only
    f"IF current_setting('{RENEWED}', true) IS DISTINCT FROM 'on' THEN "
    f"UPDATE {VERSION_TABLE} SET token = {FRESH}; "
    f"PERFORM set_config('{RENEWED}', 'on', true); END IF; RETURN NULL; END $$",
]
for table in TABLES:
    FORWARD += [
        f"DROP TRIGGER {table}_dashboard ON {table}",
        f"CREATE TRIGGER {table}_dashboard_wrote AFTER INSERT OR UPDATE OR DELETE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION actions_dashboard_wrote()",
        f"CREATE CONSTRAINT TRIGGER {table}_dashboard_commit AFTER INSERT OR UPDATE OR DELETE "
        f"ON {table} DEFERRABLE INITIALLY DEFERRED FOR EACH ROW "
        "EXECUTE FUNCTION actions_dashboard_commit()",
        f"CREATE TRIGGER {table}_dashboard_truncate AFTER TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION actions_dashboard_changed()",
    ]

BACKWARD = []
for table in TABLES:
    BACKWARD += [
        f"DROP TRIGGER {table}_dashboard_wrote ON {table}",
        f"DROP TRIGGER {table}_dashboard_commit ON {table}",
        f"DROP TRIGGER {table}_dashboard_truncate ON {table}",
        f"CREATE TRIGGER {table}_dashboard AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
        f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION actions_dashboard_changed()",
    ]
BACKWARD += [
    "DROP FUNCTION actions_dashboard_wrote()",
    "DROP FUNCTION actions_dashboard_commit()",
]


def forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in FORWARD:
            schema_editor.execute(statement, None)


def backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for statement in BACKWARD:
            schema_editor.execute(statement, None)


class Migration(migrations.Migration):
    dependencies = [("actions", "0009_dashboard_version")]

    operations = [migrations.RunPython(forward, backward, elidable=False)]

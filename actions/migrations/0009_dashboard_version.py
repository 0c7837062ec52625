"""The dashboard's data version: one row whose token database triggers replace on every write
to the tables the dashboard reads, so its cached results are keyed on the data they count
(see actions.dashboard.results).

Triggers, not signals: they see every write, QuerySet.update(), bulk_create, raw SQL and
restores included. PostgreSQL fires once per statement (a bulk insert is one change) and on
TRUNCATE; SQLite, which has no statement triggers, once per row.
"""

from django.db import migrations

VERSION_TABLE = "actions_dashboard_version"
# What the dashboard reads: actions by their committee, meeting date, status, chases and
# who is responsible; people's organisations and organisations' names; meetings' dates;
# agenda items' numbers.
TABLES = [
    "actions_action",
    "actions_responsibleperson",
    "meetings_organisation",
    "meetings_meeting",
    "meetings_agendaitem",
]
EVENTS = ["INSERT", "UPDATE", "DELETE"]
# SQL for a new random token. All the SQL here is built from these constants.
PG_RANDOM = "md5(random()::text || clock_timestamp()::text)"
SQLITE_RANDOM = "lower(hex(randomblob(16)))"


def create(apps, schema_editor):
    run = schema_editor.execute
    postgres = schema_editor.connection.vendor == "postgresql"
    fresh = PG_RANDOM if postgres else SQLITE_RANDOM
    run(
        f"CREATE TABLE {VERSION_TABLE} "
        "(id integer PRIMARY KEY CHECK (id = 1), token varchar(32) NOT NULL)",
        None,
    )
    run(f"INSERT INTO {VERSION_TABLE} (id, token) VALUES (1, {fresh})", None)  # noqa: S608
    if postgres:
        run(
            "CREATE FUNCTION actions_dashboard_changed() RETURNS trigger LANGUAGE plpgsql AS "  # noqa: S608
            f"$$ BEGIN UPDATE {VERSION_TABLE} SET token = {fresh}; RETURN NULL; END $$",
            None,
        )
        for table in TABLES:
            run(
                f"CREATE TRIGGER {table}_dashboard AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
                f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION actions_dashboard_changed()",
                None,
            )
        return
    for table in TABLES:
        for event in EVENTS:
            run(
                f"CREATE TRIGGER {table}_dashboard_{event.lower()} AFTER {event} ON {table} "  # noqa: S608
                f"FOR EACH ROW BEGIN UPDATE {VERSION_TABLE} SET token = {fresh}; END",
                None,
            )


def drop(apps, schema_editor):
    run = schema_editor.execute
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            run(f"DROP TRIGGER IF EXISTS {table}_dashboard ON {table}", None)
        run("DROP FUNCTION IF EXISTS actions_dashboard_changed()", None)
    else:
        for table in TABLES:
            for event in EVENTS:
                run(f"DROP TRIGGER IF EXISTS {table}_dashboard_{event.lower()}", None)
    run(f"DROP TABLE IF EXISTS {VERSION_TABLE}", None)


class Migration(migrations.Migration):
    dependencies = [
        ("actions", "0008_reported_in_papers_app"),
        ("meetings", "0001_initial"),
    ]

    operations = [migrations.RunPython(create, drop, elidable=False)]

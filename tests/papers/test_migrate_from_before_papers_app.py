"""A database made by the release before the papers app existed migrates forward intact.

tests/fixtures/premove_demo.json is that release's demo database (``load_demo``), table by
table, with the migration each app had reached. The test takes this database back to that
state, puts those rows in with plain SQL, migrates forward as an upgrade would, and checks
that nothing was lost and the papers still open, download and render."""

import base64
import datetime
import decimal
import json
import uuid
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management.color import no_style
from django.core.management.sql import emit_post_migrate_signal, sql_flush
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from actiontracker import roles
from papers.models import Paper
from tests.pdf_helpers import pdftotext

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "premove_demo.json"
MOVED_MODELS = {"paper", "papercorrespondence", "renderjob"}

DECODERS = {
    "b64": base64.b64decode,
    "date": datetime.date.fromisoformat,
    "datetime": datetime.datetime.fromisoformat,
    "time": datetime.time.fromisoformat,
    "decimal": decimal.Decimal,
    "uuid": uuid.UUID,
    "json": lambda value: value,
}


def decode(value):
    """A fixture cell as the Python value its column held."""
    if isinstance(value, dict):
        ((tag, raw),) = value.items()
        return DECODERS[tag](raw)
    return value


def migrate_to(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()  # read what is applied now, for whoever migrates next


def load_rows(fixture: dict) -> None:
    """Empty every table and insert the fixture's rows as the old release stored them.

    Each value goes through its column's field in the old release's model state, so the
    database gets the type it stores: JSON as text on SQLite and jsonb on PostgreSQL,
    datetimes as UTC text on SQLite, bytes as a binary parameter."""
    old_state = MigrationExecutor(connection).loader.project_state(
        list(fixture["migrations"].items())
    )
    old_models = {
        model._meta.db_table: model
        for model in old_state.apps.get_models(include_auto_created=True)
    }
    connection.ops.execute_sql_flush(sql_flush(no_style(), connection))
    quote = connection.ops.quote_name
    # Django's foreign keys are deferrable: checked once, when this transaction commits.
    with transaction.atomic(), connection.cursor() as cursor:
        for table, data in fixture["tables"].items():
            if not data["rows"]:
                continue
            fields = {f.column: f for f in old_models[table]._meta.concrete_fields}
            columns = data["columns"]
            sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 - names from the fixture
                quote(table),
                ", ".join(quote(c) for c in columns),
                ", ".join(["%s"] * len(columns)),
            )
            cursor.executemany(
                sql,
                [
                    [
                        None
                        if cell is None
                        else fields[column].get_db_prep_value(decode(cell), connection)
                        for column, cell in zip(columns, row, strict=True)
                    ]
                    for row in data["rows"]
                ],
            )
        # New rows must get ids after the loaded ones (PostgreSQL sequences).
        for statement in connection.ops.sequence_reset_sql(no_style(), old_models.values()):
            cursor.execute(statement)
    ContentType.objects.clear_cache()  # ids cached by earlier tests are not these


def row_count(table: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return cursor.fetchone()[0]


@pytest.mark.django_db(transaction=True)
def test_a_database_from_before_the_papers_app_migrates_forward_intact(client, tmp_path):
    fixture = json.loads(FIXTURE.read_text())
    assert fixture["migrations"]["actiontracker"] == "0004_cache_table"
    # Every app at the migration it had reached then; the papers app did not exist.
    before = MigrationExecutor(connection).loader.migrated_apps
    try:
        migrate_to([(app, fixture["migrations"].get(app)) for app in sorted(before)])
        load_rows(fixture)
    finally:
        # Whatever happened, leave the database fully migrated for the tests after this one.
        migrate_to(MigrationExecutor(connection).loader.graph.leaf_nodes())
    ContentType.objects.clear_cache()

    # Every row is still there.
    expected = {table: len(data["rows"]) for table, data in fixture["tables"].items()}
    assert {table: row_count(table) for table in expected} == expected
    assert expected["actiontracker_paper"] == 2

    # The paper's models are the papers app's now, each with one content type, and the
    # permissions granted on them went along.
    moved = ContentType.objects.filter(model__in=MOVED_MODELS)
    assert sorted(moved.values_list("app_label", "model")) == [
        ("papers", "paper"),
        ("papers", "papercorrespondence"),
        ("papers", "renderjob"),
    ]
    officers = Group.objects.get(name=roles.OFFICERS)
    assert officers.permissions.filter(content_type__app_label="papers").count() == 12
    officer = get_user_model().objects.get(username="officer")
    assert officer.has_perm("papers.change_paper")
    assert not officer.has_perm("actiontracker.change_paper")

    # The published paper's PDF is the same bytes, in the table and as downloaded.
    papers = fixture["tables"]["actiontracker_paper"]
    rows = [dict(zip(papers["columns"], row, strict=True)) for row in papers["rows"]]
    published = next(r for r in rows if r["status"] == "published")
    draft = next(r for r in rows if r["status"] == "draft")
    stored = decode(published["pdf"])
    assert stored.startswith(b"%PDF")
    assert bytes(Paper.objects.get(pk=published["id"]).pdf) == stored
    client.force_login(officer)
    download = client.get(f"/papers/{published['id']}/pdf/")
    assert download.status_code == 200
    assert download.content == stored

    # Officers open both papers, and the draft still renders.
    for row in (published, draft):
        page = client.get(f"/papers/{row['id']}/")
        assert page.status_code == 200
        assert row["subject"] in page.content.decode()
    rendered = client.get(f"/papers/{draft['id']}/pdf/")
    assert rendered.status_code == 200 and rendered.content.startswith(b"%PDF")
    text = " ".join(pdftotext(rendered.content, tmp_path).split())
    assert draft["subject"] in text
    # Its letter, contact officer and actions (list items from a JSON column) came along.
    assert "Appendix 1 – Correspondence from Director of the Violence Reduction Unit" in text
    assert "Contact Officer: Alex Morgan" in text
    assert "• The number of dedicated ward officers" in text

    # What `migrate` does next (post_migrate) finds nothing left to create for the papers.
    emit_post_migrate_signal(verbosity=0, interactive=False, db=connection.alias)
    assert ContentType.objects.filter(model__in=MOVED_MODELS).count() == 3
    assert not Permission.objects.filter(content_type__app_label="actiontracker").exists()

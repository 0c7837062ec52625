"""The dashboard's data version on committed writes: renewed when a write commits, and on
PostgreSQL without making concurrent writers wait for each other's whole transaction."""

import threading

import pytest
from django.db import connection, connections, transaction

from actions.dashboard import results
from actions.models import Action
from tests.factories import ActionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_version_is_renewed_once_a_write_commits():
    first, second = ActionFactory(), ActionFactory()
    before = results.data_version()
    with transaction.atomic():
        Action.all_objects.filter(pk=first.pk).update(status_note="Seen")
        # Inside the writing transaction nothing cached is served.
        assert results.data_version() != before
    after = results.data_version()
    assert after not in (None, before)
    # A transaction that only reads leaves it alone.
    with transaction.atomic():
        list(Action.objects.filter(pk=second.pk))
    assert results.data_version() == after


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="SQLite has one writer at a time by design"
)
def test_writers_do_not_wait_for_each_others_whole_transaction():
    """One officer's transaction has written an action and is still open (rendering a
    paper, say); another officer's edit of another action goes through meanwhile."""
    first, second = ActionFactory(), ActionFactory()
    holding = threading.Event()
    release = threading.Event()
    done = {}

    def hold_open():
        try:
            with transaction.atomic():
                Action.all_objects.filter(pk=first.pk).update(status_note="First")
                holding.set()
                release.wait(10)
        finally:
            connections.close_all()

    def write_other():
        try:
            with connection.cursor() as cursor:
                cursor.execute("SET lock_timeout = '2s'")
            with transaction.atomic():
                Action.all_objects.filter(pk=second.pk).update(status_note="Second")
            done["ok"] = True
        except Exception as error:  # noqa: BLE001 - reported by the assertion below
            done["error"] = error
        finally:
            connections.close_all()

    holder = threading.Thread(target=hold_open)
    holder.start()
    assert holding.wait(10)
    writer = threading.Thread(target=write_other)
    writer.start()
    writer.join(15)
    release.set()
    holder.join(15)
    assert done == {"ok": True}
    assert Action.all_objects.get(pk=second.pk).status_note == "Second"

"""The dashboard's query results, kept until the data they count changes.

Counting reads a range of an index per figure, so it takes longer as actions grow; the
results (plain rows, never SQL) are kept in Django's cache, which is the database cache in
production, shared by every server. The key holds the data version: a random token that
database triggers replace on every write to the tables the dashboard reads (actions,
responsible people, organisations, meetings, agenda items; migration actions 0009). Any
write, by save(), QuerySet.update(), bulk_create, raw SQL or a restore, makes a new token,
so the next request counts afresh: a figure is never older than the last write. The key
also holds what else the rows depend on (committee, day, options).
"""

from collections.abc import Callable

from django.core.cache import cache
from django.db import connection

VERSION_TABLE = "actions_dashboard_version"
FORMAT = 3  # raise when the shape of the cached rows changes
TIMEOUT = 24 * 60 * 60  # the day is in every key; a day's results need not outlive it


# Set (transaction-local) by PostgreSQL's triggers once the current transaction has written
# to what the dashboard reads; its token is renewed only when that transaction commits
# (migration actions 0010).
WROTE = "actiontracker.dashboard_wrote"


def data_version() -> str | None:
    """The token of the data as now committed (as this connection sees it); None without
    the version row, or when this transaction has written what the dashboard reads and not
    yet committed it: then nothing is cached."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                f"SELECT token, current_setting(%s, true) FROM {VERSION_TABLE}",  # noqa: S608
                [WROTE],
            )
            row = cursor.fetchone()
            if row and row[1] == "on":
                return None
        else:
            cursor.execute(f"SELECT token FROM {VERSION_TABLE}")  # noqa: S608 - a constant
            row = cursor.fetchone()
    return row[0] if row else None


def cached(parts: tuple, compute: Callable[[], dict]) -> dict:
    """``compute()``, or what it returned before for the same ``parts`` and data version.

    The version is read before anything is counted, so rows kept under a version are never
    older than the data that version names (a write committed in between makes them newer,
    and the next request reads the new version anyway)."""
    version = data_version()
    if version is None:
        return compute()
    key = ":".join(str(part) for part in ("dashboard", FORMAT, version, *parts))
    rows = cache.get(key)
    if rows is None:
        rows = compute()
        cache.set(key, rows, TIMEOUT)
    return rows

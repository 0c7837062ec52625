"""Django's SQLite backend, keeping SQLite's planner statistics current.

SQLite gathers statistics only when told to (``ANALYZE``); without them, or with stale ones,
it can choose a plan that reads every row for one page. SQLite's advice for short-lived
connections, as Django's are (closed at the end of each request), is ``PRAGMA optimize``
just before closing: it analyses only the tables this connection's queries would have
planned better with fresh statistics, usually none, so it costs next to nothing (about
0.1 ms); the rare ANALYZE it runs reads whole indexes (tens of milliseconds at 100,000
actions): sampled statistics (``analysis_limit``) misled the planner into sorting every
action for one page of the register.
"""

import contextlib
import sqlite3

from django.db.backends.sqlite3 import base


class DatabaseWrapper(base.DatabaseWrapper):
    """Django's SQLite connection, running ``PRAGMA optimize`` before it closes."""

    def close(self):
        if self.connection is not None and not self.is_in_memory_db():
            # Statistics are a help, not a need: a busy database is left for the next close.
            with contextlib.suppress(sqlite3.Error):
                self.connection.execute("PRAGMA optimize")
        super().close()


def analyze(connection) -> None:
    """Refresh the statistics of every table (after migrations, which may add indexes)."""
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

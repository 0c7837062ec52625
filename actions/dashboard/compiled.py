"""Querysets whose SQL is built once for the same inputs and then only run.

Building a query with a dozen filtered subqueries costs Django more time than the database
needs to answer it. ``values_rows(key, build)`` builds and compiles ``build()`` (a
``values()`` queryset) the first time ``key`` is seen, keeps its SQL and parameters, and on
every call runs that SQL afresh: the rows are always current, only the SQL text is reused.
The key must name every input the queryset depends on (a committee, a date, a count of
days…); the database vendor is added to it here.
"""

import threading
from collections import OrderedDict
from collections.abc import Callable

from django.db import connections
from django.db.models import QuerySet

MAX_KEYS = 256  # a few per committee and day; the oldest are dropped first


class CompiledValues:
    """The compiled SQL of a ``values()`` queryset, run as Django would run it: the same
    column names and the same conversion of each column (dates on SQLite, say)."""

    def __init__(self, queryset: QuerySet):
        query = queryset.query
        self.using = queryset.db
        compiler = query.get_compiler(self.using)
        self.sql, self.params = compiler.as_sql()
        self.names = [*query.extra_select, *query.values_select, *query.annotation_select]
        # What QuerySet iteration applies to each column: {position: (converters, column)}.
        selected = [column for column, _sql, _alias in compiler.select[: compiler.col_count]]
        self.converters = list(compiler.get_converters(selected).items())

    def rows(self) -> list[dict]:
        connection = connections[self.using]
        with connection.cursor() as cursor:
            cursor.execute(self.sql, self.params)
            fetched = cursor.fetchall()
        rows = []
        for values in fetched:
            if self.converters:
                values = list(values)
                for position, (converters, column) in self.converters:
                    for convert in converters:
                        values[position] = convert(values[position], column, connection)
            rows.append(dict(zip(self.names, values, strict=True)))
        return rows


_compiled: OrderedDict[tuple, CompiledValues] = OrderedDict()
_lock = threading.Lock()


def values_rows(key: tuple, build: Callable[[], QuerySet]) -> list[dict]:
    """The rows of ``build()``, compiled once per ``key`` and database."""
    key = (connections["default"].vendor, *key)
    with _lock:
        compiled = _compiled.get(key)
        if compiled is not None:
            _compiled.move_to_end(key)
    if compiled is None:
        compiled = CompiledValues(build())
        with _lock:
            _compiled[key] = compiled
            while len(_compiled) > MAX_KEYS:
                _compiled.popitem(last=False)
    return compiled.rows()


def forget_compiled() -> None:
    """Drop every compiled query (tests that change the schema or the database use it)."""
    with _lock:
        _compiled.clear()

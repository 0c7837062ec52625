"""django-tables2 asks ``inspect.signature`` for each cell's render function on every cell:
50 rows of 8 columns is 400 signature inspections per register page, about a sixth of its
time. A function's signature does not change, so it is worked out once per function."""

import django_tables2.utils
from django.utils.html import format_html, format_html_join
from django_tables2.utils import Accessor, call_with_appropriate

_signature = django_tables2.utils.signature
_known: dict = {}


def signature(fn):
    # A bound method's signature leaves out ``self``: key on the function and on being bound,
    # not on the bound method, which is a new object for each table.
    key = (getattr(fn, "__func__", fn), hasattr(fn, "__self__"))
    try:
        return _known[key]
    except KeyError:
        result = _known[key] = _signature(fn)
        return result
    except TypeError:  # an unhashable callable: work it out each time
        return _signature(fn)


def install() -> None:
    """``call_with_appropriate`` looks ``signature`` up in its module at each call."""
    django_tables2.utils.signature = signature


class RenderedRowsMixin:
    """A table whose body rows are rendered to HTML in Python, one ``format_html`` per row.

    django-tables2 renders each cell through its generic path (accessor display lookups,
    keyword matching, a template loop per cell), most of the register's time for 50 rows of
    9 cells. The cells here are what that path gives for columns that are plain values or a
    ``render_<column>`` method; a table with linked columns keeps the generic path (the
    test compares both)."""

    renders_rows_itself = True

    def rendered_rows(self):
        columns = list(self.columns)
        if any(bound.link for bound in columns):
            raise TypeError("rendered_rows does not render linked columns")
        plan = [
            (
                bound,
                Accessor(bound.accessor),
                getattr(self, f"render_{bound.name}", None),
                bound.column.empty_values,
                bound.default,
            )
            for bound in columns
        ]
        for row in self.paginated_rows:
            record = row.record
            cells = []
            for bound, accessor, render, empty, default in plan:
                value = accessor.resolve(record, quiet=True)
                if value in empty:
                    cell = default
                elif render is None:
                    cell = bound.column.render(value=value)
                else:
                    cell = call_with_appropriate(
                        render,
                        {
                            "value": value,
                            "record": record,
                            "column": bound.column,
                            "bound_column": bound,
                            "bound_row": row,
                            "table": self,
                        },
                    )
                cells.append((bound.name, bound.header, cell))
            yield format_html(
                '<tr class="govuk-table__row">{}</tr>',
                format_html_join(
                    "",
                    '<td class="govuk-table__cell app-table__cell--{}" data-label="{}">{}</td>',
                    cells,
                ),
            )

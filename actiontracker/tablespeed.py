"""django-tables2 asks ``inspect.signature`` for each cell's render function on every cell:
50 rows of 8 columns is 400 signature inspections per register page, about a sixth of its
time. A function's signature does not change, so it is worked out once per function."""

import django_tables2.utils

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

"""Every history record an import writes says which import did it.

Inside ``import_history(reason, user)``, each historical record django-simple-history makes
(of an action, a meeting, a letter...) gets ``reason`` as its change reason ("Imported from
paper.pdf (import #12)") and, when given, ``user`` as who made it (the browser's user is
set by HistoryRequestMiddleware already; the command line has none).
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.dispatch import receiver
from simple_history.signals import pre_create_historical_record

_current: ContextVar[tuple[str, object] | None] = ContextVar("import_history", default=None)
REASON_LENGTH = 100  # the history tables' change reason column


@contextmanager
def import_history(reason: str, user=None):
    if not reason and user is None:
        yield
        return
    token = _current.set((reason[:REASON_LENGTH], user))
    try:
        yield
    finally:
        _current.reset(token)


def current_import() -> tuple[str, object]:
    """(change reason, user) of the import under way, ("", None) outside one: for history
    records written in bulk, which django-simple-history makes without its signal."""
    return _current.get() or ("", None)


@receiver(pre_create_historical_record, dispatch_uid="import-history-reason")
def _name_the_import(sender, history_instance, **kwargs):
    current = _current.get()
    if current is None:
        return
    reason, user = current
    if not history_instance.history_change_reason:
        history_instance.history_change_reason = reason
    if user is not None and history_instance.history_user_id is None:
        history_instance.history_user = user

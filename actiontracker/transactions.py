"""Views that only read run outside the request's transaction: PDFs and exports, which
take long, and the most-read pages (dashboard, register, action page).

Every request runs in one transaction (``ATOMIC_REQUESTS``), so that a write is saved whole
or not at all. On SQLite that transaction holds the database's write lock for as long as the
request runs (``transaction_mode`` IMMEDIATE), so a second of PDF rendering would hold up
every other user's request, and each page read would wait for the one before. These views
write nothing of their own (a background job they queue is created in its own
transaction), so they opt out.
"""

from django.db import transaction


class OutsideRequestTransactionMixin:
    """For class-based views that only read: not wrapped in the request's transaction."""

    @classmethod
    def as_view(cls, **initkwargs):
        return transaction.non_atomic_requests(super().as_view(**initkwargs))

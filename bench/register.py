"""How the action register grows: its pages at two sizes (1,000 and 100,000 actions).

Usage: .venv/bin/python bench/register.py [--sizes 1000,100000] [--passes N]

Each size has its own temporary SQLite database (and PostgreSQL database, created next to
the one named, when DATABASE_URL is set) served by its own process; the two are timed turn
about, so both see the same load. Prints per page the median at each size, the growth
ratio, the ratio to /healthz and the query counts. It asserts nothing: read, not run by
the test suite.
"""

import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def seed(total: int) -> None:
    from actions.models import Action, ResponsiblePerson
    from meetings.models import AgendaItem, Committee, Meeting, Organisation

    committee = Committee.objects.create(name="Police and Crime Committee")
    organisations = Organisation.objects.bulk_create(
        Organisation(name=f"Organisation {n}", short_name=f"ORG{n}") for n in range(10)
    )
    people = ResponsiblePerson.objects.bulk_create(
        ResponsiblePerson(name=f"Post holder {n}", organisation=organisations[n % 10])
        for n in range(60)
    )
    meeting_count = max(total // 50, 1)
    meetings = Meeting.objects.bulk_create(
        Meeting(committee=committee, date=dt.date(2015, 1, 7) + dt.timedelta(days=14 * n))
        for n in range(meeting_count)
    )
    items = AgendaItem.objects.bulk_create(
        AgendaItem(meeting=m, number=str(k + 4), title=f"Item {k} on policing", position=k)
        for m in meetings
        for k in range(5)
    )
    statuses = [Action.Status.ONGOING, Action.Status.COMPLETED, Action.Status.CLOSED]
    actions = []
    for n in range(total):
        status = statuses[n % 3]
        item = items[n % len(items)]
        actions.append(
            Action(
                agenda_item=item,
                # bulk_create skips Action.save, which copies these from the meeting.
                committee_id=item.meeting.committee_id,
                meeting_date=item.meeting.date,
                responsible_person=people[n % len(people)],
                intro=f"The Deputy Commissioner agreed to provide the figures for request {n}.",
                requested_items=[f"the figures for borough {k}" for k in range(n % 4)],
                status=status,
                status_note="Followed-up on 4 May 2023." if n % 2 else "",
                finished_on=None if status == Action.Status.ONGOING else item.meeting.date,
                last_chased_on=dt.date(2023, 5, 4) if n % 2 else None,
                position=n,
            )
        )
    Action.objects.bulk_create(actions, batch_size=1000)


PAGES = [
    ("register, first page", "/actions/"),
    ("register, filtered", "/actions/?status=ongoing&q=figures&not_chased_days=30"),
    ("register, one committee, ongoing", "/actions/?committee={committee}&status=ongoing"),
    ("register, page 20", "/actions/?page=20"),
    ("register, sorted by person, page 20", "/actions/?sort=-responsible_person&page=20"),
    ("register, sorted by status, page 20", "/actions/?sort=status&page=20"),
    ("action page", "{action}"),
    ("trivial view /healthz", "/healthz"),
]


def child(size: int) -> None:
    """One size in its own database: seed it, then time passes as the parent asks."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actiontracker.settings")
    os.environ["SQLITE_PATH"] = os.environ.get("SQLITE_PATH", "").format(size=size)
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from actions.models import Action
    from actiontracker import roles
    from bench.common import serve_passes
    from meetings.models import Committee
    from tests.factories import UserFactory

    setup_test_environment()
    settings.DEBUG = False  # no query log slowing every request down
    postgres = connection.vendor == "postgresql"
    if postgres:
        connection.settings_dict["TEST"]["NAME"] = f"bench_register_{size}"
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    try:
        started = time.perf_counter()
        seed(size)
        print(f"{size:,} actions seeded in {time.perf_counter() - started:.1f} s", flush=True)
        client = Client()
        client.force_login(UserFactory(username="bench-officer", role=roles.OFFICERS))
        values = {
            "committee": Committee.objects.get().slug,
            "action": Action.objects.order_by("pk")[size // 2].get_absolute_url(),
        }
        serve_passes([(label, url.format(**values)) for label, url in PAGES], client)
    finally:
        if postgres:
            connection.creation.destroy_test_db(f"bench_register_{size}", verbosity=0)


def main() -> None:
    from bench.common import two_size_main

    two_size_main(
        __file__, child, doc=__doc__, default_sizes="1000,100000", passes=9, unit="actions"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()

"""How the daily chase queue grows: `chases_due` (the queue the Chases due page shows and
`send_chases` and the worker send from) at two sizes (1,000 and 10,000 actions).

Usage: .venv/bin/python bench/chase_queue.py [--sizes 1000,10000] [--passes N]

Each size has its own temporary SQLite database (and PostgreSQL database, created next to
the one named, when DATABASE_URL is set), seeded by seed_volume (meetings, actions, their
chases by letter) with a contact for every organisation and three chases by e-mail since
the last letter on every fourth action, so the queue holds chases and letters alike. The
two are timed turn about. Prints the median time to compute the day's queue at each size,
the growth ratio and the query counts, which must be equal. It asserts nothing.
"""

import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABEL = "daily chase queue"


def seed(total: int) -> None:
    from actions.models import Action, FollowUp
    from meetings.models import Contact, Organisation
    from papers.management.commands.seed_volume import DEFAULT_COMMITTEE, seed_volume

    seed_volume(actions=total, committee_slug=DEFAULT_COMMITTEE)
    Contact.objects.bulk_create(
        Contact(organisation=org, name=f"{org.label} contact", email=f"chase{org.pk}@example.org")
        for org in Organisation.objects.filter(contact__isnull=True)
    )
    today = dt.date.today()
    chased = []
    for n, action in enumerate(Action.objects.outstanding().order_by("pk").only("pk")):
        if n % 4 == 0:
            chased += [
                FollowUp(action=action, date=today - dt.timedelta(days=days), method="email")
                for days in (3, 2, 1)
            ]
    FollowUp.objects.bulk_create(chased, batch_size=2000)


def time_queue(day: dt.date) -> tuple[float, int, tuple[int, int, int]]:
    from django.db import connection

    from actions.chasing import chases_due

    queries = []

    def count(execute, sql, *args):
        queries.append(sql)
        return execute(sql, *args)

    with connection.execute_wrapper(count):
        start = time.perf_counter()
        queue = chases_due(day)
        elapsed = time.perf_counter() - start
    shape = (
        len(queue),
        sum(len(c.actions) for c in queue),
        sum(len(c.letter_actions) for c in queue),
    )
    return elapsed * 1000, len(queries), shape


def time_healthz(client) -> tuple[float, int]:
    start = time.perf_counter()
    assert client.get("/healthz").status_code == 200
    return (time.perf_counter() - start) * 1000, 0


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

    setup_test_environment()
    settings.DEBUG = False
    postgres = connection.vendor == "postgresql"
    if postgres:
        connection.settings_dict["TEST"]["NAME"] = f"bench_chase_queue_{size}"
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    try:
        started = time.perf_counter()
        seed(size)
        print(f"{size:,} actions seeded in {time.perf_counter() - started:.1f} s", flush=True)
        day = dt.date.today()
        client = Client()
        for _ in range(2):  # warm caches and connections
            _ms, _queries, shape = time_queue(day)
            time_healthz(client)
        print(
            f"{size:,} actions: {shape[0]} organisations due a chase, {shape[1]} actions by "
            f"e-mail, {shape[2]} by a letter from the Chair",
            flush=True,
        )
        print("READY", flush=True)
        for line in sys.stdin:
            if line.strip() != "go":
                break
            ms, queries, _shape = time_queue(day)
            result = {LABEL: [ms, queries], "trivial view /healthz": time_healthz(client)}
            print("PASS " + json.dumps(result), flush=True)
    finally:
        if postgres:
            connection.creation.destroy_test_db(f"bench_chase_queue_{size}", verbosity=0)


def main() -> None:
    from bench.common import two_size_main

    two_size_main(
        __file__, child, doc=__doc__, default_sizes="1000,10000", passes=9, unit="actions"
    )


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()

"""Median response time of the action register at 10,000 actions, against /healthz.

Usage: .venv/bin/python bench/register.py [--actions N] [--requests N]

Runs on a temporary SQLite database, and also on a temporary PostgreSQL database
(created next to the one named) when DATABASE_URL is set. Prints the figures; it
asserts nothing, so it is read, not run by the test suite.
"""

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

URLS = [
    ("register, first page", "/actions/"),
    ("register, filtered", "/actions/?status=ongoing&q=figures&not_chased_days=30"),
    ("register, sorted, page 40", "/actions/?sort=-responsible_person&page=40"),
    ("action page", None),  # filled with a real action's URL
    ("trivial view /healthz", "/healthz"),
]


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


def measure(requests: int, total: int) -> None:
    """Runs inside the child process, with the database chosen by the environment."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actiontracker.settings")
    sys.path.insert(0, str(ROOT))
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from actions.models import Action
    from actiontracker import roles
    from tests.factories import UserFactory

    setup_test_environment()
    settings.DEBUG = False  # no query log slowing every request down
    postgres = connection.vendor == "postgresql"
    if postgres:
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    try:
        started = time.perf_counter()
        seed(total)
        print(
            f"  seeded {Action.objects.count():,} actions in {time.perf_counter() - started:.1f} s"
        )
        user = UserFactory(username="bench-officer", role=roles.OFFICERS)
        client = Client()
        client.force_login(user)
        action_url = Action.objects.order_by("pk")[total // 2].get_absolute_url()
        medians = {}
        for label, url in URLS:
            url = url or action_url
            for _ in range(3):  # warm caches and connections
                assert client.get(url).status_code == 200, url
            times = []
            for _ in range(requests):
                start = time.perf_counter()
                response = client.get(url)
                times.append(time.perf_counter() - start)
                assert response.status_code == 200
            medians[label] = statistics.median(times)
        trivial = medians["trivial view /healthz"]
        print(f"  {'view':<28} {'median ms':>10} {'x healthz':>10}")
        for label, median in medians.items():
            print(f"  {label:<28} {median * 1000:>10.1f} {median / trivial:>10.1f}")
    finally:
        if postgres:
            connection.creation.destroy_test_db(settings.DATABASES["default"]["NAME"], verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        measure(args.requests, args.actions)
        return
    runs = []
    with tempfile.TemporaryDirectory(prefix="bench-register-") as folder:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["SQLITE_PATH"] = str(Path(folder) / "bench.sqlite3")
        runs.append(("SQLite (temporary file)", env))
        if os.environ.get("DATABASE_URL"):
            runs.append(("PostgreSQL (temporary database)", dict(os.environ)))
        for name, env in runs:
            print(f"{name}: {args.actions:,} actions, {args.requests} requests per view")
            env["DJANGO_SETTINGS_MODULE"] = "actiontracker.settings"
            env.pop("DEBUG", None)
            command = [sys.executable, __file__, "--child"]
            command += ["--actions", str(args.actions), "--requests", str(args.requests)]
            subprocess.run(command, env=env, cwd=ROOT, check=True)


if __name__ == "__main__":
    main()

"""How the registers grow: letters, complaints, disclosures and reports at two sizes
(500 and 50,000 letters, as many complaints and disclosures, a fifth as many reports).

Usage: .venv/bin/python bench/registers.py [--sizes 500,50000] [--passes N]

Each size has its own temporary SQLite database (and PostgreSQL database, created next to
the one named, when DATABASE_URL is set) served by its own process; the two are timed turn
about, so both see the same load. Prints per page the median at each size, the growth
ratio, the ratio to /healthz and the query counts. The CSV export of every letter grows
with the letters by nature; it is listed to show what it costs.
"""

import datetime as dt
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

PAGES = [
    ("letters, first page", "/correspondence/"),
    ("letters, sent", "/correspondence/?direction=sent"),
    ("letters, overdue and searched", "/correspondence/?overdue=on&q=stop+search"),
    ("letters, page 10", "/correspondence/?page=10"),
    ("letters, sorted by reference, page 10", "/correspondence/?sort=reference&page=10"),
    ("overdue replies list", "/correspondence/overdue/"),
    ("complaints, first page", "/complaints/"),
    ("complaints, pending", "/complaints/?decision=pending"),
    ("complaints, page 10", "/complaints/?page=10"),
    ("disclosures, first page", "/disclosures/"),
    ("disclosures, late", "/disclosures/?late=on"),
    ("disclosures, page 10", "/disclosures/?page=10"),
    ("reports, first page", "/reports/"),
    ("reports, awaiting a response", "/reports/?awaiting=on"),
    ("reports, page 2", "/reports/?page=2"),
    ("letters CSV, every letter", "/correspondence/export.csv"),
    ("trivial view /healthz", "/healthz"),
]


def seed(size: int) -> None:
    from correspondence.models import (
        CommitteeReport,
        Complaint,
        Correspondence,
        Recommendation,
        TransparencyDisclosure,
    )
    from meetings.models import Committee, Organisation

    committee = Committee.objects.create(name="Police and Crime Committee")
    mopac = Organisation.objects.create(name="Mayor's Office for Policing and Crime")
    start = dt.date(2018, 1, 1)
    letters = Correspondence.objects.bulk_create(
        (
            Correspondence(
                committee=committee,
                direction="sent" if n % 3 else "received",
                date=start + dt.timedelta(days=n % 2000),
                sender="Chairman of the Police and Crime Committee",
                recipient=f"Deputy Commissioner {n}",
                subject=f"Letter number {n} about stop and search",
                reference=f"PCC-{n:05d}",
                reply_due=start + dt.timedelta(days=n % 2000 + 28) if n % 3 else None,
            )
            for n in range(size)
        ),
        batch_size=2000,
    )
    # Every other sent letter has a reply among the received ones.
    replies = [letter for letter in letters if letter.direction == "received"]
    asked = [letter for letter in letters if letter.direction == "sent"][::2]
    for reply, letter in zip(replies, asked, strict=False):
        reply.in_reply_to = letter
    Correspondence.objects.bulk_update(replies, ["in_reply_to"], batch_size=2000)
    decisions = [choice for choice, _label in Complaint.Decision.choices]
    Complaint.objects.bulk_create(
        (
            Complaint(
                committee=committee,
                received_on=start + dt.timedelta(days=n % 2000),
                concerning=f"Complaint {n} about the Deputy Mayor",
                public_summary="A complaint about a decision on local policing.",
                decision=decisions[n % len(decisions)],
            )
            for n in range(size)
        ),
        batch_size=2000,
    )
    TransparencyDisclosure.objects.bulk_create(
        (
            TransparencyDisclosure(
                committee=committee,
                member=f"Member {n % 25}",
                contact_date=start + dt.timedelta(days=n % 1500),
                with_whom="Borough Commander, MPS",
                details="A meeting about local policing.",
                disclosed_on=start + dt.timedelta(days=n % 1500 + n % 45),
            )
            for n in range(size)
        ),
        batch_size=2000,
    )
    reports = CommitteeReport.objects.bulk_create(
        (
            CommitteeReport(
                committee=committee,
                title=f"Report {n} on neighbourhood policing",
                agreed_on=start + dt.timedelta(days=n % 2000),
                addressed_to=mopac,
            )
            for n in range(size // 5)
        ),
        batch_size=2000,
    )
    outcomes = [choice for choice, _label in Recommendation.Outcome.choices]
    Recommendation.objects.bulk_create(
        (
            Recommendation(
                report=report, number=k + 1, text="MOPAC should...", outcome=outcomes[(n + k) % 4]
            )
            for n, report in enumerate(reports)
            for k in range(3)
        ),
        batch_size=2000,
    )


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

    from actiontracker import roles
    from bench.common import serve_passes
    from tests.factories import UserFactory

    setup_test_environment()
    settings.DEBUG = False  # no query log slowing every request down
    postgres = connection.vendor == "postgresql"
    if postgres:
        connection.settings_dict["TEST"]["NAME"] = f"bench_registers_{size}"
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    try:
        started = time.perf_counter()
        seed(size)
        print(f"{size:,} letters seeded in {time.perf_counter() - started:.1f} s", flush=True)
        from django.contrib.auth.models import Group

        client = Client()
        # An officer who is also the Monitoring Officer reads every register.
        user = UserFactory(username="bench-officer", role=roles.OFFICERS)
        user.groups.add(Group.objects.get(name=roles.MONITORING))
        client.force_login(user)
        serve_passes(PAGES, client)
    finally:
        if postgres:
            connection.creation.destroy_test_db(f"bench_registers_{size}", verbosity=0)


def main() -> None:
    from bench.common import two_size_main

    two_size_main(__file__, child, doc=__doc__, default_sizes="500,50000", passes=7, unit="letters")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()

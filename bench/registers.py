"""Times the registers at volume: list pages, CSV exports, and the Annex A and response PDFs.

Run from the project root: ``.venv/bin/python bench/registers.py [--letters N]``. It builds a
throwaway test database, fills it, and prints one line per measurement (median of 5 runs).
"""

import argparse
import datetime as dt
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actiontracker.settings.test")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402


def measure(label: str, func, runs: int = 5) -> None:
    timings = []
    queries = []
    # Counted with a wrapper: the query log is reset at the start of every request.
    with connection.execute_wrapper(
        lambda execute, sql, *a: queries.append(sql) or execute(sql, *a)
    ):
        func()
    for _ in range(runs):
        start = time.perf_counter()
        func()
        timings.append(time.perf_counter() - start)
    median = statistics.median(timings) * 1000
    print(f"{label:<48} {median:8.1f} ms  {len(queries):3d} queries")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--letters", type=int, default=5000)
    parser.add_argument("--disclosures", type=int, default=2000)
    args = parser.parse_args()

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0)
    try:
        run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def run(args) -> None:
    from actiontracker import roles
    from actiontracker.pdf import html_to_pdf
    from correspondence.models import Correspondence, TransparencyDisclosure
    from papers.annex import annex_html
    from papers.response import response_html
    from tests.factories import CommitteeFactory, UserFactory
    from tests.seed_letter_002 import create_seed_002
    from tests.seed_report_003 import create_seed_003

    committee = CommitteeFactory()
    start = dt.date(2018, 1, 1)
    Correspondence.objects.bulk_create(
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
        for n in range(args.letters)
    )
    TransparencyDisclosure.objects.bulk_create(
        TransparencyDisclosure(
            committee=committee,
            member=f"Member {n % 25}",
            contact_date=start + dt.timedelta(days=n % 1500),
            with_whom="Borough Commander, MPS",
            details="A meeting about local policing.",
            disclosed_on=start + dt.timedelta(days=n % 1500 + n % 45),
        )
        for n in range(args.disclosures)
    )
    board_meeting = create_seed_002()
    report = create_seed_003()

    client = Client()
    client.force_login(UserFactory(username="bench-officer", role=roles.OFFICERS))
    print(f"{args.letters} letters, {args.disclosures} disclosures")
    measure("correspondence register, first page", lambda: client.get("/correspondence/"))
    measure(
        "correspondence register, overdue filter",
        lambda: client.get("/correspondence/?overdue=on&q=stop+search"),
    )
    measure("correspondence CSV, all letters", lambda: client.get("/correspondence/export.csv"))
    measure("overdue replies list", lambda: client.get("/correspondence/overdue/"))
    measure("disclosures register, late filter", lambda: client.get("/disclosures/?late=on"))
    measure("disclosures CSV", lambda: client.get("/disclosures/export.csv"))
    measure("Annex A PDF (seed 002)", lambda: html_to_pdf(annex_html(board_meeting)), runs=3)
    measure(
        "response paper PDF (seed 003)",
        lambda: html_to_pdf(response_html(report.response_meeting)),
        runs=3,
    )


if __name__ == "__main__":
    main()

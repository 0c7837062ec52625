"""The open record at two sizes (100 and 10,000 actions): the JSON API's list endpoints,
the CSV downloads and the public pages, against a trivial view.

Usage: .venv/bin/python bench/open_api.py [--sizes 100,10000] [--passes N]

Each size has its own temporary SQLite database (and PostgreSQL database, created next to
the one named, when DATABASE_URL is set), seeded by ``seed_volume`` with two published
papers listing the actions, and served by its own process to an anonymous client; the
two are timed turn about, so both see the same load. Prints per page the median at each
size, the growth ratio, the ratio to /healthz and the query counts at both sizes, which
must be equal. It asserts nothing: read, not run by the test suite.
"""

import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "police-and-crime-committee"
API = f"/api/v1/committees/{SLUG}"

PAGES = [
    ("API: committees", "/api/v1/committees"),
    ("API: committee", API),
    ("API: meetings", f"{API}/meetings"),
    ("API: papers", f"{API}/papers"),
    ("API: paper", f"{API}/papers/{{paper}}"),
    ("API: a paper's actions, page 2", f"{API}/papers/{{paper}}/actions?offset=100"),
    ("API: actions", f"{API}/actions"),
    ("API: actions, searched", f"{API}/actions?q=figures&status=ongoing"),
    ("API: organisations", f"{API}/organisations"),
    ("API: people", f"{API}/people"),
    ("CSV: actions", f"/open/{SLUG}/actions.csv"),
    ("CSV: meetings", f"/open/{SLUG}/meetings.csv"),
    ("page: open record", "/open/"),
    ("page: committee", f"/open/{SLUG}/"),
    ("page: paper", f"/open/{SLUG}/papers/{{paper}}/"),
    ("page: meeting", f"/open/{SLUG}/meetings/{{meeting}}/"),
    ("calendar (iCalendar)", f"/open/{SLUG}/meetings.ics"),
    ("feed (Atom)", f"/open/{SLUG}/papers.atom"),
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

    from bench.common import serve_passes
    from tests.publicrecord.volume import seed_open_record

    setup_test_environment()
    settings.DEBUG = False  # no query log slowing every request down
    postgres = connection.vendor == "postgresql"
    if postgres:
        connection.settings_dict["TEST"]["NAME"] = f"bench_open_api_{size}"
        connection.creation.create_test_db(verbosity=0, autoclobber=True)
    else:
        call_command("migrate", verbosity=0)
    try:
        started = time.perf_counter()
        seeded = seed_open_record(actions=size, slug=SLUG)
        print(f"{size:,} actions seeded in {time.perf_counter() - started:.1f} s", flush=True)
        values = {"paper": seeded["papers"][0].pk, "meeting": seeded["meeting"].isoformat()}
        pages = [(label, url.format(**values)) for label, url in PAGES]
        serve_passes(pages, Client())
    finally:
        if postgres:
            connection.creation.destroy_test_db(f"bench_open_api_{size}", verbosity=0)


def main() -> None:
    from bench.common import two_size_main

    two_size_main(__file__, child, doc=__doc__, default_sizes="100,10000", passes=7, unit="actions")


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    main()

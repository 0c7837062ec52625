"""Dashboard response time against a trivial view, at growing volumes.

    .venv/bin/python bench/dashboard.py [--sizes 100,10000,100000] [--database-url URL]

For each size it builds a fresh database (a temporary SQLite file; and, given a PostgreSQL
URL, a fresh database on that server, dropped afterwards), migrates it, fills it with
``seed_volume``, then times GET /dashboard/ (signed in as a member) and GET /healthz through
Django's request handler in the same process (no network in either figure), interleaved,
and prints both medians and their ratio. Nothing is cached between requests: every
dashboard request runs its queries. Planner statistics are gathered after seeding.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
COMMITTEE = "police-and-crime-committee"
TARGETS = {10_000: 5, 100_000: 15}


def worker(size: int, repeat: int) -> dict:
    """Run inside a child process whose environment selects the database."""
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actiontracker.settings")
    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from actiontracker import roles

    call_command("migrate", verbosity=0)
    call_command("createcachetable", verbosity=0)
    started = time.monotonic()
    call_command("seed_volume", actions=size, stdout=open(os.devnull, "w"))  # noqa: SIM115
    seeded = time.monotonic() - started
    # Planner statistics, as a maintained database has them (autovacuum on PostgreSQL,
    # ANALYZE / PRAGMA optimize on SQLite); without them SQLite's plans are guesses.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    roles.ensure_role_groups()
    user = get_user_model().objects.create_user("bench-member")
    user.groups.add(Group.objects.get(name=roles.MEMBERS))
    client = Client()
    client.force_login(user)

    url = f"/dashboard/?committee={COMMITTEE}"
    queries = []
    with connection.execute_wrapper(lambda execute, *args: queries.append(1) or execute(*args)):
        assert client.get(url).status_code == 200
    for _ in range(3):  # warm up both paths
        client.get(url)
        client.get("/healthz")
    dashboard, trivial = [], []
    for _ in range(repeat):
        started = time.perf_counter()
        response = client.get(url)
        dashboard.append(time.perf_counter() - started)
        assert response.status_code == 200
        for _ in range(3):
            started = time.perf_counter()
            client.get("/healthz")
            trivial.append(time.perf_counter() - started)
    return {
        "vendor": connection.vendor,
        "size": size,
        "seed_seconds": seeded,
        "queries": len(queries),
        "dashboard_ms": statistics.median(dashboard) * 1000,
        "trivial_ms": statistics.median(trivial) * 1000,
    }


def run(size: int, repeat: int, env: dict) -> dict:
    result = subprocess.run(
        [sys.executable, __file__, "--worker", str(size), "--repeat", str(repeat)],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        sys.exit(f"size {size} failed:\n{result.stderr}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def sqlite_run(size: int, repeat: int) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-dashboard-") as folder:
        env = {"SQLITE_PATH": str(Path(folder) / "db.sqlite3"), "DATABASE_URL": ""}
        return run(size, repeat, env)


def postgres_run(size: int, repeat: int, url: str) -> dict:
    import psycopg

    parts = urlsplit(url)
    name = f"bench_dashboard_{size}_{os.getpid()}"
    admin = psycopg.connect(_libpq(url), autocommit=True)
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        fresh = urlunsplit(parts._replace(path=f"/{name}"))
        return run(size, repeat, {"DATABASE_URL": fresh})
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def _libpq(url: str) -> str:
    # psycopg takes the same URL; dj-database-url's "postgres://" scheme is libpq's too.
    return url.replace("postgres://", "postgresql://", 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,10000,100000")
    parser.add_argument("--database-url", default="", help="PostgreSQL server to measure too")
    parser.add_argument("--repeat", type=int, default=15, help="dashboard requests per size")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        print(json.dumps(worker(args.worker, args.repeat)))
        return

    sizes = [int(size) for size in args.sizes.split(",")]
    backends = [("SQLite", lambda size: sqlite_run(size, args.repeat))]
    if args.database_url:
        backends.append(
            ("PostgreSQL", lambda size: postgres_run(size, args.repeat, args.database_url))
        )
    header = (
        f"{'database':<11}{'actions':>9}{'seed s':>8}{'queries':>8}"
        f"{'dashboard ms':>14}{'healthz ms':>12}{'ratio':>8}  target"
    )
    print(header)
    print("-" * len(header))
    for label, measure in backends:
        for size in sizes:
            r = measure(size)
            ratio = r["dashboard_ms"] / r["trivial_ms"]
            target = TARGETS.get(size)
            verdict = f"<= {target}x {'met' if ratio <= target else 'NOT met'}" if target else ""
            print(
                f"{label:<11}{size:>9}{r['seed_seconds']:>8.1f}{r['queries']:>8}"
                f"{r['dashboard_ms']:>14.1f}{r['trivial_ms']:>12.2f}{ratio:>8.1f}  {verdict}",
                flush=True,
            )


if __name__ == "__main__":
    main()

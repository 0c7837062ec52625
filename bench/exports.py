"""Time and memory of the action register's exports, at volume.

Usage: .venv/bin/python bench/exports.py [--rows 10000] [--memory-rows 1000,100000]
       [--formats csv,xlsx] [--memory-formats csv,xlsx] [--repeat 3]

Seeds actions with ``seed_volume`` into temporary SQLite databases (one per size), then
downloads ``/actions/export.csv`` and ``/actions/export.xlsx`` as a signed-in officer, each
format and size in a fresh process, reading the response as a browser would (chunk by
chunk when it streams). Prints, from one run: CSV and XLSX time at ``--rows`` and their
ratio, and the growth of the process's peak resident memory (``ru_maxrss`` against the
resident size just before) during one export at each ``--memory-rows``.
Asserts nothing: it is read, not run by the test suite.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def child_setup(db: Path):
    os.environ["SQLITE_PATH"] = str(db)
    os.environ.pop("DATABASE_URL", None)
    os.environ["DJANGO_SETTINGS_MODULE"] = "actiontracker.settings"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def seed(db: Path, actions: int) -> None:
    child_setup(db)
    from django.core.management import call_command

    from actiontracker import roles
    from tests.factories import UserFactory

    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    call_command("seed_volume", actions=actions, verbosity=0)
    UserFactory(username="bench-officer", role=roles.OFFICERS)
    print(f"  seeded {actions:,} actions in {time.perf_counter() - started:.1f} s", flush=True)


def current_rss_kb() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def download(client, url: str, query: dict) -> tuple[int, bool]:
    response = client.get(url, query)
    assert response.status_code == 200, response.status_code
    if response.streaming:
        size = 0
        for chunk in response.streaming_content:
            size += len(chunk)
        return size, True
    return len(response.content), False


def measure(db: Path, fmt: str, repeat: int) -> None:
    child_setup(db)
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    from actions.models import Action

    setup_test_environment()
    settings.DEBUG = False
    client = Client()
    client.force_login(get_user_model().objects.get(username="bench-officer"))
    url = f"/actions/export.{fmt}"
    # Warm up imports, templates and the connection on an export of no rows.
    download(client, url, {"q": "no action says this"})
    rows = Action.objects.count()
    queries = []
    before = current_rss_kb()
    times = []
    for _ in range(repeat):
        queries.clear()
        started = time.perf_counter()
        with connection.execute_wrapper(lambda run, sql, *a: queries.append(sql) or run(sql, *a)):
            size, streamed = download(client, url, {})
        times.append(time.perf_counter() - started)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kB on Linux
    result = {
        "format": fmt,
        "rows": rows,
        "seconds": statistics.median(times),
        "bytes": size,
        "streamed": streamed,
        "queries": len(queries),
        "rss_growth_mb": max(0, peak - before) / 1024,
    }
    print(json.dumps(result), flush=True)


def run_child(*args: str) -> dict | None:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "DEBUG")}
    result = subprocess.run(
        [sys.executable, __file__, *args], env=env, cwd=ROOT, capture_output=True, text=True
    )
    if result.returncode:
        sys.exit(f"{' '.join(args)} failed:\n{result.stderr}")
    output = result.stdout
    lines = [line for line in output.splitlines() if line.startswith("{")]
    for line in output.splitlines():
        if not line.startswith("{"):
            print(line)
    return json.loads(lines[-1]) if lines else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--memory-rows", default="1000,100000")
    parser.add_argument("--formats", default="csv,xlsx")
    parser.add_argument("--memory-formats", default="csv,xlsx")
    parser.add_argument("--repeat", type=int, default=3, help="downloads timed (median)")
    parser.add_argument("--seed", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--measure", help=argparse.SUPPRESS)
    parser.add_argument("--db", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.seed is not None:
        seed(args.db, args.seed)
        return
    if args.measure:
        measure(args.db, args.measure, args.repeat)
        return

    memory_rows = [int(n) for n in args.memory_rows.split(",") if n]
    formats = [f for f in args.formats.split(",") if f]
    memory_formats = [f for f in args.memory_formats.split(",") if f]
    with tempfile.TemporaryDirectory(prefix="bench-exports-") as folder:
        dbs = {}
        for size in sorted({args.rows, *memory_rows}):
            dbs[size] = Path(folder) / f"actions-{size}.sqlite3"
            run_child("--seed", str(size), "--db", str(dbs[size]))

        print(f"\nTime at {args.rows:,} actions (median of {args.repeat} downloads):")
        timed = {}
        for fmt in formats:
            result = run_child(
                "--measure", fmt, "--db", str(dbs[args.rows]), "--repeat", str(args.repeat)
            )
            timed[fmt] = result
            print(
                f"  {fmt:<5} {result['seconds']:8.2f} s  {result['bytes'] / 1e6:7.1f} MB  "
                f"{result['queries']:3d} queries  streamed: {result['streamed']}"
            )
        if "csv" in timed and "xlsx" in timed:
            ratio = timed["xlsx"]["seconds"] / timed["csv"]["seconds"]
            print(f"  XLSX / CSV time: {ratio:.2f}x")

        print("\nPeak resident memory growth during the export:")
        for fmt in memory_formats:
            line = []
            for size in memory_rows:
                result = run_child("--measure", fmt, "--db", str(dbs[size]), "--repeat", "1")
                line.append(
                    f"{size:>7,} rows {result['rss_growth_mb']:7.1f} MB "
                    f"({result['seconds']:.1f} s, {result['queries']} queries)"
                )
            print(f"  {fmt:<5} " + "   ".join(line))


if __name__ == "__main__":
    main()

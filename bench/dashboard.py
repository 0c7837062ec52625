"""Dashboard response time against a trivial view, at growing volumes.

    .venv/bin/python bench/dashboard.py [--sizes 100,10000,100000] [--database-url URL]

For each size it builds a fresh database (a temporary SQLite file; and a fresh PostgreSQL
database, dropped afterwards, on a throwaway cluster the script starts and stops itself, or on
the server given by --database-url; --no-postgres skips it), migrates it, fills it with
``seed_volume``, then times, signed in as a member, GET /dashboard/ against two trivial views
through Django's request handler in the same process (no network in any figure),
interleaved, and prints the medians and the ratios. Then, per database, the dashboard's
median at each size against the smallest (the target: at most 1.6 times at 100,000 actions
what it is at 100) and its query counts.

Two dashboard figures are timed:

- "dashboard": the page read again, as members read it between writes. Its counted rows
  come from the cache (``actions.dashboard.results``), keyed on the data version.
- "after write": the page read just after a write to an action (one ``UPDATE`` that changes
  no figure but, like any write, the data version), so every count runs again.

Against them:

- a trivial page: a view added for the run that checks the same role as the dashboard and
  renders the site's layout (``base.html``) with a heading and nothing else, so it pays the
  same session, user and layout costs and no work of its own. The targets are read
  against it.
- /healthz: one ``SELECT 1``, no session, no template; shown for comparison. Against it
  even the trivial page is several times slower, so it measures the page machinery more
  than the dashboard.

The query counts are of the first request after seeding (the counts run) and of a read
again (they come from the cache). Planner statistics are gathered after seeding.
"""

import argparse
import contextlib
import json
import os
import shutil
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
GROWTH_TARGET = 1.6  # the dashboard's time at the largest size over its time at the smallest


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

    from actions.models import Action
    from actiontracker import roles

    add_trivial_page()

    call_command("migrate", verbosity=0)
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
    queries = {"counted": [], "cached": []}
    for kind in queries:  # the first request after seeding counts; the next reads the cache
        with connection.execute_wrapper(
            lambda execute, *args, kind=kind: queries[kind].append(1) or execute(*args)
        ):
            assert client.get(url).status_code == 200
    assert client.get(TRIVIAL_PAGE).status_code == 200
    # One action's note: no figure changes, but the data version does, as on any write.
    first = Action.objects.filter(committee__slug=COMMITTEE).order_by("pk").first()
    touched = Action.objects.filter(pk=first.pk)
    paths = {"dashboard": url, "after write": url, "trivial": TRIVIAL_PAGE, "healthz": "/healthz"}
    timings = {name: [] for name in paths}

    def get(name):
        if name == "after write":
            touched.update(status_note="Chased by telephone.")
        started = time.perf_counter()
        response = client.get(paths[name])
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, name
        return elapsed

    for _ in range(3):  # warm up every path
        for name in paths:
            get(name)
    for _ in range(repeat):
        for name, times in timings.items():
            # The trivial views are quick, so each is timed three times per dashboard request.
            for _ in range(3 if name in ("trivial", "healthz") else 1):
                times.append(get(name))
    median_ms = {name: statistics.median(times) * 1000 for name, times in timings.items()}
    return {
        "vendor": connection.vendor,
        "size": size,
        "seed_seconds": seeded,
        "queries": len(queries["counted"]),
        "cached_queries": len(queries["cached"]),
        "dashboard_ms": median_ms["dashboard"],
        "after_write_ms": median_ms["after write"],
        "trivial_ms": median_ms["trivial"],
        "healthz_ms": median_ms["healthz"],
    }


TRIVIAL_PAGE = "/bench-trivial-page/"


def add_trivial_page() -> None:
    """Route TRIVIAL_PAGE, for this process only, to a view that checks the dashboard's
    permission and renders the site's layout around one heading."""
    from django.http import HttpResponse
    from django.template import engines
    from django.urls import clear_url_caches, path
    from django.views.generic import View

    from actiontracker import urls
    from actiontracker.permissions import PermissionRequiredMixin

    template = engines["django"].from_string(
        '{% extends "base.html" %}{% block title %}Trivial page{% endblock %}'
        '{% block content %}<h1 class="govuk-heading-l">Trivial page</h1>{% endblock %}'
    )

    class TrivialPage(PermissionRequiredMixin, View):
        permission_required = "actions.view_action"

        def get(self, request):
            return HttpResponse(template.render({}, request))

    urls.urlpatterns.append(path(TRIVIAL_PAGE.strip("/") + "/", TrivialPage.as_view()))
    clear_url_caches()


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


@contextlib.contextmanager
def throwaway_postgres():
    """A PostgreSQL cluster on a Unix socket in a temporary folder, removed afterwards.

    As in .ci/run: run as root, the server runs as the postgres user. fsync is off, which
    speeds seeding only; the timed requests read.
    """
    initdb = shutil.which("initdb") or "/usr/lib/postgresql/15/bin/initdb"
    pg_ctl = str(Path(initdb).parent / "pg_ctl")
    as_postgres = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder = tempfile.mkdtemp(prefix="bench-dashboard-pg-")
    if as_postgres:
        shutil.chown(folder, user="postgres")
    data, port = f"{folder}/data", "54331"
    options = f"-k {folder} -p {port} -c listen_addresses='' -c fsync=off -c full_page_writes=off"
    quiet = {"check": True, "capture_output": True}
    try:
        subprocess.run(
            [*as_postgres, initdb, "-D", data, "-A", "trust", "-U", "postgres", "--no-sync"],
            **quiet,
        )
        subprocess.run(
            [*as_postgres, pg_ctl, "-D", data, "-w", "-l", f"{folder}/log", "-o", options, "start"],
            **quiet,
        )
        yield f"postgres://postgres@/postgres?host={folder}&port={port}"
    finally:
        subprocess.run(
            [*as_postgres, pg_ctl, "-D", data, "-m", "fast", "stop"],
            check=False,
            capture_output=True,
        )
        shutil.rmtree(folder, ignore_errors=True)


def _libpq(url: str) -> str:
    # psycopg takes the same URL; dj-database-url's "postgres://" scheme is libpq's too.
    return url.replace("postgres://", "postgresql://", 1)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="100,10000,100000")
    parser.add_argument(
        "--database-url", default="", help="PostgreSQL server to use instead of a throwaway one"
    )
    parser.add_argument("--no-postgres", action="store_true", help="measure SQLite only")
    parser.add_argument("--repeat", type=int, default=15, help="dashboard requests per size")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        print(json.dumps(worker(args.worker, args.repeat)))
        return

    sizes = [int(size) for size in args.sizes.split(",")]
    with contextlib.ExitStack() as stack:
        url = args.database_url
        if not url and not args.no_postgres:
            url = stack.enter_context(throwaway_postgres())
        report(sizes, args.repeat, url)


def report(sizes: list[int], repeat: int, postgres_url: str) -> None:
    backends = [("SQLite", lambda size: sqlite_run(size, repeat))]
    if postgres_url:
        backends.append(("PostgreSQL", lambda size: postgres_run(size, repeat, postgres_url)))
    header = (
        f"{'database':<11}{'actions':>9}{'seed s':>8}{'queries':>9}{'dashboard ms':>14}"
        f"{'after write ms':>16}{'trivial ms':>12}{'ratio':>7}{'healthz ms':>12}{'ratio':>7}"
        "  target (trivial page)"
    )
    print(header)
    print("-" * len(header))
    measured = {}
    for label, measure in backends:
        for size in sizes:
            r = measured[label, size] = measure(size)
            ratio = r["dashboard_ms"] / r["trivial_ms"]
            target = TARGETS.get(size)
            verdict = f"<= {target}x {'met' if ratio <= target else 'NOT met'}" if target else ""
            queries = f"{r['queries']}/{r['cached_queries']}"
            print(
                f"{label:<11}{size:>9}{r['seed_seconds']:>8.1f}{queries:>9}"
                f"{r['dashboard_ms']:>14.1f}{r['after_write_ms']:>16.1f}"
                f"{r['trivial_ms']:>12.2f}{ratio:>7.1f}"
                f"{r['healthz_ms']:>12.2f}{r['dashboard_ms'] / r['healthz_ms']:>7.1f}  {verdict}",
                flush=True,
            )
    print("(queries: first request after seeding, counting / read again, from the cache)")
    growth(sizes, [label for label, _measure in backends], measured)


def growth(sizes: list[int], labels: list[str], measured: dict) -> None:
    """Per database: the dashboard at each size against the smallest, and its query counts."""
    smallest, largest = min(sizes), max(sizes)
    for label in labels:
        print(f"\n{label}: the dashboard at {largest:,} actions against {smallest:,}")
        for key, name in (("dashboard_ms", "read again"), ("after_write_ms", "after a write")):
            times = {size: measured[label, size][key] for size in sizes}
            ratio = times[largest] / times[smallest]
            shown = ", ".join(f"{size:,}: {times[size]:.1f} ms" for size in sizes)
            verdict = "met" if ratio <= GROWTH_TARGET else "NOT met"
            print(f"  {name:<14} {shown}; ratio {ratio:.2f} (target <= {GROWTH_TARGET}: {verdict})")
        counts = [measured[label, size] for size in sizes]
        shown = ", ".join(
            f"{size:,}: {r['queries']} counting, {r['cached_queries']} cached"
            for size, r in zip(sizes, counts, strict=True)
        )
        same = len({(r["queries"], r["cached_queries"]) for r in counts}) == 1
        print(f"  queries        {shown} ({'the same' if same else 'NOT the same'})")


if __name__ == "__main__":
    main()

"""Where a request's CPU goes: the pages of `bench/load.py`'s mix, one at a time, in process.

Run: DATABASE_URL=… .venv/bin/python bench/profile_pages.py [--requests 40] [--profile PAGE]

The database is the one DATABASE_URL names, loaded as `bench/load.py` loads it
(`migrate`, `load_demo`, `seed_volume --actions 10000`). The app runs with production
settings (DEBUG off, the production permission backend) and Django's test client, so what is
measured is the app's own work per request: CPU in this process (Python: middleware, views,
templates) and the queries it sends, without HTTP or the load generator. Prints, per page of
the mix, the median CPU milliseconds and wall milliseconds per request and the query count;
with --profile, the functions that take the most time on that page (cProfile).
"""

import argparse
import cProfile
import os
import pstats
import secrets
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def setup() -> None:
    if not os.environ.get("DATABASE_URL"):
        sys.exit("Set DATABASE_URL to a database loaded as bench/load.py loads it.")
    os.environ.update(
        DJANGO_SETTINGS_MODULE="actiontracker.settings",
        DEBUG="0",
        SECRET_KEY=os.environ.get("SECRET_KEY") or secrets.token_urlsafe(60),
        ALLOWED_HOSTS="testserver",
        SECURE_SSL_REDIRECT="0",
        LOG_LEVEL="ERROR",
    )
    import django

    django.setup()


class Queries:
    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def pages(action_ids: list[int], ongoing_ids: list[int]) -> dict[str, tuple[str, callable]]:
    """Page kind → (user, request maker), as the load test's members and officers ask."""
    today = date.today().isoformat()

    def followup(client, n):
        action_id = ongoing_ids[n % len(ongoing_ids)]
        data = {
            "actions": action_id,
            "method": "email",
            "note": f"bench-profile-{n}",
            "letter": "",
            "next": f"/actions/{action_id}/",
        }
        data.update(date=today)
        day, month, year = today[8:], today[5:7], today[:4]
        data.update({"date_0": day, "date_1": month, "date_2": year})
        data.update({"date-day": day, "date-month": month, "date-year": year})
        return client.post("/actions/follow-up/", data, secure=True)

    return {
        "dashboard": ("member", lambda c, n: c.get("/dashboard/", secure=True)),
        "register": (
            "member",
            lambda c, n: c.get(
                "/actions/" + ["", "?status=ongoing", "?status=completed", "?page=2"][n % 4],
                secure=True,
            ),
        ),
        "action": (
            "member",
            lambda c, n: c.get(f"/actions/{action_ids[n % len(action_ids)]}/", secure=True),
        ),
        "edit page": (
            "officer",
            lambda c, n: c.get(f"/actions/{action_ids[n % len(action_ids)]}/edit/", secure=True),
        ),
        "follow-up write": ("officer", followup),
        "healthz": ("member", lambda c, n: c.get("/healthz", secure=True)),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="requests per page kind")
    parser.add_argument("--profile", help="page kind to profile with cProfile")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    setup()

    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    from actions.models import Action

    action_ids = list(Action.objects.values_list("pk", flat=True)[:2000])
    ongoing_ids = list(Action.objects.filter(status="ongoing").values_list("pk", flat=True)[:2000])
    users = get_user_model().objects
    clients = {}
    for name in ("member", "officer"):
        client = Client()
        client.force_login(users.get(username=name))
        clients[name] = client

    print(f"{len(action_ids)} actions sampled; {args.requests} requests per page after 3 warm-up")
    print(f"{'page':>16}  {'CPU ms':>7}  {'wall ms':>7}  {'queries':>7}  status")
    for kind, (who, make) in pages(action_ids, ongoing_ids).items():
        client = clients[who]
        for n in range(3):
            make(client, n)
        cpu, wall, counts, statuses = [], [], [], set()
        profiler = cProfile.Profile() if kind == args.profile else None
        for n in range(3, 3 + args.requests):
            queries = Queries()
            with connection.execute_wrapper(queries):
                c0, w0 = time.process_time(), time.perf_counter()
                if profiler:
                    profiler.enable()
                response = make(client, n)
                if profiler:
                    profiler.disable()
                cpu.append(time.process_time() - c0)
                wall.append(time.perf_counter() - w0)
            counts.append(queries.count)
            statuses.add(response.status_code)
        print(
            f"{kind:>16}  {statistics.median(cpu) * 1000:7.1f}  "
            f"{statistics.median(wall) * 1000:7.1f}  {statistics.median(counts):7.0f}  "
            f"{sorted(statuses)}"
        )
        if profiler:
            stats = pstats.Stats(profiler).sort_stats("cumulative")
            stats.print_stats(args.top)
            stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())

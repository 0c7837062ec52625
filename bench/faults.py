"""Stop PostgreSQL under load and check the app fails cleanly and recovers by itself.

Run: .venv/bin/python bench/faults.py   (as root or the postgres user; needs PostgreSQL)

Starts a throwaway cluster, migrates, loads the demo data, serves the app with gunicorn
in production mode on 127.0.0.1, and drives members reading and officers writing. Midway
it stops the database (immediate mode, so in-flight writes are cut off), checks that
requests get the 503 page (never a 500 or a traceback) and /healthz says 503, starts the
database again and checks that the same gunicorn workers answer 200 again by themselves.
Finally every write is checked to be either fully saved or not saved at all, and that
the officer was told which.
"""

import argparse
import itertools
import sys
import threading
import time
from collections import Counter
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402

from bench.common import (  # noqa: E402
    Client,
    gunicorn,
    postgres_cluster,
    prepare_database,
    reading_pages,
)

MAX_REQUESTS = 20_000
marker_numbers = itertools.count(1)


def write_followup(client: Client, action_id: int) -> tuple[str, int, str]:
    """One officer write: record a follow-up with the workspace's form; returns
    (marker, status, body). The service writes the follow-up, its history row and the
    action's status note in one go, so a torn write would show. The form records the
    signed-in officer as the one who chased."""
    marker = f"bench-fault-{next(marker_numbers)}"
    response = client.post(
        "/actions/follow-up/",
        {
            "actions": action_id,
            "date": date.today().isoformat(),
            "method": "email",
            "note": marker,
            "letter": "",
            "next": f"/actions/{action_id}/",
        },
    )
    return marker, response.status, response.text


class Driver:
    """Readers and writers in threads; records (phase, kind, status) for every request."""

    def __init__(self, port, action_id, pages, readers, writers):
        self.port, self.action_id, self.pages = port, action_id, pages
        self.phase = "before"
        self.results: list[tuple[str, str, int | str]] = []
        self.writes: list[tuple[str, str, int]] = []  # (phase, marker, status)
        self.problems: list[str] = []
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.threads = [
            threading.Thread(target=self.read_loop, daemon=True) for _ in range(readers)
        ] + [threading.Thread(target=self.write_loop, daemon=True) for _ in range(writers)]

    def note(self, kind, status, body=""):
        with self.lock:
            self.results.append((self.phase, kind, status))
            if len(self.results) >= MAX_REQUESTS:
                self.stop.set()
            if status == 500 or "Traceback" in body:
                self.problems.append(f"{self.phase} {kind}: HTTP {status}")

    def read_loop(self):
        client = Client(self.port, timeout=20)
        client.login("member")
        pages = itertools.cycle([*self.pages, f"/actions/{self.action_id}/"])
        while not self.stop.is_set():
            try:
                response = client.get(next(pages))
                self.note("read", response.status, response.text)
            except OSError as exc:
                self.note("read", type(exc).__name__)
            time.sleep(0.02)

    def write_loop(self):
        client = Client(self.port, timeout=20)
        client.login("officer")
        while not self.stop.is_set():
            phase = self.phase
            try:
                marker, status, body = write_followup(client, self.action_id)
            except OSError as exc:
                self.note("write", type(exc).__name__)
                continue
            with self.lock:
                self.writes.append((phase, marker, status))
            self.note("write", status, body)
            if status == 503 and "Your change was not saved" not in body:
                self.problems.append("a failed write's 503 page did not tell the officer")
            if status == 200:
                # The form came back with errors: the bench's write is wrong, not the app.
                self.problems.append("the follow-up form refused a write (HTTP 200)")
            time.sleep(0.02)

    def start(self):
        for thread in self.threads:
            thread.start()

    def join(self):
        self.stop.set()
        for thread in self.threads:
            thread.join(30)


def summary(results, phase):
    counts = Counter((kind, status) for p, kind, status in results if p == phase)
    return ", ".join(
        f"{kind} {status}: {n}" for (kind, status), n in sorted(counts.items(), key=str)
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--outage", type=float, default=5.0, help="seconds the database is down")
    parser.add_argument("--phase", type=float, default=4.0, help="seconds before and after")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    with postgres_cluster() as cluster:
        print("Starting PostgreSQL, migrating, loading demo data…")
        prepare_database(cluster)
        with psycopg.connect(host=str(cluster.dir), port=cluster.port, user="postgres") as db:
            action_id = db.execute(
                "SELECT min(id) FROM actions_action WHERE status = 'ongoing' AND deleted_at IS NULL"
            ).fetchone()[0]
        with gunicorn(cluster, workers=args.workers) as server:
            pids_before = server.worker_pids()
            print(f"gunicorn on 127.0.0.1:{server.port}, workers {sorted(pids_before)}")
            probe = Client(server.port)
            probe.login("member")
            driver = Driver(server.port, action_id, reading_pages(probe), readers=4, writers=2)
            driver.start()
            time.sleep(args.phase)

            print("Stopping PostgreSQL (immediate: in-flight transactions are cut off)…")
            driver.phase = "outage"
            cluster.stop("immediate")
            time.sleep(args.outage / 2)
            health_down = Client(server.port).get("/healthz")
            time.sleep(args.outage / 2)

            print("Starting PostgreSQL again…")
            driver.phase = "recovering"
            restarted = time.monotonic()
            cluster.start()
            recovered_after = None
            probe = Client(server.port)
            while time.monotonic() - restarted < 30:
                if probe.get("/healthz").status == 200:
                    recovered_after = time.monotonic() - restarted
                    break
                time.sleep(0.1)
            driver.phase = "after"
            time.sleep(args.phase)
            driver.join()
            pids_after = server.worker_pids()
            health_after = Client(server.port).get("/healthz")

        with psycopg.connect(host=str(cluster.dir), port=cluster.port, user="postgres") as db:
            saved = dict(
                db.execute(
                    "SELECT note, count(*) FROM actions_followup WHERE note LIKE 'bench-fault-%' "
                    "GROUP BY note"
                ).fetchall()
            )
            history = dict(
                db.execute(
                    "SELECT note, count(*) FROM actions_historicalfollowup "
                    "WHERE note LIKE 'bench-fault-%' GROUP BY note"
                ).fetchall()
            )

    print()
    for phase in ("before", "outage", "recovering", "after"):
        print(f"{phase:>10}: {summary(driver.results, phase) or 'no requests'}")
    print(f"/healthz during the outage: {health_down.status}; after: {health_after.status}")
    print(
        f"app answered again {recovered_after:.2f} s after the database restarted"
        if recovered_after is not None
        else "app did NOT recover within 30 s"
    )
    same_workers = pids_before == pids_after
    print(
        f"gunicorn workers before {sorted(pids_before)}, after {sorted(pids_after)}: "
        f"{'same processes, no restarts' if same_workers else 'CHANGED'}"
    )

    torn, lost, phantom = [], [], []
    for _phase, marker, status in driver.writes:
        rows, hist = saved.get(marker, 0), history.get(marker, 0)
        if (rows, hist) not in {(0, 0), (1, 1)}:
            torn.append(f"{marker}: {rows} row(s), {hist} history row(s)")
        if status == 302 and rows != 1:
            lost.append(marker)
        if status == 503 and rows != 0:
            phantom.append(marker)
    told_saved = sum(1 for _, _, s in driver.writes if s == 302)
    told_failed = sum(1 for _, _, s in driver.writes if s == 503)
    print(
        f"writes: {len(driver.writes)} attempted, {told_saved} told saved, {told_failed} "
        f"told not saved (503), {len(saved)} in the database"
    )
    print(
        f"all-or-nothing: {len(torn)} half-written; {len(lost)} reported saved but missing; "
        f"{len(phantom)} reported not saved but present"
    )
    # Requests already answered when the database stopped may still be 200/302; nothing
    # may be a 500, a traceback or a dropped connection.
    codes = {s for _, _, s in driver.results}
    outage_503s = sum(1 for p, _, s in driver.results if p == "outage" and s == 503)
    ok = (
        not driver.problems
        and not torn
        and not lost
        and not phantom
        and health_down.status == 503
        and health_after.status == 200
        and recovered_after is not None
        and same_workers
        and codes <= {200, 302, 503}
        and outage_503s > 0
        and told_failed > 0
    )
    for problem in sorted(set(driver.problems)):
        print("PROBLEM:", problem)
    print("RESULT:", "PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

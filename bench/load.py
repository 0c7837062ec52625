"""Load test: gunicorn in production mode on PostgreSQL with 10,000 actions.

Run: .venv/bin/python bench/load.py [--users 50] [--duration 30] [--think 1.0]

Starts a throwaway PostgreSQL cluster, loads the demo data plus a bulk volume of actions
(`manage.py seed_volume`), serves the app with gunicorn
on 127.0.0.1 and runs simulated users in threads for a bounded time and request count:
members read the dashboard (where the app has one), the register and action pages;
officers also record follow-ups and open the action edit form; a few requests download
paper PDFs and agenda packs, which for a large paper means being sent to the background
job's progress page (a task worker runs beside gunicorn, as in production). Prints
requests per second, latency percentiles per page kind and overall, the error count, and
the CPU each request cost: in gunicorn's workers, in PostgreSQL, in the background worker
and in this load generator (read from /proc before and after the load).
"""

import argparse
import os
import random
import statistics
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import psycopg  # noqa: E402

from bench.common import (  # noqa: E402
    Client,
    gunicorn,
    manage,
    postgres_cluster,
    prepare_database,
    reading_pages,
    task_worker,
)
from bench.faults import write_followup  # noqa: E402

CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def process_tree(root: int) -> set[int]:
    """The process and all its descendants, from /proc."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, frontier = {root}, [root]
    while frontier:
        parent = frontier.pop()
        children = [pid for pid, ppid in parents.items() if ppid == parent]
        tree.update(children)
        frontier.extend(children)
    return tree


def cpu_seconds(pids: set[int]) -> float:
    """User plus system CPU of these processes (those still alive), in seconds."""
    total = 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / CLOCK_TICKS


class CpuMeter:
    """CPU used during the load by each party: gunicorn (master and workers), PostgreSQL
    (postmaster and backends), the task worker, and this process (the simulated users)."""

    def __init__(self, cluster, server, worker) -> None:
        postmaster = int((cluster.dir / "data" / "postmaster.pid").read_text().split()[0])
        self.roots = {
            "gunicorn": server.process.pid,
            "PostgreSQL": postmaster,
            "task worker": worker.pid,
        }
        self.before: dict[str, float] = {}
        self.pids: dict[str, set[int]] = {}

    def _own(self) -> float:
        times = os.times()
        return times.user + times.system

    def start(self) -> None:
        for name, root in self.roots.items():
            self.pids[name] = process_tree(root)
            self.before[name] = cpu_seconds(self.pids[name])
        self.before["load generator"] = self._own()

    def stop(self) -> dict[str, float]:
        used = {}
        for name, root in self.roots.items():
            # Backends started during the load count from zero.
            pids = self.pids[name] | process_tree(root)
            used[name] = cpu_seconds(pids) - self.before[name]
        used["load generator"] = self._own() - self.before["load generator"]
        return used


def seed(cluster, actions: int) -> str:
    """Bulk volume with the project's seed_volume command."""
    manage(cluster, "seed_volume", "--actions", str(actions))
    return "manage.py seed_volume"


# Paper PDF and agenda pack downloads: published papers are stored bytes; a draft is
# rendered once and cached until it changes, in the background when it is large. Filled
# from the database at start.
PDF_PATHS: list[str] = []
PDF_SHARE = 0.02


class Load:
    def __init__(self, port, action_ids, ongoing_ids, dashboard, think, deadline, max_requests):
        self.port, self.action_ids = port, action_ids
        self.ongoing_ids, self.dashboard = ongoing_ids, dashboard
        self.think, self.deadline, self.max_requests = think, deadline, max_requests
        self.latencies: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, int] = defaultdict(int)
        self.count = 0
        self.lock = threading.Lock()
        self.ready = threading.Barrier(0)
        self.go = threading.Event()

    def member_step(self, client: Client, rng: random.Random) -> tuple[str, int]:
        roll = rng.random()
        if roll < 0.3 and self.dashboard:
            return "dashboard", client.get("/dashboard/").status
        if roll < 0.6:
            query = rng.choice(["", "?status=ongoing", "?status=completed", "?page=2"])
            return "register", client.get("/actions/" + query).status
        if roll < 1 - PDF_SHARE or not PDF_PATHS:
            return "action", client.get(f"/actions/{rng.choice(self.action_ids)}/").status
        return "pdf", self.download(client, rng.choice(PDF_PATHS))

    @staticmethod
    def download(client: Client, path: str) -> int:
        """A PDF, or for a large draft the background job's page it redirects to."""
        response = client.get(path)
        location = response.headers.get("location", "")
        if response.status == 302 and location.startswith("/render-jobs/"):
            return client.get(location).status
        return response.status

    def officer_step(self, client: Client, rng: random.Random) -> tuple[str, int]:
        roll = rng.random()
        if roll < 0.4:
            return "follow-up write", write_followup(client, rng.choice(self.ongoing_ids))[1]
        if roll < 0.6:
            action_id = rng.choice(self.action_ids)
            return "edit page", client.get(f"/actions/{action_id}/edit/").status
        return self.member_step(client, rng)

    def user(self, n: int, officer: bool) -> None:
        rng = random.Random(n)
        client = Client(self.port, timeout=30)
        # Signing in (a deliberately slow password hash) happens before the clock starts.
        client.login("officer" if officer else "member")
        step = self.officer_step if officer else self.member_step
        self.ready.wait()
        self.go.wait()
        time.sleep(rng.random() * self.think)  # stagger the start
        while time.monotonic() < self.deadline:
            with self.lock:
                if self.count >= self.max_requests:
                    return
                self.count += 1
            started = time.perf_counter()
            try:
                kind, status = step(client, rng)
            except OSError as exc:
                kind, status = "connection", type(exc).__name__
            elapsed = time.perf_counter() - started
            with self.lock:
                self.latencies[kind].append(elapsed)
                if status not in (200, 302):
                    self.errors[f"{kind} {status}"] += 1
            if self.think:
                pause = rng.expovariate(1 / self.think)
                time.sleep(max(0.0, min(pause, self.deadline - time.monotonic())))


def percentile(values: list[float], p: float) -> float:
    if len(values) == 1:
        return values[0]
    return statistics.quantiles(values, n=100, method="inclusive")[int(p) - 1]


def report(name: str, values: list[float]) -> str:
    ms = [v * 1000 for v in values]
    return (
        f"{name:>16}: {len(ms):6d} requests  p50 {percentile(ms, 50):7.1f} ms  "
        f"p95 {percentile(ms, 95):7.1f} ms  p99 {percentile(ms, 99):7.1f} ms"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50, help="concurrent simulated users")
    parser.add_argument("--officers", type=int, default=10, help="of which officers")
    parser.add_argument("--duration", type=float, default=30.0, help="seconds of load")
    parser.add_argument("--max-requests", type=int, default=50_000)
    parser.add_argument(
        "--think",
        type=float,
        default=1.0,
        help="mean seconds a user pauses between pages (0: none)",
    )
    parser.add_argument("--actions", type=int, default=10_000)
    parser.add_argument("--workers", type=int, default=int(os.environ.get("WORKERS", 4)))
    args = parser.parse_args()

    with postgres_cluster() as cluster:
        print("Starting PostgreSQL, migrating, loading demo data…")
        prepare_database(cluster)
        started = time.monotonic()
        how = seed(cluster, args.actions)
        print(f"Seeded {args.actions} actions with {how} in {time.monotonic() - started:.1f} s")
        with psycopg.connect(host=str(cluster.dir), port=cluster.port, user="postgres") as db:
            action_ids = [
                r[0] for r in db.execute("SELECT id FROM actions_action WHERE deleted_at IS NULL")
            ]
            ongoing_ids = [
                r[0]
                for r in db.execute(
                    "SELECT id FROM actions_action WHERE status = 'ongoing' AND deleted_at IS NULL"
                )
            ]
            summaries = db.execute("SELECT id FROM actiontracker_paper WHERE kind = 'summary'")
            for (paper_id,) in summaries:
                PDF_PATHS.extend([f"/papers/{paper_id}/pdf/", f"/papers/{paper_id}/agenda-pack/"])
            total = len(action_ids)
            db.execute("ANALYZE")
        with gunicorn(cluster, workers=args.workers) as server, task_worker(cluster) as worker:
            probe = Client(server.port)
            probe.login("member")
            dashboard = "/dashboard/" in reading_pages(probe)
            if not dashboard:
                print("(no /dashboard/ in this build: members read the register instead)")
            print(
                f"gunicorn on 127.0.0.1:{server.port} with {args.workers} workers; "
                f"{total} actions; {args.users} users ({args.officers} officers), "
                f"think time {args.think} s, {args.duration} s"
            )
            load = Load(
                server.port,
                action_ids,
                ongoing_ids,
                dashboard,
                args.think,
                0,
                args.max_requests,
            )
            threads = [
                threading.Thread(target=load.user, args=(n, n < args.officers), daemon=True)
                for n in range(args.users)
            ]
            load.ready = threading.Barrier(args.users + 1)
            for thread in threads:
                thread.start()
            load.ready.wait(timeout=300)
            meter = CpuMeter(cluster, server, worker)
            meter.start()
            load.deadline = time.monotonic() + args.duration
            began = time.monotonic()
            load.go.set()
            for thread in threads:
                thread.join(args.duration + 60)
            elapsed = time.monotonic() - began
            cpu = meter.stop()

    everything = [v for values in load.latencies.values() for v in values]
    pages = [v for kind, values in load.latencies.items() if kind != "pdf" for v in values]
    print()
    print(f"{len(everything)} requests in {elapsed:.1f} s: {len(everything) / elapsed:.1f} req/s")
    for kind in sorted(load.latencies):
        print(report(kind, load.latencies[kind]))
    print(report("all pages", pages))
    print(
        f"(PDF downloads: {len(PDF_PATHS)} links, paper PDFs and agenda packs, in "
        f"{PDF_SHARE:.0%} of member requests; not counted in 'all pages')"
    )
    served = max(len(everything), 1)
    parts = ", ".join(f"{name} {seconds * 1000 / served:.1f} ms" for name, seconds in cpu.items())
    server_side = sum(v for k, v in cpu.items() if k != "load generator")
    print(f"CPU per request: {server_side * 1000 / served:.1f} ms on the server side ({parts})")
    print(
        f"CPU busy: {sum(cpu.values()) / elapsed:.2f} of {os.cpu_count()} cores "
        "(load generator included)"
    )
    errors = sum(load.errors.values())
    print(f"errors: {errors}" + (f" {dict(load.errors)}" if errors else ""))
    p95 = percentile([v * 1000 for v in pages], 95)
    ok = errors == 0 and p95 < 300
    print("TARGET (zero errors, p95 < 300 ms):", "MET" if ok else "NOT MET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""What the bench scripts share: a throwaway PostgreSQL cluster, gunicorn in production
mode on loopback, and a small HTTP client that signs in like a browser."""

import contextlib
import http.client
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
DEMO_PASSWORD = "demo-password"  # noqa: S105 - the documented demo accounts


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def pg_bin(name: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    sys.exit(f"{name} not found: install PostgreSQL (apt-get install postgresql).")


def as_postgres(args: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *args] if os.geteuid() == 0 else args


@dataclass
class Cluster:
    """A PostgreSQL cluster on a Unix socket in a temporary folder, no TCP."""

    dir: Path
    port: int

    @property
    def url(self) -> str:
        return f"postgres://postgres@/postgres?host={self.dir}&port={self.port}"

    def start(self) -> None:
        options = f"-k {self.dir} -p {self.port} -c listen_addresses='' -c fsync=off"
        options += " -c full_page_writes=off -c max_connections=200"
        subprocess.run(
            as_postgres(
                [
                    pg_bin("pg_ctl"),
                    "-D",
                    str(self.dir / "data"),
                    "-l",
                    str(self.dir / "log"),
                    "-w",
                    "-o",
                    options,
                    "start",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop(self, mode: str = "fast") -> None:
        subprocess.run(
            as_postgres([pg_bin("pg_ctl"), "-D", str(self.dir / "data"), "-m", mode, "-w", "stop"]),
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )


@contextlib.contextmanager
def postgres_cluster() -> Iterator[Cluster]:
    """Start a throwaway cluster; stop and delete it whatever happens."""
    tmp = Path(tempfile.mkdtemp(prefix="actiontracker-bench-pg."))
    if os.geteuid() == 0:
        shutil.chown(tmp, "postgres")
    cluster = Cluster(tmp, free_port())
    try:
        subprocess.run(
            as_postgres(
                [
                    pg_bin("initdb"),
                    "-D",
                    str(tmp / "data"),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "--no-sync",
                ]
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        cluster.start()
        yield cluster
    finally:
        cluster.stop("immediate")
        shutil.rmtree(tmp, ignore_errors=True)


def django_env(cluster: Cluster, production: bool = True) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    env["DATABASE_URL"] = cluster.url
    env["DJANGO_SETTINGS_MODULE"] = "actiontracker.settings"
    if production:
        # Production settings behind a TLS-terminating proxy: the client sends
        # X-Forwarded-Proto: https, so no redirect, and cookies work on loopback.
        env.update(
            DEBUG="0",
            SECRET_KEY=secrets.token_urlsafe(60),
            ALLOWED_HOSTS="127.0.0.1",
            SECURE_SSL_REDIRECT="0",
            LOG_LEVEL="ERROR",
        )
    else:
        env["DEBUG"] = "1"
    return env


def manage(cluster: Cluster, *args: str, production: bool = False) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=django_env(cluster, production),
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{result.stdout}{result.stderr}")
    return result.stdout


def prepare_database(cluster: Cluster) -> None:
    """Schema (with the cache table), demo data and hashed static files."""
    manage(cluster, "migrate", "--noinput")
    manage(cluster, "load_demo")
    manage(cluster, "collectstatic", "--noinput", production=True)


@dataclass
class Gunicorn:
    process: subprocess.Popen
    port: int
    log: Path

    def worker_pids(self) -> set[int]:
        """The worker processes' ids, read from /proc (children of the master)."""
        pids = set()
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:
                pids.add(int(stat.parent.name))
        return pids


@contextlib.contextmanager
def gunicorn(cluster: Cluster, workers: int = 2, threads: int = 1) -> Iterator[Gunicorn]:
    """gunicorn serving the app in production mode on 127.0.0.1; stopped on exit."""
    port = free_port()
    log = Path(tempfile.mkstemp(prefix="actiontracker-gunicorn.", suffix=".log")[1])
    with log.open("w") as out:
        process = subprocess.Popen(
            [
                GUNICORN,
                "actiontracker.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--threads",
                str(threads),
                "--timeout",
                "60",
            ],
            cwd=ROOT,
            env=django_env(cluster),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    server = Gunicorn(process, port, log)
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError):
                if (
                    Client(port).get("/healthz").status == 200
                    and len(server.worker_pids()) == workers
                ):
                    break
            time.sleep(0.2)
        else:
            sys.exit("gunicorn did not start:\n" + log.read_text())
        yield server
    finally:
        stop(process)
        log.unlink(missing_ok=True)


def stop(process: subprocess.Popen) -> None:
    """Ask a server process to stop; kill it if it has not within 15 seconds."""
    process.terminate()
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


@contextlib.contextmanager
def task_worker(cluster: Cluster) -> Iterator[subprocess.Popen]:
    """The background worker (`make worker`) beside gunicorn, under `nice`: on a machine
    shared with the web workers, pages come before PDFs."""
    process = subprocess.Popen(
        ["nice", "-n", "10", PYTHON, "manage.py", "db_worker", "--no-reload"],
        cwd=ROOT,
        env=django_env(cluster),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield process
    finally:
        stop(process)


def reading_pages(client: "Client") -> list[str]:
    """The pages members read first: the dashboard where the app has one (it is built
    apart from the register), and the register."""
    pages = ["/actions/"]
    if client.get("/dashboard/").status == 200:
        pages.insert(0, "/dashboard/")
    return pages


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Client:
    """One browser: a keep-alive connection and its cookies."""

    port: int
    timeout: float = 30.0
    cookies: dict[str, str] = field(default_factory=dict)
    conn: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, data: dict | None = None) -> Response:
        origin = f"https://127.0.0.1:{self.port}"
        headers = {"Host": f"127.0.0.1:{self.port}", "X-Forwarded-Proto": "https"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if data is not None:
            body = urlencode(data, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
            headers["Origin"] = origin
            headers["Referer"] = origin + path
        for attempt in range(2):
            if self.conn is None:
                self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=self.timeout)
            try:
                self.conn.request(method, path, body=body, headers=headers)
                raw = self.conn.getresponse()
                payload = raw.read()
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # A keep-alive connection the server closed: retry once on a new one.
                self.close()
                if attempt:
                    raise
        for value in raw.headers.get_all("Set-Cookie") or []:
            cookie = SimpleCookie(value)
            for key, morsel in cookie.items():
                self.cookies[key] = morsel.value
        return Response(raw.status, {k.lower(): v for k, v in raw.getheaders()}, payload)

    def get(self, path: str) -> Response:
        return self.request("GET", path)

    def post(self, path: str, data: dict) -> Response:
        data = dict(data)
        data.setdefault("csrfmiddlewaretoken", self.cookies.get("csrftoken", ""))
        return self.request("POST", path, data)

    def login(self, username: str, password: str = DEMO_PASSWORD) -> None:
        page = self.get("/accounts/login/")
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
        response = self.post(
            "/accounts/login/",
            {
                "username": username,
                "password": password,
                "csrfmiddlewaretoken": token.group(1) if token else "",
            },
        )
        if response.status != 302:
            raise RuntimeError(f"sign-in as {username} failed: HTTP {response.status}")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


def csrf_token(html: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html)
    return match.group(1) if match else ""


# Two sizes of one database, measured turn about: each size runs in its own process (its own
# database), and the parent asks each in turn for one timed pass over the same pages, so both
# sizes see the same load on a shared machine and the growth ratio is fair.


def serve_passes(pages: list[tuple[str, str]], client) -> None:
    """Child side: on each "go" line, time one GET of every page; print the times (ms) and
    query counts as one JSON line; stop on "quit"."""
    import json

    from django.db import connection

    for _label, url in pages:  # warm caches and connections
        for _ in range(2):
            assert client.get(url).status_code == 200, url
    print("READY", flush=True)
    for line in sys.stdin:
        if line.strip() != "go":
            break
        result = {}
        for label, url in pages:
            queries = []

            def count(execute, sql, *args, queries=queries):
                queries.append(sql)
                return execute(sql, *args)

            with connection.execute_wrapper(count):
                start = time.perf_counter()
                response = client.get(url)
                if response.streaming:  # an export is written as it is read
                    b"".join(response.streaming_content)
                elapsed = time.perf_counter() - start
            assert response.status_code == 200, url
            result[label] = [elapsed * 1000, len(queries)]
        print("PASS " + json.dumps(result), flush=True)


def _read_until(process: subprocess.Popen, prefix: str) -> str:
    for line in process.stdout:
        if line.startswith(prefix):
            return line[len(prefix) :].strip()
        print("   ", line.rstrip(), flush=True)
    raise RuntimeError(f"the bench process stopped before {prefix.strip()}")


def interleaved_sizes(command: list[str], sizes: list[int], passes: int, env: dict) -> dict:
    """Start one child per size (``command`` + ``--size N``), then ask each in turn for a
    pass. Returns {size: {label: [(ms, queries), ...]}}."""
    import json

    children = {
        size: subprocess.Popen(
            [*command, "--size", str(size)],
            cwd=ROOT,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for size in sizes
    }
    results = {size: {} for size in sizes}
    try:
        for child in children.values():
            _read_until(child, "READY")
        for n in range(passes):
            order = sizes if n % 2 == 0 else sizes[::-1]
            for size in order:
                child = children[size]
                child.stdin.write("go\n")
                child.stdin.flush()
                for label, (ms, queries) in json.loads(_read_until(child, "PASS ")).items():
                    results[size].setdefault(label, []).append((ms, queries))
    finally:
        for child in children.values():
            with contextlib.suppress(BrokenPipeError):
                child.stdin.write("quit\n")
                child.stdin.close()
            for line in child.stdout:
                print("   ", line.rstrip(), flush=True)
            child.wait()
    return results


def print_growth(results: dict, trivial: str = "trivial view /healthz") -> None:
    """Per page: the median at each size, the growth ratio, the ratio to the trivial view,
    and the query counts (which should be equal)."""
    small, large = sorted(results)
    print(
        f"  {'page':<40} {f'{small:,} ms':>10} {f'{large:,} ms':>11} {'growth':>7}"
        f" {'x trivial':>9} {'queries':>9}"
    )
    trivial_ms = statistics.median(ms for ms, _q in results[large].get(trivial, [(1.0, 0)]))
    for label in results[small]:
        a = statistics.median(ms for ms, _q in results[small][label])
        b = statistics.median(ms for ms, _q in results[large][label])
        qa = max(q for _ms, q in results[small][label])
        qb = max(q for _ms, q in results[large][label])
        print(
            f"  {label:<40} {a:>10.1f} {b:>11.1f} {b / a:>6.2f}x {b / trivial_ms:>8.1f}x"
            f" {qa:>4}/{qb:<4}"
        )


def two_size_main(
    script: str, child, *, doc: str, default_sizes: str, passes: int, unit: str
) -> None:
    """The command line of a two-size bench: with ``--size`` it is the child that seeds
    one size and serves its pages; otherwise it runs a child per size on each database,
    timed turn about, and prints each page's growth."""
    import argparse

    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--sizes", default=default_sizes, help=f"two numbers of {unit}")
    parser.add_argument("--passes", type=int, default=passes, help="timed passes over the pages")
    parser.add_argument(
        "--databases", default="sqlite,postgresql", help="postgresql needs DATABASE_URL"
    )
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.size:
        child(args.size)
        return
    sizes = sorted(int(n) for n in args.sizes.split(","))
    runs = []
    with tempfile.TemporaryDirectory(prefix=f"bench-{Path(script).stem}-") as folder:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["SQLITE_PATH"] = str(Path(folder) / "bench-{size}.sqlite3")
        if "sqlite" in args.databases:
            runs.append(("SQLite (temporary files)", env))
        if os.environ.get("DATABASE_URL") and "postgresql" in args.databases:
            runs.append(("PostgreSQL (temporary databases)", dict(os.environ)))
        for name, env in runs:
            print(f"{name}: {' and '.join(f'{n:,}' for n in sizes)} {unit}, {args.passes} passes")
            env["DJANGO_SETTINGS_MODULE"] = "actiontracker.settings"
            env.pop("DEBUG", None)
            results = interleaved_sizes([sys.executable, script], sizes, args.passes, env)
            print_growth(results)

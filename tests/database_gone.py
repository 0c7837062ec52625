"""Requests answered while the database is really gone: a separate Django process whose
database (SQLite) lies in a folder that does not exist, so every attempt to connect fails
with the driver's own OperationalError, as it would with the database server down."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# Run in the other process: the test client (DEBUG off, as under pytest-django) makes each
# request, with the session cookie of someone who signed in before the outage, and prints
# what came back.
SCRIPT = """
import json, sys
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment(debug=False)
client = Client(raise_request_exception=False)
client.cookies[settings.SESSION_COOKIE_NAME] = "signedinbeforetheoutage"
answers = []
for method, path in json.loads(sys.argv[1]):
    response = getattr(client, method)(path)
    answers.append(
        {
            "status": response.status_code,
            "headers": dict(response.headers),
            "body": response.content.decode(),
        }
    )
print(json.dumps(answers))
"""


def requests_with_the_database_gone(*requests: tuple[str, str]) -> list[dict]:
    """Answer each (method, path) with no database to reach: status, headers and body."""
    with tempfile.TemporaryDirectory() as folder:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
        }
        env.update(
            DJANGO_SETTINGS_MODULE="actiontracker.settings.test",
            SQLITE_PATH=str(Path(folder) / "gone" / "db.sqlite3"),
        )
        result = subprocess.run(
            [sys.executable, "-c", SCRIPT, json.dumps(requests)],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.splitlines()[-1])

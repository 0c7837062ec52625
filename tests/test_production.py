"""Production behaviour: deploy checks, security headers, sign-in lockout, outage pages."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.urls import reverse

from actiontracker import roles
from tests.database_gone import requests_with_the_database_gone
from tests.factories import UserFactory

ROOT = Path(__file__).resolve().parent.parent


def production_env(**extra):
    # Without what the test run itself sets (the browser tests allow async-unsafe calls).
    test_only = {"DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env = {k: v for k, v in os.environ.items() if k not in test_only}
    env.update(
        DEBUG="0",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="tracker.example.org",
    )
    env.update(extra)
    return env


def run_in_production(code: str, tmp_path, **extra) -> subprocess.CompletedProcess:
    """Run ``code`` in a fresh Python process under production settings, on a SQLite file
    of its own in ``tmp_path``; what it prints comes back in ``stdout``."""
    env = production_env(
        ALLOWED_HOSTS="testserver",
        SQLITE_PATH=str(tmp_path / "db.sqlite3"),
        DATABASE_URL="",
        DJANGO_SETTINGS_MODULE="actiontracker.settings",
    )
    env.update(extra)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_check_deploy_reports_nothing_under_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
    assert "WARNING" not in result.stderr


PRODUCTION_PAGE = """
import django, re
django.setup()
from django.core.management import call_command
from django.test import Client

call_command("collectstatic", interactive=False, verbosity=0)
client = Client()
page = client.get("/accounts/login/", secure=True)
css = re.search(r'href="(/static/dist/app\\.[0-9a-f]{12}\\.css)"', page.content.decode())
print("page", page.status_code, page["Strict-Transport-Security"])
print("cookie", page.cookies["csrftoken"]["secure"], page.cookies["csrftoken"]["httponly"])
print("css", css.group(1) if css else None)
asset = client.get(css.group(1), secure=True) if css else None
print("asset", asset.status_code, asset["Cache-Control"], asset["Content-Type"])
print("plain-http", client.get("/accounts/login/").status_code)
"""


def test_production_serves_hashed_static_files_through_whitenoise(tmp_path):
    """What gunicorn serves with DEBUG=0: pages name hashed static files, WhiteNoise serves
    them with a far-future cache, HSTS is sent, cookies are secure and HttpOnly, and plain
    HTTP is sent to HTTPS."""
    result = run_in_production(PRODUCTION_PAGE, tmp_path, STATIC_ROOT=str(tmp_path / "static"))
    assert result.returncode == 0, result.stdout + result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert lines["page"] == "200 max-age=31536000; includeSubDomains; preload"
    assert lines["cookie"] == "True True"
    assert lines["css"] != "None"
    assert lines["asset"].startswith("200 max-age=315360000, public, immutable text/css")
    assert lines["plain-http"] == "301"


def test_production_refuses_to_start_without_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


@pytest.mark.django_db
def test_pages_carry_csp_and_framing_headers(client):
    response = client.get(reverse("login"))
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp
    assert "style-src 'self'" in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.django_db
def test_login_page_has_no_inline_script_or_style(client):
    html = client.get(reverse("login")).content.decode()
    assert "<script>" not in html and "<script " in html  # only the module file
    assert "<style" not in html
    assert 'style="' not in html
    assert "onclick" not in html


def sign_in(client, password, username="officer"):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR="203.0.113.7",
    )


@pytest.mark.django_db
def test_five_bad_passwords_lock_the_account_even_against_the_right_one(client):
    UserFactory(username="officer", role=roles.OFFICERS, password="right-password-123")
    for _ in range(5):
        response = sign_in(client, "wrong-password")
    assert response.status_code == 429
    response = sign_in(client, "right-password-123")
    assert response.status_code == 429
    assert "You have tried to sign in too many times" in response.content.decode()
    assert "15 minutes" in response.content.decode()
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_four_bad_passwords_still_let_the_right_one_in(client):
    UserFactory(username="officer", role=roles.OFFICERS, password="right-password-123")
    for _ in range(4):
        assert sign_in(client, "wrong-password").status_code == 200
    response = sign_in(client, "right-password-123")
    assert response.status_code == 302
    assert "_auth_user_id" in client.session


@pytest.mark.django_db
def test_lockout_is_per_username_so_colleagues_can_still_sign_in(client):
    UserFactory(username="officer", role=roles.OFFICERS, password="right-password-123")
    UserFactory(username="colleague", role=roles.OFFICERS, password="colleague-pass-123")
    for _ in range(5):
        sign_in(client, "wrong-password")
    response = sign_in(client, "colleague-pass-123", username="colleague")
    assert response.status_code == 302


def test_sessions_end_with_the_browser_and_after_a_working_day(settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE is True
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60
    assert settings.SESSION_COOKIE_HTTPONLY is True


@pytest.mark.django_db
def test_weak_password_is_refused_by_the_validators():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("password")


@pytest.fixture(scope="module")
def outage():
    """The dashboard, a sign-out (a write) and the health check, asked for with the
    database gone."""
    answers = requests_with_the_database_gone(
        ("get", reverse("dashboard")), ("post", reverse("logout")), ("get", "/healthz")
    )
    return dict(zip(["dashboard", "sign-out", "healthz"], answers, strict=True))


def test_database_outage_in_a_view_is_a_clean_503(outage):
    response = outage["dashboard"]
    assert response["status"] == 503
    assert response["headers"]["Retry-After"] == "30"
    body = response["body"]
    assert "Sorry, the service is temporarily unavailable" in body
    assert "Traceback" not in body


def test_database_outage_during_a_write_says_the_change_was_not_saved(outage):
    response = outage["sign-out"]
    assert response["status"] == 503
    assert "Your change was not saved" in response["body"]
    assert "Your change was not saved" not in outage["dashboard"]["body"]


@pytest.mark.django_db
def test_outage_met_outside_a_view_still_gets_the_503_page(rf):
    from actiontracker.middleware import server_error

    request = rf.get("/")
    try:
        raise OperationalError("server closed the connection unexpectedly")
    except OperationalError:
        response = server_error(request)
    assert response.status_code == 503
    try:
        raise ValueError("a bug")
    except ValueError:
        response = server_error(request)
    assert response.status_code == 500


def test_healthz_is_503_when_the_database_is_down(outage):
    assert outage["healthz"]["status"] == 503


@override_settings(DEBUG=False)
@pytest.mark.urls("tests.urls_with_a_bug")
@pytest.mark.django_db
def test_other_errors_stay_500(member_client):
    member_client.raise_request_exception = False
    response = member_client.get("/a-page-with-a-bug/")
    assert response.status_code == 500
    assert "Sorry, there is a problem with the service" in response.content.decode()

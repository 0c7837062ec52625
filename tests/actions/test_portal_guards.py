"""The response portal's guards: too many requests refused per link and per address, and
no token in any log line (Django's request logs, gunicorn's access log)."""

import datetime as dt
import logging

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from actions.portal import respond_token
from actiontracker.logs import GunicornLogger, redact
from tests.actions.test_portal import action_for, organisation, page_path

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def mopac():
    organisation_ = organisation("Mayor's Office for Policing and Crime", "MOPAC")
    action_for(organisation_, "Send the budget figures.")
    return organisation_


def test_too_many_requests_are_refused_per_link_and_per_address(client, settings, mopac):
    settings.RESPOND_RATE_PER_LINK = 3
    settings.RESPOND_RATE_PER_ADDRESS = 5
    path = page_path(mopac.contact)
    assert [client.get(path).status_code for _ in range(4)] == [200, 200, 200, 429]
    limited = client.get(path)
    assert "Too many requests" in limited.content.decode()
    assert "budget" not in limited.content.decode().lower()
    assert limited["Retry-After"] == str(settings.RESPOND_RATE_WINDOW)
    # Guessing links from another address is limited by the address.
    other = Client(REMOTE_ADDR="10.0.0.9")
    made_up = [reverse("respond", args=[f"made-up-token-{n}"]) for n in range(6)]
    assert [other.get(path).status_code for path in made_up] == [404] * 5 + [429]


def test_no_token_reaches_the_logs(client, caplog, settings, mopac):
    settings.RESPOND_RATE_PER_LINK = 2
    token = respond_token(mopac.contact)
    tampered = token[:-2] + "zz"
    with caplog.at_level(logging.DEBUG):
        client.get(reverse("respond", args=[token]))
        client.get(reverse("respond", args=[tampered]))  # 404, which Django logs
        client.get(reverse("respond-answer", args=[token, "x" * 24]))
        client.get(reverse("respond", args=[token]))  # 429, logged too
    logged = caplog.text + "".join(r.getMessage() for r in caplog.records)
    assert "/respond/[link]/" in logged
    assert token not in logged and tampered not in logged
    assert token.split(":")[0] not in logged


def test_gunicorn_access_lines_carry_no_token():
    token = "eyJjb250YWN0IjoxfQ:1tAbCd:signature"
    assert redact(f"GET /respond/{token}/actions/abc/answer/ HTTP/1.1") == (
        "GET /respond/[link]/actions/abc/answer/ HTTP/1.1"
    )

    class Response:
        status = "200 OK"
        sent = 10
        headers = []

    class Request:
        headers = []

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/respond/{token}/",
        "PATH_INFO": f"/respond/{token}/",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "QUERY_STRING": "",
        "HTTP_REFERER": f"https://tracker.example.org/respond/{token}/",
    }
    from gunicorn.config import Config

    atoms = GunicornLogger(Config()).atoms(Response(), Request(), environ, dt.timedelta(0))
    assert token not in repr(atoms)
    assert atoms["r"] == "GET /respond/[link]/ HTTP/1.1"

"""Nothing a signed-in user is sent is cached: office machines are shared, so no page or
download of records may stay in a shared cache or on the browser's disk. The health check
answers plain HTTP in production, where a load balancer probes it."""

import pytest
from django.urls import reverse

from tests.test_production import run_in_production
from tests.test_url_roles import (  # noqa: F401 - fixtures
    ADMIN,
    EXPECTED,
    role_users,
    samples,
)

PRIVATE = "private, no-store"
# Views that say never_cache themselves (as the whole admin does): their value is kept.
OWN_VALUE = {"healthz", "login", "logout"}


def walk(client, samples):  # noqa: F811 - the fixture's value
    """(name, response) for every declared URL of the project and the admin."""
    for name, (kwargs, _expected) in EXPECTED.items():
        yield name, client.get(reverse(name, kwargs=kwargs(samples) if kwargs else None))
    for name in ADMIN:
        yield name, client.get(reverse(name))


@pytest.mark.parametrize("role", ["member", "officer", "monitoring"])
def test_every_page_and_download_to_a_signed_in_user_is_private_and_not_stored(
    client,
    samples,  # noqa: F811 - the fixture imported above
    role_users,  # noqa: F811 - the fixture imported above
    role,
):
    client.force_login(role_users[role])
    answered = []
    for name, response in walk(client, samples):
        if response.status_code == 200:
            answered.append(name)
        # Refusals and redirects too: a 403 page still says who is signed in.
        cache_control = {part.strip() for part in response.get("Cache-Control", "").split(",")}
        assert {"private", "no-store"} <= cache_control, f"{role} {name}"
        if name not in OWN_VALUE and not name.startswith("admin:"):
            assert response["Cache-Control"] == PRIVATE, f"{role} {name}"
    # The walk reached the pages and downloads each role may open.
    assert {"registers", "healthz"} <= set(answered)
    if role != "monitoring":
        assert {"paper-pdf", "correspondence-file", "action-export-xlsx"} <= set(answered)
    if role != "member":
        assert {"complaint-detail", "complaint-export"} <= set(answered)


@pytest.mark.django_db
def test_the_monitoring_officers_complaint_page_is_not_stored(client, monitoring_officer):
    from tests.factories import ComplaintFactory

    complaint = ComplaintFactory()
    client.force_login(monitoring_officer)
    response = client.get(reverse("complaint-detail", args=[complaint.pk]))
    assert response.status_code == 200
    assert response["Cache-Control"] == PRIVATE


PLAIN_HTTP_HEALTHZ = """
import django
django.setup()
from django.test import Client

client = Client()
health = client.get("/healthz")
print("healthz", health.status_code, health.content.decode())
print("login", client.get("/accounts/login/").status_code)
"""


def test_production_answers_the_health_check_over_plain_http(tmp_path):
    """With DEBUG=0 every other plain-HTTP request is sent to HTTPS; a load balancer's
    probe of /healthz is answered where it asks."""
    result = run_in_production(PLAIN_HTTP_HEALTHZ, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert lines["healthz"] == "200 ok"
    assert lines["login"] == "301"

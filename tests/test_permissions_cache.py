"""A user's permissions are kept in the cache between requests, and whatever changes them
takes effect at the next request."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actiontracker import roles


@pytest.fixture(autouse=True)
def production_backends(settings):
    """The production settings' backends: a user's permissions cached between requests."""
    backends = list(settings.AUTHENTICATION_BACKENDS)
    backends[-1] = "actiontracker.permissions.CachedModelBackend"
    settings.AUTHENTICATION_BACKENDS = backends


def permission_reads(client, url: str) -> tuple[int, int]:
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    return status, sum("auth_permission" in q["sql"] for q in queries)


def test_a_second_page_reads_no_permissions_from_the_database(officer_client):
    assert permission_reads(officer_client, "/actions/")[0] == 200
    assert permission_reads(officer_client, "/actions/") == (200, 0)


def test_leaving_a_role_takes_effect_at_the_next_request(officer_client, officer):
    assert officer_client.get("/actions/").status_code == 200
    officer.groups.remove(Group.objects.get(name=roles.OFFICERS))
    assert officer_client.get("/actions/").status_code == 403


def test_a_role_emptied_of_its_members_takes_effect_at_once(officer_client, officer):
    assert officer_client.get("/actions/").status_code == 200
    Group.objects.get(name=roles.OFFICERS).user_set.clear()
    assert officer_client.get("/actions/").status_code == 403


def test_a_permission_taken_from_a_role_takes_effect_at_the_next_request(member_client):
    assert member_client.get("/actions/").status_code == 200
    view_action = Permission.objects.get(codename="view_action")
    Group.objects.get(name=roles.MEMBERS).permissions.remove(view_action)
    assert member_client.get("/actions/").status_code == 403
    view_action.group_set.add(Group.objects.get(name=roles.MEMBERS))
    assert member_client.get("/actions/").status_code == 200


def test_a_deactivated_user_loses_every_permission(officer_client, officer):
    assert officer_client.get("/actions/").status_code == 200
    officer.is_active = False
    officer.save()
    assert officer_client.get("/actions/").status_code != 200

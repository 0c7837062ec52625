"""Views follow permissions, not group names.

Every view declares the permissions it needs; the roles (groups in ``actiontracker.roles``)
only grant them. So a user given a view's permissions directly gets in without any group,
and a member of a role whose group has lost the permission is refused, here as in the admin.
"""

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from actiontracker import roles
from actiontracker.permissions import PermissionRequiredMixin
from tests.factories import ActionFactory, UserFactory
from tests.test_url_roles import (  # noqa: F401 (the sample records fixture)
    EXPECTED,
    OPEN_API,
    OPEN_LISTS,
    samples,
)

pytestmark = pytest.mark.django_db

# Open to all; the response portal's page is reached by its signed link alone.
PUBLIC = {"healthz", "login", "logout", "respond", "respond-answer", "respond-new-date"}
# A user's private calendar: reached by its secret link alone (it signs nobody in).
PUBLIC |= {"private-calendar"}
# The open record's pages, calendars and feeds: for anyone, of committees that publish.
PUBLIC |= {
    "open-committees",
    "open-committee",
    "open-meetings-ics",
    "open-papers-atom",
    "open-paper",
    "open-meeting",
}
# Its lists as CSV files and its read-only JSON API (named bare in the URL patterns, with
# their namespace in EXPECTED).
PUBLIC |= {"open-committees-csv", "open-paper-actions-csv"}
PUBLIC |= {f"open-{name}-csv" for name in OPEN_LISTS}
PUBLIC |= set(OPEN_API) | {f"api-v1:{name}" for name in OPEN_API}
APPS = ("meetings", "actions", "correspondence", "papers")


def project_views(resolver=None):
    """(name, callback) of every URL pattern outside the admin, which checks its own."""
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace != "admin":
                yield from project_views(pattern)
        elif isinstance(pattern, URLPattern) and not str(pattern.pattern).startswith("^static/"):
            yield pattern.name or str(pattern.pattern), pattern.callback


def declared(view_class) -> tuple[str, ...]:
    wanted = view_class.permission_required
    return (wanted,) if isinstance(wanted, str) else tuple(wanted)


def permission(dotted: str) -> Permission:
    app_label, codename = dotted.split(".")
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def user_with(username: str, perms) -> object:
    """A user in no group, holding exactly ``perms``."""
    user = UserFactory(username=username)
    user.user_permissions.set(perms)
    return user


def url_views(records):
    """(name, url, view class) of every declared URL of the project."""
    for name, (kwargs, _expectations) in EXPECTED.items():
        if name in PUBLIC:
            continue
        url = reverse(name, kwargs=kwargs(records) if kwargs else None)
        yield name, url, resolve(url).func.view_class


def refused(response) -> bool:
    return response.status_code == 403 or response.url_is_login


def get(client, url):
    response = client.get(url)
    location = response.get("Location", "")
    response.url_is_login = response.status_code == 302 and location.startswith(
        reverse("login") + "?"
    )
    return response


def test_every_view_declares_permissions_that_exist():
    undeclared, unknown = [], []
    for name, callback in project_views():
        if name in PUBLIC:
            continue
        view_class = getattr(callback, "view_class", None)
        if not (view_class and issubclass(view_class, PermissionRequiredMixin)):
            undeclared.append(name)
            continue
        wanted = declared(view_class)
        if not wanted:
            undeclared.append(name)
        for dotted in wanted:
            app_label, _, codename = dotted.partition(".")
            if not Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).exists():
                unknown.append(f"{name}: {dotted}")
    assert undeclared == [], f"Views that declare no permission_required: {undeclared}"
    assert unknown == [], f"Views that declare a permission no model has: {unknown}"


def test_a_user_with_only_the_views_permissions_gets_in(client, request):
    """No group at all: the permissions the view declares are enough, each of them alone
    where any one will do (the start page and the registers' index)."""
    records = request.getfixturevalue("samples")
    for number, (name, url, view_class) in enumerate(url_views(records)):
        wanted = declared(view_class)
        grants = [[p] for p in wanted] if view_class.permission_any else [wanted]
        for count, perms in enumerate(grants):
            user = user_with(f"direct-{number}-{count}", [permission(p) for p in perms])
            client.force_login(user)
            response = get(client, url)
            assert not refused(response), f"{perms} GET {url} ({name}): {response.status_code}"


def test_a_user_with_every_other_permission_is_refused(client, request):
    """Every permission of the project but the one a view needs is not enough."""
    records = request.getfixturevalue("samples")
    every = list(Permission.objects.filter(content_type__app_label__in=APPS))
    for number, (name, url, view_class) in enumerate(url_views(records)):
        wanted = declared(view_class)
        # Where any one will do, each must go; else leaving out any one refuses.
        left_out = [wanted] if view_class.permission_any else [[p] for p in wanted]
        for count, missing in enumerate(left_out):
            missing_pks = {permission(p).pk for p in missing}
            perms = [p for p in every if p.pk not in missing_pks]
            client.force_login(user_with(f"without-{number}-{count}", perms))
            response = get(client, url)
            assert response.status_code == 403, f"without {missing} GET {url} ({name})"


def take_from_role(role: str, dotted: str) -> None:
    Group.objects.get(name=role).permissions.remove(permission(dotted))


def test_a_member_whose_group_lost_the_permission_is_refused(client, member):
    client.force_login(member)
    assert client.get(reverse("action-list")).status_code == 200
    assert client.get(reverse("home"))["Location"] == reverse("dashboard")

    take_from_role(roles.MEMBERS, "actions.view_action")

    assert client.get(reverse("action-list")).status_code == 403
    assert client.get(reverse("dashboard")).status_code == 403
    home = client.get(reverse("home"))
    assert home.status_code == 403
    assert b"You have no role yet" in home.content
    # Papers are a permission of their own, still held.
    papers = client.get(reverse("paper-committees"))
    assert papers.status_code == 200
    assert b'href="/actions/"' not in papers.content


def test_an_officer_whose_group_lost_deleting_is_refused_here_and_in_the_admin(client, officer):
    action = ActionFactory()
    client.force_login(officer)
    delete = reverse("action-delete", args=[action.pk])
    admin_delete = reverse("admin:actions_action_delete", args=[action.pk])
    assert client.get(delete).status_code == 200
    assert client.get(admin_delete).status_code == 200

    take_from_role(roles.OFFICERS, "actions.delete_action")

    assert client.get(delete).status_code == 403
    assert client.post(delete).status_code == 403
    assert client.get(admin_delete).status_code == 403
    page = client.get(action.get_absolute_url())
    assert b"Edit action" in page.content
    assert delete.encode() not in page.content


def test_a_permission_granted_to_one_user_shows_its_links_and_opens_its_pages(client):
    """The buttons a page shows follow the same permissions as the pages they open."""
    action = ActionFactory()
    user = user_with("editor", [permission("actions.view_action")])
    client.force_login(user)
    page = client.get(action.get_absolute_url()).content
    assert b"Edit action" not in page
    assert client.get(reverse("action-edit", args=[action.pk])).status_code == 403

    user.user_permissions.add(permission("actions.change_action"))
    page = client.get(action.get_absolute_url()).content
    assert b"Edit action" in page
    assert reverse("action-delete", args=[action.pk]).encode() not in page
    assert b'href="/papers/"' not in page
    assert client.get(reverse("action-edit", args=[action.pk])).status_code == 200


def test_the_superuser_opens_everything(client, request, django_user_model):
    records = request.getfixturevalue("samples")
    client.force_login(django_user_model.objects.create_superuser("root", "root@example.org", "pw"))
    for name, url, _view_class in url_views(records):
        response = get(client, url)
        assert not refused(response), f"superuser GET {url} ({name}): {response.status_code}"


def test_permissions_are_read_once_per_request_however_many_checks(client, officer):
    """The action page checks a dozen permissions (view, buttons, navigation): the user's
    permissions are read from the database once, not once per check."""
    action = ActionFactory()
    client.force_login(officer)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(action.get_absolute_url()).status_code == 200
    permission_reads = [q for q in queries if "auth_permission" in q["sql"]]
    # ModelBackend: one query for the user's own permissions, one for their groups'.
    assert len(permission_reads) <= 2, [q["sql"] for q in permission_reads]

"""The three roles of the application, kept as Django groups with model permissions.

Secretariat officers edit everything but confidential complaint details; committee members
read; the Monitoring Officer keeps the complaints register, confidential details included.
"""

from django.contrib.auth.models import Group, Permission

OFFICERS = "Secretariat officers"
MEMBERS = "Committee members"
MONITORING = "Monitoring Officer"

EDITABLE_APPS = ("meetings", "actions", "correspondence", "papers")
CONFIDENTIAL = ("correspondence", "view_confidential_complaint")


def _permissions(app_labels, actions):
    perms = Permission.objects.filter(content_type__app_label__in=app_labels)
    return [
        p
        for p in perms
        if p.codename.split("_", 1)[0] in actions
        and (p.content_type.app_label, p.codename) != CONFIDENTIAL
        and not p.codename.startswith(("add_historical", "change_historical", "delete_historical"))
    ]


def ensure_role_groups(**kwargs):
    """Create the role groups and (re)grant their permissions; safe to run repeatedly."""
    officers, _ = Group.objects.get_or_create(name=OFFICERS)
    officers.permissions.set(_permissions(EDITABLE_APPS, {"add", "change", "delete", "view"}))

    members, _ = Group.objects.get_or_create(name=MEMBERS)
    member_perms = [
        p
        for p in _permissions(EDITABLE_APPS, {"view"})
        if p.content_type.model != "complaint" and not p.codename.startswith("view_historical")
    ]
    members.permissions.set(member_perms)

    monitoring, _ = Group.objects.get_or_create(name=MONITORING)
    complaint_perms = Permission.objects.filter(
        content_type__app_label="correspondence", content_type__model="complaint"
    )
    committee_view = Permission.objects.filter(
        content_type__app_label="meetings", codename="view_committee"
    )
    monitoring.permissions.set([*complaint_perms, *committee_view])


def _in_group(user, name: str) -> bool:
    if not user.is_authenticated:
        return False
    if user.is_superuser:
        return True
    # Cached on the user object so templates and views ask the database once.
    cache = getattr(user, "_role_names", None)
    if cache is None:
        cache = set(user.groups.values_list("name", flat=True))
        user._role_names = cache
    return name in cache


def is_officer(user) -> bool:
    return _in_group(user, OFFICERS)


def is_member(user) -> bool:
    return _in_group(user, MEMBERS)


def is_monitoring_officer(user) -> bool:
    return _in_group(user, MONITORING)


def can_read_actions(user) -> bool:
    """Members and officers read actions, dashboards and papers."""
    return is_officer(user) or is_member(user)

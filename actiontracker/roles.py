"""The three roles of the application, kept as Django groups with model permissions.

Secretariat officers edit everything but confidential complaint details; committee members
read; the Monitoring Officer keeps the complaints register, confidential details included.

This is the one place a role means anything: views, templates and the admin ask only for
permissions (``actiontracker.permissions``), never for a group's name, so a permission
granted or taken away here, or to one user in the admin, changes what that user may do
everywhere at once.
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

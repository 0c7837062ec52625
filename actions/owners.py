"""Reads for the people behind the actions: the officers who may own them, an officer's own
actions, and the users who hold a permission (who may be told of a published paper)."""

import datetime

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.db.models import Count, Q, QuerySet

from actions.chasing import chase_due
from actions.models import Action


def holders_of(permission: str) -> QuerySet:
    """Active users holding ``permission`` ("app_label.codename"): superusers, and users
    given it themselves or through a group, in one query."""
    app_label, codename = permission.split(".")
    granted = Permission.objects.filter(content_type__app_label=app_label, codename=codename)
    users = get_user_model().objects.filter(is_active=True)
    return users.filter(
        Q(is_superuser=True) | Q(user_permissions__in=granted) | Q(groups__permissions__in=granted)
    ).distinct()


def officers() -> QuerySet:
    """Whoever may edit actions, so may own them: the owning officer choices."""
    return holders_of("actions.change_action").order_by("first_name", "last_name", "username")


def my_actions(*, user, today: datetime.date) -> list[Action]:
    """The user's open (ongoing) actions, oldest meeting first, each with ``overdue`` (past
    its due date), ``chase_count`` and ``next_chase`` (when its committee's rule chases it
    next, explained): a fixed number of queries however many there are."""
    actions = list(
        Action.objects.outstanding()
        .filter(owner=user)
        .select_related("committee", "agenda_item__meeting", "responsible_person__organisation")
        .annotate(chase_count=Count("follow_ups"))
        .order_by("meeting_date", "agenda_item__position", "position", "pk")
    )
    for action in actions:
        action.overdue = bool(action.due_date and action.due_date < today)
        action.next_chase = chase_due(action)
        action.chase_late = action.next_chase.due <= today
    return actions

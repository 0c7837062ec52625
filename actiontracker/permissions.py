"""Views say which permissions they need; the roles (groups in ``roles.py``) grant them.

A view, the admin and a template all ask the same question of the user, ``has_perm``, so
they cannot disagree about who may do what. ``CachedModelBackend`` (Django's
``ModelBackend``) reads a user's permissions once (one query for the user's own, one for
their groups'), keeps them in the cache until something changes them, and on the user
object, so every further check on the page is free. Superusers have every permission.
"""

import hashlib

from django.conf import settings
from django.contrib.auth import get_user_model, mixins
from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db.models.signals import m2m_changed, post_save, pre_delete
from django.dispatch import receiver


class PermissionRequiredMixin(mixins.PermissionRequiredMixin):
    """Needs every permission in ``permission_required`` ("app_label.codename"), or any one
    of them with ``permission_any``: a page that only gathers others, such as the start
    page. Anonymous users are sent to sign in; a signed-in user without it gets 403."""

    permission_any = False

    def has_permission(self):
        user = self.request.user
        wanted = self.get_permission_required()
        if self.permission_any:
            return any(user.has_perm(perm) for perm in wanted)
        return user.has_perms(wanted)


# A user's permissions, kept in the cache between requests: Django's ModelBackend reads
# them afresh on every request (two queries, and most of what a cached download or any
# other small page costs). Whatever changes them (a user's groups or own permissions, a
# group's permissions, a user's superuser or active flag) drops the copies it affects, and
# they live five minutes at most whatever happens.
PERMISSIONS_CACHE_SECONDS = 300


def _permissions_key(user) -> str:
    # The password hash (salted afresh for every account) tells apart two accounts that
    # had the same id in turn, as in tests that roll back.
    digest = hashlib.sha256(user.password.encode()).hexdigest()[:16]
    return f"permissions:{user.pk}:{digest}"


class CachedModelBackend(ModelBackend):
    """Django's ModelBackend, its permission sets read from the cache when there."""

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            key = _permissions_key(user_obj)
            permissions = cache.get(key)
            if permissions is None:
                permissions = super().get_all_permissions(user_obj)
                cache.set(key, permissions, PERMISSIONS_CACHE_SECONDS)
            user_obj._perm_cache = permissions
        return user_obj._perm_cache


def forget_permissions(users) -> None:
    """Drop the cached permissions of ``users`` (user objects)."""
    cache.delete_many([_permissions_key(user) for user in users])


def _users_of_groups(group_pks):
    return get_user_model().objects.filter(groups__in=group_pks).only("pk", "password")


@receiver(m2m_changed, dispatch_uid="permissions-forget-on-change")
def _forget_on_m2m_change(sender, instance, action, pk_set, **kwargs):
    # Before a clear (its pk_set is empty), after an add or a remove.
    if action not in ("pre_clear", "post_add", "post_remove"):
        return
    User = get_user_model()
    if sender not in (User.groups.through, User.user_permissions.through):
        if sender is Group.permissions.through:
            if isinstance(instance, Group):
                forget_permissions(_users_of_groups([instance.pk]))
            else:  # a permission given to or taken from groups
                groups = pk_set or Group.objects.filter(permissions=instance).values("pk")
                forget_permissions(_users_of_groups(groups))
        return
    if isinstance(instance, User):
        forget_permissions([instance])
    elif pk_set:  # a group's or permission's users added or removed
        forget_permissions(User.objects.filter(pk__in=pk_set).only("pk", "password"))
    elif isinstance(instance, Group):
        forget_permissions(_users_of_groups([instance.pk]))
    else:
        forget_permissions(User.objects.filter(user_permissions=instance).only("pk", "password"))


@receiver(post_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="permissions-forget-user")
def _forget_on_user_save(sender, instance, **kwargs):
    forget_permissions([instance])


@receiver(pre_delete, sender=Group, dispatch_uid="permissions-forget-group")
def _forget_on_group_delete(sender, instance, **kwargs):
    forget_permissions(_users_of_groups([instance.pk]))

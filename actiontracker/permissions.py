"""Views say which permissions they need; the roles (groups in ``roles.py``) grant them.

A view, the admin and a template all ask the same question of the user, ``has_perm``, so
they cannot disagree about who may do what. Django's ``ModelBackend`` reads a user's
permissions once per request (one query for the user's own, one for their groups') and
keeps them on the user object, so every further check on the page is free. Superusers have
every permission.
"""

from django.contrib.auth import mixins


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

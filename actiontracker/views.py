"""Project-wide views: the start page and the health check."""

from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views import View
from django.views.decorators.cache import never_cache

from actiontracker.permissions import PermissionRequiredMixin


@never_cache
def healthz(request):
    """200 "ok" when the database answers, 503 otherwise."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return HttpResponse("database unavailable", status=503, content_type="text/plain")
    return HttpResponse("ok", content_type="text/plain")


class HomeView(PermissionRequiredMixin, View):
    """Send each user to where their work is: the dashboard to those who read actions, the
    complaints register to those who keep it; a user with neither is told so."""

    permission_required = ("actions.view_action", "correspondence.view_complaint")
    permission_any = True

    def get(self, request):
        if request.user.has_perm("actions.view_action"):
            return redirect("dashboard")
        return redirect("complaint-list")

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            return render(self.request, "home.html", status=403)
        return super().handle_no_permission()


home = HomeView.as_view()

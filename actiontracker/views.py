"""Project-wide views: the start page and the health check."""

from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, connection
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache

from actiontracker import roles


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


@login_required
def home(request):
    """Send each role to where its work is."""
    if roles.can_read_actions(request.user):
        return redirect("dashboard")
    if roles.is_monitoring_officer(request.user):
        return redirect("complaint-list")
    return render(request, "home.html", status=403)

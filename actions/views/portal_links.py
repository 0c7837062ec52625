"""Portal links: each contact's visits to the response portal, and revoking a contact's
links (a link forwarded to the wrong person, a contact who has left)."""

from django.contrib import messages
from django.db.models import Count, Max
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from actions.portal import portal_links_revoke
from actiontracker.permissions import PermissionRequiredMixin
from meetings.models import Contact


class PortalLinksView(PermissionRequiredMixin, View):
    """Every contact with their visits; an officer revokes a contact's links here."""

    permission_required = "actions.change_portallinkgeneration"

    def get(self, request):
        contacts = (
            Contact.objects.select_related("organisation", "portal_links")
            .annotate(visits=Count("portal_visits"), last_visit=Max("portal_visits__at"))
            .order_by("organisation__name")
        )
        return render(request, "actions/portal_links.html", {"contacts": contacts})

    def post(self, request):
        chosen = request.POST.get("contact", "")
        if not chosen.isdigit():
            raise Http404("No such contact.")
        contact = get_object_or_404(Contact.objects.select_related("organisation"), pk=chosen)
        portal_links_revoke(contact=contact, by=request.user)
        messages.success(
            request,
            f"Every portal link sent to {contact.name} ({contact.organisation.label}) so far "
            "has stopped working; the next chase carries a new one.",
        )
        return redirect("portal-links")

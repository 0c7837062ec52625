"""Chases due: the organisations whose actions are due a chase today, by each committee's
rule, where an officer approves a chase for `send_chases` to send; and the chases sent
lately, failures first, which the next run tries again."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from actions.chase_models import ChaseMessage
from actions.chasing import chase_approve, chase_due, chases_due
from actiontracker.permissions import PermissionRequiredMixin
from meetings.models import Contact, Organisation

RECENT_MESSAGES = 30


class ChasesDueView(PermissionRequiredMixin, View):
    """The chases due today, each action's chase date explained, and recent deliveries."""

    permission_required = "actions.add_followup"

    def get(self, request):
        today = timezone.localdate()
        chases = chases_due(today)
        rows = [
            (
                chase,
                [(action, chase_due(action)) for action in chase.actions],
                [(action, chase_due(action)) for action in chase.letter_actions],
                list({a.committee_id: a.committee for a in chase.all_actions}.values()),
            )
            for chase in chases
        ]
        recent = ChaseMessage.objects.select_related("organisation").order_by("-updated_at", "-pk")[
            :RECENT_MESSAGES
        ]
        failed = [m for m in recent if m.status == ChaseMessage.Status.FAILED]
        bounced = Contact.objects.filter(bounced_at__isnull=False).select_related("organisation")
        return render(
            request,
            "actions/chases_due.html",
            {
                "today": today,
                "rows": rows,
                "recent": recent,
                "failed": failed,
                "bounced": bounced,
            },
        )

    def post(self, request):
        if "confirm_contact" in request.POST:
            return self.confirm(request)
        organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation"))
        chase_approve(organisation=organisation, date=timezone.localdate(), by=request.user)
        messages.success(
            request, f"The chase to {organisation.label} is approved: send_chases sends it."
        )
        return redirect("chases-due")

    def confirm(self, request):
        """An officer confirms a bounced address is right: its flag clears, and held
        chases go to it on the next run."""
        if not request.user.has_perm("meetings.change_contact"):
            raise PermissionDenied
        chosen = request.POST.get("confirm_contact", "")
        contact = get_object_or_404(
            Contact.objects.select_related("organisation"),
            pk=int(chosen) if chosen.isdigit() else 0,
            bounced_at__isnull=False,
        )
        address = contact.bounced_address
        contact.bounce_clear(f"Address {address} confirmed by {request.user.get_username()}")
        messages.success(
            request,
            f"{address} is confirmed for {contact.organisation.label}: the next send_chases "
            "sends its held chase.",
        )
        return redirect("chases-due")

"""Chases due: the organisations whose actions are due a chase today, by each committee's
rule, where an officer approves a chase for `send_chases` to send; and the chases sent
lately, failures first, which the next run tries again."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from actions.chase_models import ChaseMessage
from actions.chasing import chase_approve, chase_due, chases_due
from actiontracker.permissions import PermissionRequiredMixin
from meetings.models import Organisation

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
        return render(
            request,
            "actions/chases_due.html",
            {"today": today, "rows": rows, "recent": recent, "failed": failed},
        )

    def post(self, request):
        organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation"))
        chase_approve(organisation=organisation, date=timezone.localdate(), by=request.user)
        messages.success(
            request, f"The chase to {organisation.label} is approved: send_chases sends it."
        )
        return redirect("chases-due")

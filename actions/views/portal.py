"""The response portal: an organisation's contact follows the personal link in a chase to
see the actions the committee is waiting on. Reached by the signed link alone, no sign-in."""

from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.cache import never_cache

from actions.chasing import organisation_for_token
from actions.models import Action


@method_decorator(never_cache, name="dispatch")
class RespondView(View):
    """Read-only for now: the organisation's outstanding actions; replying comes later."""

    def get(self, request, token):
        organisation = organisation_for_token(token)
        if organisation is None:
            return render(request, "actions/respond_invalid.html", status=404)
        actions = (
            Action.objects.outstanding()
            .filter(responsible_person__organisation=organisation)
            .with_related()
            .select_related("committee")
            .order_by("meeting_date", "agenda_item__position", "position", "pk")
        )
        return render(
            request, "actions/respond.html", {"organisation": organisation, "actions": actions}
        )

"""The response portal: an organisation's contact follows the personal link in a chase to
see the actions the committee is waiting on. Reached by the signed link alone, no sign-in."""

from django.shortcuts import render
from django.views import View

from actions.chasing import organisation_for_token
from actions.models import Action


class RespondView(View):
    """Read-only for now: the organisation's outstanding actions; replying comes later."""

    def get(self, request, token):
        organisation = organisation_for_token(token)
        if organisation is None:
            return private(render(request, "actions/respond_invalid.html", status=404))
        actions = (
            Action.objects.outstanding()
            .filter(responsible_person__organisation=organisation)
            .with_related()
            .select_related("committee")
            .order_by("meeting_date", "agenda_item__position", "position", "pk")
        )
        return private(
            render(
                request, "actions/respond.html", {"organisation": organisation, "actions": actions}
            )
        )


def private(response):
    """The page is for the link's holder alone, signed in or not: no cache may keep it."""
    response["Cache-Control"] = "private, no-store"
    return response

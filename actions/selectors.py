"""Reads of actions. The register, its exports and the dashboard's links all filter here."""

from actions.filters import ActionFilter
from actions.models import Action


def action_register(*, data=None, queryset=None) -> ActionFilter:
    """The action register filtered by ``data`` (a QueryDict); its ``.qs`` has the joins
    the register shows, so listing a page costs a fixed number of queries."""
    base = queryset if queryset is not None else Action.objects.all()
    base = (
        base.with_related()
        .prefetch_related("lead_organisations")
        .order_by("-agenda_item__meeting__date", "agenda_item__position", "position", "id")
    )
    return ActionFilter(data=data, queryset=base)

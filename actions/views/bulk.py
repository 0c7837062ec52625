"""The register's bulk status change: the ticked actions marked completed or closed with one
note, each through the action services; one changed since the register was loaded is
refused and named, and the others change."""

from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import FormView

from actions import services
from actions.bulk_forms import BulkStatusForm, versions_from
from actions.selectors import actions_selected
from actiontracker.govuk import GovukFormViewMixin
from actiontracker.permissions import PermissionRequiredMixin

MAX_ACTIONS = 500


def _named(action) -> str:
    item = action.agenda_item
    return (
        f"“{action.short_text}” (item {item.number} of {services.format_date(item.meeting.date)})"
    )


class ActionBulkStatusView(PermissionRequiredMixin, GovukFormViewMixin, FormView):
    """GET: the ticked actions (with the versions the register showed) and the form;
    POST: the change."""

    permission_required = "actions.change_action"

    template_name = "actions/bulk_status.html"
    form_class = BulkStatusForm

    def source(self):
        return self.request.POST if self.request.method == "POST" else self.request.GET

    def selected_pks(self) -> list[int]:
        pks = [pk for pk in self.source().getlist("actions") if pk.isdigit()]
        return [int(pk) for pk in dict.fromkeys(pks)][:MAX_ACTIONS]

    def back(self) -> str:
        target = self.source().get("next", "")
        return target if target.startswith("/actions/") else reverse("action-list")

    def get_context_data(self, **kwargs):
        versions = versions_from(self.source(), self.selected_pks())
        selected = actions_selected(pks=list(versions))
        for action in selected:
            action.seen_version = versions[action.pk]
            action.changed_since = action.version != versions[action.pk]
        return super().get_context_data(selected=selected, next=self.back(), **kwargs)

    def form_valid(self, form):
        versions = versions_from(self.request.POST, self.selected_pks())
        if not versions:
            form.add_error(None, "Select at least one action in the register")
            return self.form_invalid(form)
        result = services.actions_set_status_bulk(
            versions=versions, status=form.cleaned_data["status"], note=form.cleaned_data["note"]
        )
        if result.changed:
            count = len(result.changed)
            label = dict(form.fields["status"].choices)[form.cleaned_data["status"]].lower()
            messages.success(
                self.request, f"{count} action{'s' if count != 1 else ''} marked {label}."
            )
        refused = [_named(a) for a in result.stale]
        refused += [f"action {pk} (deleted since)" for pk in result.gone]
        if refused:
            messages.error(
                self.request,
                f"Not changed, because {'it was' if len(refused) == 1 else 'they were'} "
                f"changed after you loaded the register: {'; '.join(refused)}. "
                "Check and try again.",
            )
        return redirect(self.back())

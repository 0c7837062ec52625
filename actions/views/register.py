"""Reading actions: the register, its exports and the action page."""

from django.http import Http404
from django.views.generic import DetailView, TemplateView
from django_tables2 import RequestConfig

from actions import exports
from actions.models import Action
from actions.selectors import (
    action_history,
    action_page,
    action_register,
    action_register_rows,
)
from actions.tables import ActionTable
from actiontracker.govuk import style_form
from actiontracker.permissions import PermissionRequiredMixin
from actiontracker.transactions import OutsideRequestTransactionMixin

PAGE_SIZE = 50


class ActionListView(OutsideRequestTransactionMixin, PermissionRequiredMixin, TemplateView):
    """The register: filter panel, sortable paginated table, exports, bulk follow-up."""

    permission_required = "actions.view_action"

    template_name = "actions/action_list.html"

    def get_context_data(self, **kwargs):
        register = action_register(data=self.request.GET or None)
        style_form(register.form)
        for field in register.form.fields.values():
            # "Any" says what an unset filter does; "---------" says nothing.
            if getattr(field, "empty_label", None) is not None:
                field.empty_label = "Any"
                # django-filter's choice iterator points at the class's field: rebind it.
                raw = getattr(field.choices, "choices", None)
                if raw is not None:
                    field.choices = raw
        # The tick boxes serve only the bulk follow-up.
        follows_up = self.request.user.has_perm("actions.add_followup")
        table = ActionTable(register.qs, exclude=() if follows_up else ("select",))
        RequestConfig(self.request, paginate={"per_page": PAGE_SIZE}).configure(table)
        table.back_path = self.request.get_full_path()
        table.show_committee_if_several()
        query = self.request.GET.copy()
        for key in ("page", "sort"):
            query.pop(key, None)
        return super().get_context_data(
            filter=register,
            table=table,
            export_query=query.urlencode(),
            wide_page=True,
            **kwargs,
        )


class ActionExportView(OutsideRequestTransactionMixin, PermissionRequiredMixin, TemplateView):
    """CSV or XLSX of exactly the rows the register's filter selects."""

    permission_required = "actions.view_action"

    def get(self, request, *args, **kwargs):
        rows = action_register_rows(data=request.GET or None)
        return exports.ACTION_REGISTER.response(rows, format=kwargs["format"])


class ActionDetailView(OutsideRequestTransactionMixin, PermissionRequiredMixin, DetailView):
    """The whole action: text, status, follow-ups, letters and its history of changes."""

    permission_required = "actions.view_action"

    template_name = "actions/action_detail.html"
    context_object_name = "action"

    def get_object(self, queryset=None):
        try:
            return action_page(pk=self.kwargs["pk"])
        except Action.DoesNotExist:
            raise Http404("No such action") from None

    def get_context_data(self, **kwargs):
        return super().get_context_data(history=action_history(action=self.object), **kwargs)

"""Officers' edits of actions: edit, follow up, set status, delete and restore."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.generic import FormView, ListView, TemplateView

from actions import services
from actions.forms import ActionForm, FollowUpForm, StatusForm
from actions.models import Action
from actions.selectors import actions_to_follow_up, deleted_actions
from actiontracker.govuk import GovukFormViewMixin
from actiontracker.permissions import PermissionRequiredMixin


class ActionMixin(PermissionRequiredMixin):
    """Loads the action named in the URL (live actions only)."""

    permission_required = "actions.change_action"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.action = get_object_or_404(Action.objects.with_related(), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(action=self.action, **kwargs)

    def get_success_url(self):
        return self.action.get_absolute_url()

    def refuse_stale(self, form, error: services.StaleEditError):
        """Show what the other officer changed; their save stands, ours is not written."""
        data = form.data.copy()
        data["version"] = error.action.version
        fresh = self.get_form_class()(data=data)
        fresh.is_valid()
        return self.render_to_response(
            self.get_context_data(form=fresh, conflict=error, error_links=[]), status=409
        )


class ActionEditView(ActionMixin, GovukFormViewMixin, FormView):
    template_name = "actions/action_form.html"
    form_class = ActionForm

    def get_initial(self):
        return ActionForm.initial_for(self.action)

    def post(self, request, *args, **kwargs):
        wording = request.POST.get("use_wording")
        if wording in services.STANDARD_WORDINGS:
            # Fill the standard text server-side, so it works without JavaScript.
            initial = {name: request.POST.get(name, "") for name in ActionForm.base_fields}
            initial["intro"] = services.STANDARD_WORDINGS[wording][1]
            return self.render_to_response(self.get_context_data(form=ActionForm(initial=initial)))
        return super().post(request, *args, **kwargs)

    def back_url(self) -> str:
        """Where the officer came from: the meeting page, when they came from one."""
        target = self.request.POST.get("next") or self.request.GET.get("next") or ""
        safe = url_has_allowed_host_and_scheme(target, allowed_hosts={self.request.get_host()})
        return target if safe and target.startswith("/meetings/") else ""

    def get_context_data(self, **kwargs):
        wordings = [(k, label) for k, (label, _t) in services.STANDARD_WORDINGS.items()]
        return super().get_context_data(wordings=wordings, back=self.back_url(), **kwargs)

    def get_success_url(self):
        return self.back_url() or super().get_success_url()

    def form_valid(self, form):
        fields = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
        try:
            services.action_update(
                action=self.action, expected_version=form.cleaned_data["version"], **fields
            )
        except services.StaleEditError as error:
            return self.refuse_stale(form, error)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, "The action was saved.")
        return redirect(self.get_success_url())


class ActionStatusView(ActionMixin, GovukFormViewMixin, FormView):
    template_name = "actions/action_status.html"
    form_class = StatusForm

    def get_initial(self):
        finishing = self.action.status == Action.Status.ONGOING
        return {
            "version": self.action.version,
            "status": Action.Status.COMPLETED if finishing else self.action.status,
            "note": "" if finishing else self.action.status_note,
            "on": self.action.finished_on,
        }

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            action = services.action_set_status(
                action=self.action,
                status=data["status"],
                note=data["note"],
                on=data["on"],
                letter=data["letter"],
                expected_version=data["version"],
            )
        except services.StaleEditError as error:
            return self.refuse_stale(form, error)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, f"The action is now {action.get_status_display()}.")
        return redirect(self.get_success_url())


class FollowUpView(PermissionRequiredMixin, GovukFormViewMixin, FormView):
    """Record one chase against every ticked action, updating their status notes."""

    permission_required = "actions.add_followup"

    template_name = "actions/followup_form.html"
    form_class = FollowUpForm

    def selected_pks(self):
        source = self.request.POST if self.request.method == "POST" else self.request.GET
        return [pk for pk in source.getlist("actions") if pk.isdigit()]

    def get_initial(self):
        return {"actions": self.selected_pks(), "method": "letter", "date": None}

    def get_context_data(self, **kwargs):
        selected = actions_to_follow_up(pks=self.selected_pks())
        back = self.request.GET.get("next") or self.request.POST.get("next") or ""
        return super().get_context_data(
            selected=selected,
            next=back if back.startswith("/actions/") else reverse("action-list"),
            **kwargs,
        )

    def form_valid(self, form):
        data = form.cleaned_data
        follow_ups = services.followup_record(
            actions=data["actions"],
            date=data["date"],
            method=data["method"],
            note=data["note"],
            letter=data["letter"],
            by=self.request.user,
        )
        count = len(follow_ups)
        messages.success(
            self.request,
            f"Follow-up of {services.format_date(data['date'])} recorded on "
            f"{count} action{'s' if count != 1 else ''}.",
        )
        target = self.request.POST.get("next", "")
        if target.startswith("/actions/"):
            return redirect(target)
        if count == 1:
            return redirect(follow_ups[0].action.get_absolute_url())
        return redirect("action-list")


class ActionDeleteView(ActionMixin, TemplateView):
    permission_required = "actions.delete_action"
    template_name = "actions/action_confirm_delete.html"

    def post(self, request, *args, **kwargs):
        services.action_delete(action=self.action)
        messages.success(request, "The action was deleted. Officers can restore it.")
        return redirect("action-deleted")


class DeletedActionListView(PermissionRequiredMixin, ListView):
    """Deleted actions, to those who may delete (and so restore) them."""

    permission_required = "actions.delete_action"
    template_name = "actions/action_deleted.html"
    context_object_name = "actions"
    paginate_by = 50

    def get_queryset(self):
        return deleted_actions()


class ActionRestoreView(PermissionRequiredMixin, TemplateView):
    permission_required = "actions.delete_action"
    template_name = "actions/action_confirm_restore.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.action = get_object_or_404(
                deleted_actions(), pk=kwargs["pk"], deleted_at__isnull=False
            )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(action=self.action, **kwargs)

    def post(self, request, *args, **kwargs):
        services.action_restore(action=self.action)
        messages.success(request, "The action was restored to the register.")
        return redirect(self.action.get_absolute_url())

"""An officer's own actions, and every user's own settings."""

from django import forms
from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from actions import account
from actions.owners import my_actions
from actiontracker.govuk import GovukFormMixin
from actiontracker.permissions import PermissionRequiredMixin


class MyActionsView(PermissionRequiredMixin, View):
    """The signed-in officer's open actions, with their due dates and chases."""

    permission_required = "actions.change_action"

    def get(self, request):
        today = timezone.localdate()
        actions = my_actions(user=request.user, today=today)
        return render(
            request,
            "actions/my_actions.html",
            {
                "actions": actions,
                "today": today,
                "overdue": sum(a.overdue for a in actions),
                "chase_late": sum(a.chase_late for a in actions),
            },
        )


class SettingsForm(GovukFormMixin, forms.Form):
    notify_on_publish = forms.BooleanField(
        required=False,
        label="E-mail me when a paper is published",
        help_text="To your account's e-mail address, for every paper of a committee you may see.",
    )


class SettingsView(PermissionRequiredMixin, View):
    """Your settings: the e-mail on publishing, and your private calendar link."""

    # Every member and officer holds it; what they change here is only their own.
    permission_required = "actions.view_usersettings"

    def get(self, request, form=None):
        settings = account.settings_of(request.user)
        form = form or SettingsForm(initial={"notify_on_publish": settings.notify_on_publish})
        return render(request, "actions/settings.html", {"form": form, "settings": settings})

    def post(self, request):
        what = request.POST.get("do")
        if what == "calendar-new":
            account.calendar_token_renew(user=request.user)
            messages.success(
                request, "Your calendar has a new secret link; the one before no longer works."
            )
        elif what == "calendar-off":
            account.calendar_token_revoke(user=request.user)
            messages.success(request, "Your calendar link is turned off.")
        else:
            form = SettingsForm(request.POST)
            if not form.is_valid():
                return self.get(request, form=form)
            account.settings_update(
                user=request.user, notify_on_publish=form.cleaned_data["notify_on_publish"]
            )
            messages.success(request, "Your settings were saved.")
        return redirect("account-settings")

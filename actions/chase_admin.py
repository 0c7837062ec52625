"""The chase e-mails in the admin: a read-only list with each one's delivery, and an action
that tries the undelivered ones again now. Imported by actions/admin.py."""

from django.contrib import admin, messages
from django.utils import timezone

from actions.chase_models import ChaseMessage
from actions.chasing import chase_retry


@admin.register(ChaseMessage)
class ChaseMessageAdmin(admin.ModelAdmin):
    list_display = ["date", "organisation", "recipient", "status", "attempts", "error", "sent_at"]
    list_filter = ["status", "date"]
    list_select_related = ["organisation"]
    search_fields = ["recipient", "organisation__name", "organisation__short_name"]
    date_hierarchy = "date"
    actions = ["retry"]
    readonly_fields = [f.name for f in ChaseMessage._meta.fields] + ["actions", "follow_ups"]
    fields = readonly_fields

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # a record of what was sent: read, never edited

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(
        description="Try the selected undelivered chases again now",
        permissions=["retry"],
    )
    def retry(self, request, queryset):
        today = timezone.localdate()
        failed = list(queryset.filter(status=ChaseMessage.Status.FAILED))
        for message in failed:
            outcome = chase_retry(message, today)
            if outcome is None:
                self.message_user(
                    request,
                    f"{message.organisation}: no action is due a chase any more.",
                    messages.WARNING,
                )
            elif outcome.status == ChaseMessage.Status.SENT:
                self.message_user(
                    request, f"{message.organisation}: sent to {outcome.email.recipient}."
                )
            else:
                self.message_user(
                    request,
                    f"{message.organisation}: not delivered: {outcome.error}",
                    messages.ERROR,
                )
        if not failed:
            self.message_user(request, "None of the selected chases failed.", messages.WARNING)

    def has_retry_permission(self, request):
        return request.user.has_perm("actions.add_followup")

"""The registers in the admin. Every save of a letter, complaint, disclosure or report
here goes through the register services, as the officers' pages do: the version goes up,
and a stale form is refused with what changed, nothing written."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.utils import timezone
from django.utils.http import urlencode
from simple_history.admin import SimpleHistoryAdmin

from actions.admin import adopt
from actiontracker.versioning import StaleEditError, VersionedAdminForm, stale_message
from correspondence import services
from correspondence.forms import COMPLAINT_PUBLIC_FIELDS
from correspondence.models import (
    CommitteeReport,
    Complaint,
    Correspondence,
    Recommendation,
    TransparencyDisclosure,
)
from correspondence.services import correspondence_delete, correspondence_restore
from correspondence.tables import disclosure_timeliness
from correspondence.validators import validate_letter_pdf


class VersionedServiceAdmin:
    """Saves through the register's service (``record``), refused when stale."""

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "version"]

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEditError as error:
            # Another save came between the form's check and ours: nothing was written.
            self.message_user(request, stale_message(error), messages.ERROR)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        return redirect(request.path)

    def record(self, request, form, instance, expected_version):
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        expected = form.cleaned_data.get("expected_version") if change else None
        saved = self.record(request, form, obj if change else None, expected)
        adopt(obj, saved)

    def save_related(self, request, form, formsets, change):
        # The record's relations were written with it by its service.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)


def _fields(form, names) -> dict:
    return {name: form.cleaned_data[name] for name in names if name in form.cleaned_data}


class CorrespondenceAdminForm(VersionedAdminForm):
    """Letters uploaded through the admin get the same checks as in the workspace."""

    class Meta:
        model = Correspondence
        fields = ["file"]  # the admin adds the fieldsets' fields

    def clean_file(self):
        upload = self.cleaned_data.get("file")
        # Only a new upload has a size and content to check; a kept file was checked before.
        if upload and hasattr(upload, "content_type"):
            validate_letter_pdf(upload)
        return upload


class AwaitingReplyFilter(admin.SimpleListFilter):
    title = "reply"
    parameter_name = "reply"

    def lookups(self, request, model_admin):
        return [("awaiting", "Awaiting a reply"), ("overdue", "Reply overdue")]

    def queryset(self, request, queryset):
        if self.value() == "awaiting":
            return queryset.awaiting_reply()
        if self.value() == "overdue":
            return queryset.overdue(timezone.localdate())
        return queryset


class DeletedFilter(admin.SimpleListFilter):
    """Records deleted (soft-deleted, restorable) or not."""

    title = "deleted"
    parameter_name = "deleted"

    def lookups(self, request, model_admin):
        return [("no", "Not deleted"), ("yes", "Deleted")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(deleted_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(deleted_at__isnull=True)
        return queryset


LETTER_RESTORE_HINT = (
    "Deleted letters stay on record with their files: restore them from Deleted letters or here."
)


@admin.register(Correspondence)
class CorrespondenceAdmin(VersionedServiceAdmin, SimpleHistoryAdmin):
    """Letters. Deleting one only marks it deleted (restorable): it keeps its file, and the
    papers, follow-ups and replies naming it keep it."""

    form = CorrespondenceAdminForm
    list_display = [
        "date",
        "direction",
        "sender",
        "recipient",
        "subject",
        "reference",
        "reply_due",
        "committee",
        "deleted_at",
    ]
    list_filter = ["direction", AwaitingReplyFilter, "committee", "organisation", DeletedFilter]
    readonly_fields = ["deleted_at"]
    actions = ["restore_selected"]
    list_select_related = ["committee", "organisation"]
    search_fields = ["subject", "reference", "sender", "recipient", "summary"]
    date_hierarchy = "date"
    autocomplete_fields = ["answers", "in_reply_to"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "committee",
                    "direction",
                    ("date", "received_on"),
                    ("sender", "recipient"),
                    "organisation",
                    "subject",
                    "reference",
                    "summary",
                    "file",
                    ("version", "expected_version"),
                ]
            },
        ),
        ("Replies", {"fields": ["answers", "in_reply_to", "reply_due"]}),
        (
            "Drafting and clearance",
            {
                "fields": [
                    ("drafted_by", "drafted_on"),
                    ("cleared_by_line_manager", "cleared_by_line_manager_on"),
                    ("cleared_by_chief_executive", "cleared_by_chief_executive_on"),
                ]
            },
        ),
    ]

    def record(self, request, form, instance, expected_version):
        # The service removes a replaced file from storage once the change commits.
        upload = form.cleaned_data.get("file")
        return services.correspondence_record(
            data=_fields(form, services.CORRESPONDENCE_FIELDS),
            answers=form.cleaned_data.get("answers") or (),
            file=upload if hasattr(upload, "content_type") else None,
            # The admin sets the reply date itself: blank means no reply expected.
            reply_expected=form.cleaned_data.get("reply_due") is not None,
            instance=instance,
            expected_version=expected_version,
        )

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if request.resolver_match and request.resolver_match.url_name == "autocomplete":
            # Other records' letter pickers offer live letters only.
            queryset = queryset.filter(deleted_at__isnull=True)
        return queryset, may_have_duplicates

    def get_deleted_objects(self, objs, request):
        # Deleting only marks the letters deleted: nothing else goes with them.
        objs = list(objs)
        return [str(obj) for obj in objs], {"letters": len(objs)}, set(), []

    def delete_model(self, request, obj):
        correspondence_delete(letter=obj)
        self.message_user(request, LETTER_RESTORE_HINT)

    def delete_queryset(self, request, queryset):
        for letter in queryset:
            correspondence_delete(letter=letter)
        self.message_user(request, LETTER_RESTORE_HINT)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            function, name, _ = actions["delete_selected"]
            actions["delete_selected"] = (function, name, "Delete selected letters (restorable)")
        return actions

    @admin.action(description="Restore selected deleted letters", permissions=["delete"])
    def restore_selected(self, request, queryset):
        letters = list(queryset.filter(deleted_at__isnull=False))
        for letter in letters:
            correspondence_restore(letter=letter)
        self.message_user(
            request, f"Restored {len(letters)} letter{pluralize(letters)}.", messages.SUCCESS
        )


@admin.register(Complaint)
class ComplaintAdmin(VersionedServiceAdmin, SimpleHistoryAdmin):
    """Confidential fields reach only the Monitoring Officer: for anyone else they are left
    out of the form, the columns, the search and the ordering, and a URL lookup on them
    (``?confidential_details__startswith=…``) is refused with the same 400 whatever the
    value, so the results cannot be used to guess the text a letter at a time."""

    form = VersionedAdminForm
    list_display = ["received_on", "concerning", "decision", "decided_on", "deadline", "committee"]
    list_filter = ["decision", "committee"]
    list_select_related = ["committee"]
    search_fields = ["concerning", "public_summary"]
    date_hierarchy = "received_on"

    @staticmethod
    def _confidential(request) -> bool:
        return request is not None and Complaint.confidential_visible_to(request.user)

    @staticmethod
    def _public(names):
        return [name for name in names if not Complaint.names_confidential_field(str(name))]

    def lookup_allowed(self, lookup, value, request=None):
        if Complaint.names_confidential_field(lookup) and not self._confidential(request):
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_search_fields(self, request):
        fields = list(super().get_search_fields(request))
        if self._confidential(request):
            return [*fields, *Complaint.CONFIDENTIAL_FIELDS]
        return self._public(fields)

    def get_list_display(self, request):
        display = super().get_list_display(request)
        return display if self._confidential(request) else self._public(display)

    def get_sortable_by(self, request):
        sortable = super().get_sortable_by(request)
        return sortable if self._confidential(request) else self._public(sortable)

    def get_ordering(self, request):
        ordering = super().get_ordering(request) or ()
        return ordering if self._confidential(request) else self._public(ordering)

    def get_fields(self, request, obj=None):
        fields = list(COMPLAINT_PUBLIC_FIELDS)
        if self._confidential(request):
            fields.insert(4, "confidential_details")
        return [*fields, "version", "expected_version"]

    def record(self, request, form, instance, expected_version):
        return services.complaint_record(
            data=_fields(form, services.COMPLAINT_FIELDS),
            instance=instance,
            can_see_confidential=self._confidential(request),
            expected_version=expected_version,
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        return readonly if self._confidential(request) else self._public(readonly)

    def get_exclude(self, request, obj=None):
        exclude = list(super().get_exclude(request, obj) or [])
        if self._confidential(request):
            return exclude
        return [*exclude, *Complaint.CONFIDENTIAL_FIELDS]

    def get_preserved_filters(self, request):
        # The change, history and delete pages carry the list's filters along
        # (``_changelist_filters``); drop confidential ones so no page echoes them.
        preserved = super().get_preserved_filters(request)
        if not preserved or self._confidential(request):
            return preserved
        filters = QueryDict(QueryDict(preserved).get("_changelist_filters", ""), mutable=True)
        for key in list(filters):
            if Complaint.names_confidential_field(key):
                del filters[key]
        return urlencode({"_changelist_filters": filters.urlencode()}) if filters else ""


class LateDisclosureFilter(admin.SimpleListFilter):
    title = "disclosed within 28 days"
    parameter_name = "late"

    def lookups(self, request, model_admin):
        return [("yes", "Late (over 28 days)")]

    def queryset(self, request, queryset):
        return queryset.late() if self.value() == "yes" else queryset


@admin.register(TransparencyDisclosure)
class TransparencyDisclosureAdmin(VersionedServiceAdmin, SimpleHistoryAdmin):
    form = VersionedAdminForm
    list_display = ["disclosed_on", "member", "contact_date", "with_whom", "late", "committee"]
    list_filter = [LateDisclosureFilter, "committee"]
    list_select_related = ["committee"]
    search_fields = ["member", "with_whom", "details"]
    date_hierarchy = "disclosed_on"

    @admin.display(description="Within 28 days?")
    def late(self, obj):
        # Text, not an icon: lateness must not rest on colour alone.
        return disclosure_timeliness(obj)

    def record(self, request, form, instance, expected_version):
        return services.disclosure_record(
            data=_fields(form, services.DISCLOSURE_FIELDS),
            instance=instance,
            expected_version=expected_version,
        )


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    extra = 0
    fields = [("number", "outcome"), "text", "sub_points", "response"]


@admin.register(CommitteeReport)
class CommitteeReportAdmin(VersionedServiceAdmin, admin.ModelAdmin):
    """Reports, written with their recommendations in one call of the report service."""

    form = VersionedAdminForm
    list_display = ["title", "agreed_on", "addressed_to", "committee"]
    list_filter = ["committee", "addressed_to"]
    list_select_related = ["committee", "addressed_to"]
    search_fields = ["title"]
    autocomplete_fields = ["response_letter"]
    inlines = [RecommendationInline]

    def save_model(self, request, obj, form, change):
        pass  # written with its recommendations in save_related

    def save_related(self, request, form, formsets, change):
        wanted = []
        for formset in formsets:
            for inline in formset.forms:
                dropped = inline in formset.deleted_forms
                if dropped or (inline.instance.pk is None and not inline.has_changed()):
                    continue
                wanted.append(_fields(inline, services.RECOMMENDATION_FIELDS))
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        saved = services.report_record(
            data=_fields(form, services.REPORT_FIELDS),
            recommendations=wanted,
            instance=form.instance if change else None,
            expected_version=form.cleaned_data.get("expected_version") if change else None,
        )
        adopt(form.instance, saved)


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["report", "number", "outcome"]
    list_filter = ["outcome", "report"]
    autocomplete_fields = ["report"]
    list_select_related = ["report"]
    search_fields = ["text", "response"]

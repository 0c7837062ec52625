"""Papers in the admin. A published paper is read-only and never deleted; a draft is
saved through the paper services, and deleting it only marks it deleted, restorable."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize

from actiontracker.versioning import StaleEditError, VersionedAdminForm, stale_message
from correspondence.admin import DeletedFilter
from papers import services
from papers.models import Paper, PaperCorrespondence

admin.site.site_header = "Action Tracker administration"
admin.site.site_title = "Action Tracker"

RESTORE_HINT = "Deleted draft papers stay on record: restore them here (filter by deleted)."


class PaperCorrespondenceInline(admin.TabularInline):
    """A draft's letters; a published paper's are fixed with it."""

    model = PaperCorrespondence
    extra = 0
    autocomplete_fields = ["correspondence"]

    def _draft(self, obj) -> bool:
        return obj is None or not obj.is_published

    def has_add_permission(self, request, obj=None):
        return self._draft(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._draft(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._draft(obj) and super().has_delete_permission(request, obj)


@admin.register(Paper)
class PaperAdmin(admin.ModelAdmin):
    form = VersionedAdminForm
    list_display = ["meeting", "kind", "subject", "status", "published_at", "deleted_at"]
    list_filter = ["kind", "status", "meeting__committee", DeletedFilter]
    list_select_related = ["meeting__committee"]
    search_fields = ["subject", "meeting__committee__name"]
    autocomplete_fields = ["meeting"]
    filter_horizontal = ["contact_officers"]
    readonly_fields = [
        "status",
        "version",
        "published_at",
        "published_by",
        "imported_from",
        "deleted_at",
    ]
    inlines = [PaperCorrespondenceInline]
    actions = ["restore_selected"]

    def get_queryset(self, request):
        # Officers see deleted drafts here too, so they can restore them.
        return Paper.all_objects.select_related(*self.list_select_related).defer(
            "pdf", "published_html"
        )

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if obj is not None:
            # What the paper is (its meeting and kind) stays; its texts are edited.
            readonly += ["meeting", "kind", "committee_report"]
        return readonly

    def has_change_permission(self, request, obj=None):
        # A published paper is frozen.
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # A published paper is never deleted, by anyone.
        if obj is not None and obj.is_published:
            return False
        return super().has_delete_permission(request, obj)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except StaleEditError as error:
            # Another save came between the form's check and ours: nothing was written.
            self.message_user(request, stale_message(error), messages.ERROR)
        except ValidationError as error:
            # Published or deleted meanwhile: the services refused, nothing was written.
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        return redirect(request.path)

    def save_model(self, request, obj, form, change):
        if not change:
            return super().save_model(request, obj, form, change)
        data = {n: form.cleaned_data[n] for n in services.EDITABLE_FIELDS if n in form.cleaned_data}
        expected = form.cleaned_data.get("expected_version")
        saved = services.paper_update(
            paper=obj,
            data=data,
            contact_officers=form.cleaned_data.get("contact_officers"),
            expected_version=expected,
        )
        obj.updated_at, obj.version = saved.updated_at, saved.version
        form.paper_contents = services.paper_contents(saved)

    def save_related(self, request, form, formsets, change):
        # The contact officers were written by paper_update; the letters' rows are saved
        # here, and raise the version if they changed the paper.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)
        if change:
            services.paper_raise_version(form.instance, form.paper_contents)

    def get_deleted_objects(self, objs, request):
        # Deleting only marks drafts deleted: their letters and render jobs stay. A
        # published paper in the selection refuses the whole delete.
        objs = list(objs)
        refused = {f"{obj} (published: never deleted)" for obj in objs if obj.is_published}
        return [str(obj) for obj in objs], {"papers": len(objs)}, refused, []

    def delete_model(self, request, obj):
        services.paper_delete(paper=obj)
        self.message_user(request, RESTORE_HINT)

    def delete_queryset(self, request, queryset):
        for paper in queryset:
            services.paper_delete(paper=paper)
        self.message_user(request, RESTORE_HINT)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            function, name, _ = actions["delete_selected"]
            actions["delete_selected"] = (
                function,
                name,
                "Delete selected draft papers (restorable)",
            )
        return actions

    @admin.action(description="Restore selected deleted draft papers", permissions=["delete"])
    def restore_selected(self, request, queryset):
        restored = 0
        for paper in queryset.filter(deleted_at__isnull=False):
            try:
                services.paper_restore(paper=paper)
                restored += 1
            except ValidationError as error:
                self.message_user(request, f"{paper}: {' '.join(error.messages)}", messages.ERROR)
        self.message_user(request, f"Restored {restored} paper{pluralize(restored)}.")

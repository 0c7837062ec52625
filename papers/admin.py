from django.contrib import admin

from papers.models import Paper, PaperCorrespondence

admin.site.site_header = "Action Tracker administration"
admin.site.site_title = "Action Tracker"


class PaperCorrespondenceInline(admin.TabularInline):
    model = PaperCorrespondence
    extra = 0
    autocomplete_fields = ["correspondence"]


@admin.register(Paper)
class PaperAdmin(admin.ModelAdmin):
    list_display = ["meeting", "kind", "subject", "status", "published_at"]
    list_filter = ["kind", "status", "meeting__committee"]
    list_select_related = ["meeting__committee"]
    search_fields = ["subject", "meeting__committee__name"]
    autocomplete_fields = ["meeting"]
    filter_horizontal = ["contact_officers"]
    readonly_fields = ["status", "published_at", "published_by", "imported_from"]
    inlines = [PaperCorrespondenceInline]

    def has_change_permission(self, request, obj=None):
        # A published paper is frozen.
        if obj is not None and obj.is_published:
            return False
        return super().has_change_permission(request, obj)

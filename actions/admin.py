from django.contrib import admin
from django.db.models import Q
from simple_history.admin import SimpleHistoryAdmin

from actions.models import Action, FollowUp, ResponsiblePerson
from meetings.admin import AgendaItemAdmin
from meetings.models import AgendaItem


@admin.register(ResponsiblePerson)
class ResponsiblePersonAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "email", "is_internal"]
    list_filter = ["is_internal", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "organisation__name", "organisation__short_name"]


class FollowUpInline(admin.TabularInline):
    model = FollowUp
    extra = 0
    fields = ["date", "method", "note", "by", "letter"]
    autocomplete_fields = ["letter"]
    raw_id_fields = ["by"]


class DeletedFilter(admin.SimpleListFilter):
    title = "deleted"
    parameter_name = "deleted"

    def lookups(self, request, model_admin):
        return [("no", "Live actions"), ("yes", "Deleted actions")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(deleted_at__isnull=False)
        if self.value() == "no":
            return queryset.filter(deleted_at__isnull=True)
        return queryset


@admin.register(Action)
class ActionAdmin(SimpleHistoryAdmin):
    list_display = [
        "meeting_date",
        "item_number",
        "responsible_person",
        "short_text",
        "status",
        "last_chased_on",
        "committee",
    ]
    list_filter = [
        "status",
        "agenda_item__meeting__committee",
        "responsible_person__organisation",
        "lead_organisations",
        DeletedFilter,
    ]
    # The meeting's date and committee in the list are the action's copies of them.
    list_select_related = ["agenda_item", "committee", "responsible_person__organisation"]
    search_fields = ["intro", "status_note", "agenda_item__title", "responsible_person__name"]
    date_hierarchy = "agenda_item__meeting__date"
    autocomplete_fields = ["responsible_person", "agenda_item"]
    filter_horizontal = ["lead_organisations"]
    readonly_fields = ["version", "created_at", "updated_at", "last_chased_on", "reported_in"]
    inlines = [FollowUpInline]
    fieldsets = [
        (None, {"fields": ["agenda_item", ("number", "position"), "responsible_person"]}),
        ("Action", {"fields": ["intro", "requested_items"]}),
        ("Status", {"fields": [("status", "finished_on"), "status_note", "last_chased_on"]}),
        ("Timing", {"fields": [("timing", "due_date"), "lead_organisations"]}),
        (
            "Record",
            {"fields": ["reported_in", "version", "created_at", "updated_at", "deleted_at"]},
        ),
    ]

    def get_queryset(self, request):
        # Officers see deleted actions here too, so they can restore them.
        return Action.all_objects.select_related(*self.list_select_related)

    def get_search_results(self, request, queryset, search_term):
        queryset, may_have_duplicates = super().get_search_results(request, queryset, search_term)
        if search_term:
            # Requested items live in a JSON list; search them as text as well.
            queryset |= self.get_queryset(request).filter(Q(requested_items__icontains=search_term))
        return queryset, may_have_duplicates

    @admin.display(description="Item", ordering="agenda_item__number")
    def item_number(self, obj):
        return obj.agenda_item.number

    @admin.display(description="Action")
    def short_text(self, obj):
        return obj.intro if len(obj.intro) <= 90 else obj.intro[:87] + "…"


@admin.register(FollowUp)
class FollowUpAdmin(SimpleHistoryAdmin):
    list_display = ["date", "method", "action", "by"]
    list_filter = ["method", "action__agenda_item__meeting__committee"]
    list_select_related = ["action__agenda_item__meeting__committee", "by"]
    search_fields = ["note", "action__intro"]
    date_hierarchy = "date"
    raw_id_fields = ["action", "by"]
    autocomplete_fields = ["letter"]


class ActionInline(admin.StackedInline):
    model = Action
    extra = 0
    fields = [
        ("number", "position"),
        "responsible_person",
        "intro",
        "requested_items",
        ("status", "finished_on"),
        "status_note",
        ("timing", "due_date"),
    ]
    autocomplete_fields = ["responsible_person"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("responsible_person__organisation")


class AgendaItemWithActionsAdmin(AgendaItemAdmin):
    """The meetings app's agenda item admin, with the item's actions inline (the actions
    app adds them: meetings sits below actions and does not know them)."""

    inlines = [ActionInline]


admin.site.unregister(AgendaItem)
admin.site.register(AgendaItem, AgendaItemWithActionsAdmin)

from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from meetings.models import (
    AgendaItem,
    Committee,
    Contact,
    ContactOfficer,
    Meeting,
    Organisation,
)


class ContactOfficerInline(admin.TabularInline):
    model = ContactOfficer
    extra = 0


@admin.register(Committee)
class CommitteeAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "report_of", "slug", "publishes_openly"]
    list_filter = ["kind", "publishes_openly"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["people"]
    inlines = [ContactOfficerInline]


class ContactInline(admin.StackedInline):
    model = Contact
    extra = 0


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name"]
    inlines = [ContactInline]
    search_fields = ["name", "short_name"]


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 1
    fields = ["number", "title", "position"]
    show_change_link = True


@admin.register(Meeting)
class MeetingAdmin(SimpleHistoryAdmin):
    list_display = ["date", "committee", "kind", "title"]
    list_filter = ["committee", "kind"]
    list_select_related = ["committee"]
    search_fields = ["title", "committee__name", "items__title"]
    date_hierarchy = "date"
    inlines = [AgendaItemInline]


@admin.register(AgendaItem)
class AgendaItemAdmin(SimpleHistoryAdmin):
    list_display = ["number", "title", "meeting"]
    list_filter = ["meeting__committee"]
    list_select_related = ["meeting__committee"]
    search_fields = ["title", "number"]
    autocomplete_fields = ["meeting"]

from django import forms
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


class ContactForm(forms.ModelForm):
    address_confirmed = forms.BooleanField(
        label="The bounced address is right: send to it again",
        required=False,
        help_text="Clears the bounce flag. Correcting the address clears it too.",
    )

    class Meta:
        model = Contact
        fields = [
            "name",
            "email",
            "postal_address",
            "deputy_name",
            "deputy_email",
        ]

    def save(self, commit=True):
        contact = super().save(commit=False)
        if self.cleaned_data.get("address_confirmed") and contact.bounced_at:
            contact._change_reason = f"Address {contact.bounced_address} confirmed"
            contact._clear_flag()
        if commit:
            contact.save()
        return contact


class ContactInline(admin.StackedInline):
    model = Contact
    form = ContactForm
    extra = 0
    readonly_fields = ["bounced_address", "bounced_at", "bounce_reason"]


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

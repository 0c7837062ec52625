"""The actions in the admin. Every save, chase and delete here goes through the action
services, as the officers' own pages do: the version goes up, a stale form is refused with
what changed, and a delete only marks the action deleted, restorable."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect
from django.template.defaultfilters import pluralize
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from actions import services
from actions.models import Action, FollowUp, PersonContact, ResponsiblePerson
from actions.owners import officers
from actiontracker.cleaninput import CleanInputFormMixin
from meetings.admin import AgendaItemAdmin
from meetings.models import AgendaItem


class PersonContactInline(admin.StackedInline):
    """The person's own contact, chased before their organisation's; its changes are kept
    in its history."""

    model = PersonContact
    extra = 0
    max_num = 1


@admin.register(ResponsiblePerson)
class ResponsiblePersonAdmin(admin.ModelAdmin):
    inlines = [PersonContactInline]
    list_display = ["name", "organisation", "email", "is_internal"]
    list_filter = ["is_internal", "organisation"]
    list_select_related = ["organisation"]
    search_fields = ["name", "organisation__name", "organisation__short_name"]


def stale_message(error: services.StaleEditError) -> str:
    """The admin's words for a save refused because someone saved the action first."""
    who = f" ({error.changed_by.get_username()})" if error.changed_by else ""
    changes = "; ".join(f"{c.label}: “{c.old}” → “{c.new}”" for c in error.changes)
    return (
        f"Another officer changed this action while you were editing it{who}; your changes "
        f"were not saved. What they changed: {changes or 'see its history'}. Reload the "
        "page to edit the current version."
    )


def adopt(obj, saved) -> None:
    """Let the admin carry on (inlines, its log, the redirect) with the record as the
    services saved it."""
    for field in type(saved)._meta.concrete_fields:
        setattr(obj, field.attname, getattr(saved, field.attname))
    obj._state.adding = False
    obj._state.db = saved._state.db


class ActionAdminForm(CleanInputFormMixin, forms.ModelForm):
    """An action as the admin edits it, carrying the version it was opened at."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        expected = cleaned.get("expected_version")
        if self.instance.pk is not None and expected is not None:
            try:
                # Locks the row until the admin's save ends, so the check holds for it.
                services.action_check_version(action=self.instance, expected_version=expected)
            except services.StaleEditError as error:
                raise ValidationError(stale_message(error)) from error
        return cleaned

    def record_fields(self) -> dict:
        """The form's values of the fields the action services write."""
        return {n: self.cleaned_data[n] for n in services.RECORD_FIELDS if n in self.cleaned_data}


class FollowUpAdminForm(CleanInputFormMixin, forms.ModelForm):
    """A chase as the admin records it. Once recorded, its action and date stay: the
    action's last chase and status note were derived from them."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            for name in ("action", "date"):
                if name in self.fields:
                    self.fields[name].disabled = True

    def clean_date(self):
        date = self.cleaned_data.get("date")
        if date and date > timezone.localdate() and not self.fields["date"].disabled:
            raise forms.ValidationError("The date of the follow-up must be today or in the past")
        return date


def record_follow_up(action, data: dict) -> list[FollowUp]:
    return services.followup_record(
        actions=[action],
        date=data["date"],
        method=data["method"],
        note=data.get("note", ""),
        by=data.get("by"),
        letter=data.get("letter"),
    )


def correct_follow_up(form) -> tuple[FollowUp, list[str]]:
    changed = [n for n in form.changed_data if n in services.FOLLOW_UP_FIELDS]
    data = {n: form.cleaned_data[n] for n in changed}
    return services.followup_update(follow_up=form.instance, data=data), changed


class FollowUpInline(admin.TabularInline):
    """An action's chases: added and corrected through the follow-up services, never
    deleted (a chase is a record of what was sent)."""

    model = FollowUp
    form = FollowUpAdminForm
    can_delete = False
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


RESTORE_HINT = "Deleted actions stay on record: restore them from Deleted actions or here."


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
    readonly_fields = [
        "version",
        "created_at",
        "updated_at",
        "last_chased_on",
        "reported_in",
        "deleted_at",
    ]
    form = ActionAdminForm
    inlines = [FollowUpInline]
    actions = ["restore_selected"]
    fieldsets = [
        (None, {"fields": ["agenda_item", ("number", "position"), "responsible_person", "owner"]}),
        ("Action", {"fields": ["intro", "requested_items"]}),
        ("Status", {"fields": [("status", "finished_on"), "status_note", "last_chased_on"]}),
        ("Timing", {"fields": [("timing", "due_date"), "lead_organisations"]}),
        (
            "Record",
            {
                "fields": [
                    "reported_in",
                    ("version", "expected_version"),
                    "created_at",
                    "updated_at",
                    "deleted_at",
                ]
            },
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "owner":
            kwargs["queryset"] = officers()  # only those who may edit actions own them
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except services.StaleEditError as error:
            # Another save came between the form's check and ours: nothing was written.
            self.message_user(request, stale_message(error), messages.ERROR)
            return redirect(request.path)

    def save_model(self, request, obj, form, change):
        leads = form.cleaned_data.get("lead_organisations")
        if change:
            saved = services.action_change(
                action=obj,
                data=form.record_fields(),
                expected_version=form.cleaned_data.get("expected_version"),
                lead_organisations=leads,
            )
        else:
            saved = services.action_create(**form.record_fields(), lead_organisations=leads or ())
        adopt(obj, saved)

    def save_related(self, request, form, formsets, change):
        # The lead organisations were written with the action; only the chases remain.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline in formset.forms:
            if not inline.has_changed():
                continue
            if inline.instance.pk is None:
                formset.new_objects += record_follow_up(form.instance, inline.cleaned_data)
            else:
                formset.changed_objects.append(correct_follow_up(inline))

    def revert_disabled(self, request, obj=None):
        # A past version's form carries that version's number, so saving it would be
        # refused as stale; officers copy the values they want into the change form.
        return True

    def get_deleted_objects(self, objs, request):
        # Deleting only marks the actions deleted: their chases, letters and history stay,
        # and nothing else is deleted with them.
        objs = list(objs)
        return [str(obj) for obj in objs], {"actions": len(objs)}, set(), []

    def delete_model(self, request, obj):
        services.action_delete(action=obj)
        self.message_user(request, RESTORE_HINT)

    def delete_queryset(self, request, queryset):
        for action in queryset:
            services.action_delete(action=action)
        self.message_user(request, RESTORE_HINT)

    def get_actions(self, request):
        actions = super().get_actions(request)
        if "delete_selected" in actions:
            function, name, _ = actions["delete_selected"]
            actions["delete_selected"] = (function, name, "Delete selected actions (restorable)")
        return actions

    @admin.action(description="Restore selected deleted actions", permissions=["delete"])
    def restore_selected(self, request, queryset):
        restored = [
            services.action_restore(action=action)
            for action in queryset.filter(deleted_at__isnull=False)
        ]
        self.message_user(
            request, f"Restored {len(restored)} action{pluralize(restored)} to the register."
        )

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
    """Chases, recorded and corrected through the follow-up services; never deleted."""

    form = FollowUpAdminForm
    list_display = ["date", "method", "action", "by"]
    list_filter = ["method", "action__agenda_item__meeting__committee"]
    list_select_related = ["action__agenda_item__meeting__committee", "by"]
    search_fields = ["note", "action__intro"]
    date_hierarchy = "date"
    raw_id_fields = ["action", "by"]
    autocomplete_fields = ["letter"]

    def has_delete_permission(self, request, obj=None):
        return False

    def revert_disabled(self, request, obj=None):
        return True  # a revert would move the chase's action or date, which stay

    def save_model(self, request, obj, form, change):
        if change:
            saved, _ = correct_follow_up(form)
        else:
            [saved] = record_follow_up(form.cleaned_data["action"], form.cleaned_data)
        adopt(obj, saved)


class ActionInline(admin.StackedInline):
    """An agenda item's actions, written through the action services; the delete box
    marks an action deleted, restorable."""

    model = Action
    form = ActionAdminForm
    extra = 0
    fields = [
        ("number", "position"),
        "responsible_person",
        "intro",
        "requested_items",
        ("status", "finished_on"),
        "status_note",
        ("timing", "due_date"),
        "expected_version",
    ]
    autocomplete_fields = ["responsible_person"]
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("responsible_person__organisation")


class AgendaItemWithActionsAdmin(AgendaItemAdmin):
    """The meetings app's agenda item admin, with the item's actions inline (the actions
    app adds them: meetings sits below actions and does not know them)."""

    inlines = [ActionInline]

    def save_formset(self, request, form, formset, change):
        if formset.model is not Action:
            return super().save_formset(request, form, formset, change)
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for inline in formset.forms:
            if inline in formset.deleted_forms:
                if inline.instance.pk is not None:
                    services.action_delete(action=inline.instance)
                    formset.deleted_objects.append(inline.instance)
                continue
            if not inline.has_changed():
                continue
            data = {**inline.record_fields(), "agenda_item": form.instance}
            if inline.instance.pk is None:
                formset.new_objects.append(services.action_create(**data))
                continue
            saved = services.action_change(
                action=inline.instance,
                data=data,
                expected_version=inline.cleaned_data.get("expected_version"),
            )
            changed = [n for n in inline.changed_data if n != "expected_version"]
            formset.changed_objects.append((saved, changed))


admin.site.unregister(AgendaItem)
admin.site.register(AgendaItem, AgendaItemWithActionsAdmin)


from actions import chase_admin  # noqa: E402, F401  (registers ChaseMessageAdmin)

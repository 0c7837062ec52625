"""Entering a meeting with its agenda items and actions, on one page, without JavaScript."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.views.generic import TemplateView

from actions import meeting_forms as forms
from actions.meeting_services import ActionEntry, ItemEntry, meeting_create
from actions.services import STANDARD_WORDINGS
from actiontracker.govuk import error_links
from actiontracker.permissions import PermissionRequiredMixin
from meetings.models import Meeting

EXISTS_MESSAGE = (
    "A meeting of this committee on this date already exists: "
    "go to its page to add items and actions"
)
EXISTS_FIELD_MESSAGE = "This committee already has a meeting on this date"


class MeetingCreateView(PermissionRequiredMixin, TemplateView):
    """Buttons "Add more rows" and "Use standard wording" re-render the page server-side."""

    # The meeting comes with its agenda items and the actions agreed at it.
    permission_required = ("meetings.add_meeting", "actions.add_action")

    template_name = "meetings/meeting_form.html"

    def get(self, request, *args, **kwargs):
        return self.show(
            forms.MeetingForm(),
            forms.ItemFormSet(prefix="items", initial=[{}] * forms.BLANK_ITEM_ROWS),
            forms.ActionRowFormSet(prefix="actions", initial=[{}] * forms.BLANK_ACTION_ROWS),
        )

    def post(self, request, *args, **kwargs):
        data = request.POST
        if "add_items" in data or "add_actions" in data or "use_wording" in data:
            return self.redisplay(data)
        meeting_form = forms.MeetingForm(data=data)
        items = forms.ItemFormSet(data=data, prefix="items")
        actions = forms.ActionRowFormSet(data=data, prefix="actions")
        valid = all([meeting_form.is_valid(), items.is_valid(), actions.is_valid()])
        existing = self.existing_meeting(meeting_form)
        if existing:
            valid = False
        if valid:
            numbers = [row["number"] for row in items.filled()]
            duplicates = {n for n in numbers if numbers.count(n) > 1}
            for form in items.forms:
                if form.has_changed() and form.cleaned_data.get("number") in duplicates:
                    form.add_error("number", "Each item number can appear only once")
            actions.clean_against(set(numbers))
            valid = not duplicates and all(f.is_valid() for f in actions.forms)
        if valid:
            try:
                meeting = meeting_create(
                    **meeting_form.cleaned_data, items=self.entries(items, actions)
                )
            except ValidationError as error:
                meeting_form.add_error(None, error)
            else:
                messages.success(request, f"The meeting of {meeting.date:%-d %B %Y} was entered.")
                return redirect(f"{reverse('action-list')}?meeting={meeting.pk}")
        return self.show(meeting_form, items, actions, status=200, existing=existing)

    @staticmethod
    def existing_meeting(meeting_form):
        """The meeting already entered for this committee and date: its page is where items
        and actions are added, so the form points there instead of entering it twice."""
        if "committee" not in meeting_form.cleaned_data or "date" not in meeting_form.cleaned_data:
            return None
        data = meeting_form.cleaned_data
        existing = Meeting.objects.filter(committee=data["committee"], date=data["date"]).first()
        if existing:
            meeting_form.add_error("date", EXISTS_FIELD_MESSAGE)
        return existing

    @staticmethod
    def entries(items, actions) -> list[ItemEntry]:
        entries = {row["number"]: ItemEntry(row["number"], row["title"]) for row in items.filled()}
        for row in actions.filled():
            entries[row["item_number"]].actions.append(
                ActionEntry(
                    responsible_person=row["responsible_person"],
                    intro=row["intro"],
                    requested_items=row["requested_items"],
                    timing=row["timing"],
                )
            )
        return list(entries.values())

    def redisplay(self, data):
        """Show what was typed again, with more blank rows or a standard wording filled in."""
        item_rows = forms.rows_from_data(data, "items", forms.ItemForm)
        action_rows = forms.rows_from_data(data, "actions", forms.ActionRowForm)
        if "add_items" in data:
            item_rows += [{}] * forms.ADD_ROWS
        if "add_actions" in data:
            action_rows += [{}] * forms.ADD_ROWS
        row, _, wording = data.get("use_wording", "").partition(":")
        if row.isdigit() and int(row) < len(action_rows) and wording in STANDARD_WORDINGS:
            action_rows[int(row)]["intro"] = STANDARD_WORDINGS[wording][1]
        meeting_initial = {name: data.get(name, "") for name in forms.MeetingForm.base_fields}
        return self.show(
            forms.MeetingForm(initial=meeting_initial),
            forms.ItemFormSet(prefix="items", initial=item_rows),
            forms.ActionRowFormSet(prefix="actions", initial=action_rows),
        )

    def show(self, meeting_form, items, actions, status=200, existing=None):
        links = error_links(meeting_form, items, actions) if meeting_form.is_bound else []
        if existing:
            # The summary's link goes to the meeting itself, not back to the date field.
            links = [(existing.get_absolute_url(), EXISTS_MESSAGE)] + [
                link for link in links if link[1] != EXISTS_FIELD_MESSAGE
            ]
        wordings = [(key, label) for key, (label, _text) in STANDARD_WORDINGS.items()]
        context = self.get_context_data(
            form=meeting_form,
            items=items,
            actions=actions,
            wordings=wordings,
            error_links=links,
            existing=existing,
        )
        return self.render_to_response(context, status=status)

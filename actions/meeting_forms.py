"""The one-page entry of a meeting: its details, agenda items and actions."""

from django import forms

from actions.forms import RequestedItemsField, responsible_people
from actions.meeting_services import timing_due
from actiontracker.govuk import GovukDateField, GovukFormMixin
from meetings.models import Committee, Meeting

BLANK_ITEM_ROWS = 3
BLANK_ACTION_ROWS = 4
ADD_ROWS = 3


class MeetingForm(GovukFormMixin, forms.Form):
    committee = forms.ModelChoiceField(queryset=Committee.objects.all(), label="Committee")
    date = GovukDateField(
        label="Meeting date",
        error_messages={
            "invalid": "Enter the meeting date as a real date, for example 8 June 2021"
        },
    )
    kind = forms.ChoiceField(
        choices=Meeting.Kind.choices, initial=Meeting.Kind.COMMITTEE, label="Kind of meeting"
    )
    title = forms.CharField(max_length=300, required=False, label="Title")


class ItemForm(GovukFormMixin, forms.Form):
    number = forms.CharField(max_length=20, label="Item No.")
    title = forms.CharField(max_length=500, label="Item title")


class ActionRowForm(GovukFormMixin, forms.Form):
    item_number = forms.CharField(
        max_length=20, label="Item No.", help_text="The number of one of the items above."
    )
    responsible_person = forms.ModelChoiceField(
        queryset=responsible_people(), label="Responsible person"
    )
    intro = forms.CharField(
        max_length=5000, label="Action", widget=forms.Textarea(attrs={"rows": 3})
    )
    requested_items = RequestedItemsField(
        required=False, max_length=20000, label="Requested items", help_text="One per line."
    )
    timing = forms.CharField(max_length=100, required=False, label="Timing")


class MeetingActionForm(ActionRowForm):
    """An action added at one agenda item on the meeting's page."""

    item_number = None  # the item is the one the form sits under

    def clean(self):
        cleaned = super().clean()
        # Its due date is the last day of its timing, by the deadline engine.
        cleaned["due_date"] = timing_due(cleaned.get("timing", ""))
        return cleaned


class RowFormSet(forms.BaseFormSet):
    """Rows left blank are simply not entered."""

    # The error summary names the row as its legend does: "Action 2: ...".
    row_label = "Row"

    def _construct_form(self, i, **kwargs):
        kwargs["empty_permitted"] = True
        return super()._construct_form(i, **kwargs)

    def filled(self):
        return [f.cleaned_data for f in self.forms if f.has_changed() and f.cleaned_data]


ItemFormSet = forms.formset_factory(
    ItemForm, formset=RowFormSet, extra=0, max_num=200, validate_max=True
)
ItemFormSet.row_label = "Agenda item"
ActionFormSet = forms.formset_factory(
    ActionRowForm, formset=RowFormSet, extra=0, max_num=500, validate_max=True
)


class ActionRowFormSet(ActionFormSet):
    row_label = "Action"

    def _construct_form(self, i, **kwargs):
        form = super()._construct_form(i, **kwargs)
        # One query for the people list, shared by every row's select.
        if not hasattr(self, "_people_choices"):
            self._people_choices = list(form.fields["responsible_person"].choices)
        form.fields["responsible_person"].widget.choices = self._people_choices
        return form

    def clean_against(self, item_numbers: set[str]) -> None:
        """Every action must name one of the items typed on the page."""
        for form in self.forms:
            number = form.cleaned_data.get("item_number") if form.has_changed() else None
            if number and number not in item_numbers:
                form.add_error("item_number", f"There is no item {number} on this page")


def rows_from_data(data, prefix: str, form_class) -> list[dict]:
    """The rows an officer typed, as initial values to show them again."""
    try:
        total = min(int(data.get(f"{prefix}-TOTAL_FORMS", 0)), 500)
    except ValueError:
        total = 0
    return [
        {name: data.get(f"{prefix}-{i}-{name}", "") for name in form_class.base_fields}
        for i in range(total)
    ]

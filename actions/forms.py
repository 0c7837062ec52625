"""Forms of the secretariat workspace: edit an action, chase actions, close them."""

from django import forms
from django.core.validators import MaxLengthValidator
from django.utils import timezone

from actions.models import Action, FollowUp, ResponsiblePerson
from actions.owners import officers
from actiontracker.govuk import GovukDateField, GovukFormMixin
from meetings import deadlines

REQUESTED_ITEMS_HELP = "One requested item per line. Leave empty when there is no list."


class RequestedItemsField(forms.CharField):
    """The requested items, typed one per line, kept as a list."""

    widget = forms.Textarea(attrs={"rows": 4})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def has_changed(self, initial, data):
        # Compare as lists: an empty box and no items are the same thing.
        before = initial if isinstance(initial, list) else self.to_python(initial)
        return before != self.to_python(data)

    def clean(self, value):
        if self.max_length is not None:
            # The validators see the list (its length is the number of lines), so the
            # limit the box promises is checked here, on the text typed.
            MaxLengthValidator(self.max_length)(super().to_python(value))
        return super().clean(value)

    def to_python(self, value):
        text = super().to_python(value)
        return [line.strip(" •\t-") for line in text.splitlines() if line.strip(" •\t-")]


def responsible_people():
    return ResponsiblePerson.objects.select_related("organisation")


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.get_full_name() or obj.get_username()


def letters():
    """Letters logged as correspondence. The correspondence app sits above this one, so its
    model is reached through the follow-up's string reference, not imported."""
    return FollowUp._meta.get_field("letter").related_model.objects.order_by("-date", "-id")


def letter_field(label: str, help_text: str) -> forms.ModelChoiceField:
    """An optional choice of a letter already logged as correspondence."""
    return forms.ModelChoiceField(
        queryset=letters(),
        required=False,
        label=label,
        help_text=help_text,
    )


def note_field(label: str, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        max_length=2000,
        required=False,
        label=label,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class ActionForm(GovukFormMixin, forms.Form):
    """The officer's edit of an action's text, owner and timing."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    responsible_person = forms.ModelChoiceField(
        queryset=responsible_people(), label="Responsible person"
    )
    number = forms.CharField(
        max_length=20, required=False, label="Action number", help_text="Board meetings only."
    )
    intro = forms.CharField(
        label="Action",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="The action, or the introduction to its list of requested items.",
    )
    requested_items = RequestedItemsField(
        required=False, max_length=20000, label="Requested items", help_text=REQUESTED_ITEMS_HELP
    )
    timing = forms.CharField(
        max_length=100, required=False, label="Timing", help_text='For example "August 2022".'
    )
    due_date = GovukDateField(
        required=False,
        label="Due by",
        help_text="Past this date an ongoing action counts as overdue. Leave empty for the "
        "last day of the timing.",
    )
    owner = OfficerChoiceField(
        queryset=officers(),
        required=False,
        label="Owning officer",
        empty_label="Nobody",
        help_text="The officer who looks after this action; it shows in their “My actions”.",
    )
    status_note = note_field("Status note", 'For example "Followed-up on 8 June 2021."')

    def clean(self):
        cleaned = super().clean()
        # An empty due date takes the last day of the timing, by the deadline engine.
        if not cleaned.get("due_date") and cleaned.get("timing"):
            deadline = deadlines.action_due(cleaned["timing"])
            cleaned["due_date"] = deadline.due if deadline else None
        return cleaned

    @classmethod
    def initial_for(cls, action: Action) -> dict:
        return {
            "version": action.version,
            "responsible_person": action.responsible_person_id,
            "number": action.number,
            "intro": action.intro,
            "requested_items": action.requested_items,
            "timing": action.timing,
            "due_date": action.due_date,
            "owner": action.owner_id,
            "status_note": action.status_note,
        }


class FollowUpForm(GovukFormMixin, forms.Form):
    """A chase of one or many actions, recorded against each of them."""

    actions = forms.ModelMultipleChoiceField(
        queryset=Action.objects.outstanding(),
        widget=forms.MultipleHiddenInput,
        error_messages={"required": "Select at least one ongoing action to follow up"},
    )
    date = GovukDateField(
        label="Date of the follow-up",
        error_messages={"invalid": "Enter the date as a real date, for example 8 June 2021"},
    )
    method = forms.ChoiceField(
        choices=FollowUp.Method.choices, widget=forms.RadioSelect, label="How"
    )
    note = note_field("Note")
    letter = letter_field(
        "Letter that chased", "If the chase was a letter already logged as correspondence."
    )

    def clean_date(self):
        date = self.cleaned_data["date"]
        if date > timezone.localdate():
            raise forms.ValidationError("The date of the follow-up must be today or in the past")
        return date

    def clean(self):
        # Several actions are chased at once: name each one whose meeting came after the date.
        cleaned = super().clean()
        date, actions = cleaned.get("date"), cleaned.get("actions")
        for action in (actions or []) if date else []:
            if date < action.meeting_date:
                self.add_error(
                    "date",
                    f"The date of the follow-up must be on or after the meeting that agreed "
                    f"each action: “{action.short_text}” was agreed on "
                    f"{action.meeting_date:%-d %B %Y}",
                )
        return cleaned


class StatusForm(GovukFormMixin, forms.Form):
    """Mark an action completed or closed (or ongoing again) with its note."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    status = forms.ChoiceField(
        choices=Action.Status.choices, widget=forms.RadioSelect, label="Status"
    )
    note = note_field(
        "Status note", 'For example "The Chair wrote to the Deputy Mayor on 11 June 2021."'
    )
    on = GovukDateField(
        required=False,
        label="Completed or closed on",
        help_text="Leave empty for today.",
    )
    letter = letter_field(
        "Letter that answered it", "The response, if it came by a letter logged as correspondence."
    )

    def clean(self):
        cleaned = super().clean()
        on = cleaned.get("on")
        if on and on > timezone.localdate():
            self.add_error("on", "The date must be today or in the past")
        if cleaned.get("status") == Action.Status.ONGOING and on:
            self.add_error("on", "An ongoing action has no completion date")
        return cleaned

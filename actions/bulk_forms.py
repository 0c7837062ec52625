"""The register's bulk status change: several actions marked completed or closed at once."""

from django import forms

from actions.models import Action
from actiontracker.govuk import GovukFormMixin


def versions_from(data, pks) -> dict[int, int]:
    """Each ticked action's version as the register showed it (``v<pk>``), so one changed
    since is refused; an action without a readable version is taken as version 0 (stale)."""
    versions = {}
    for pk in pks:
        text = data.get(f"v{pk}", "")
        versions[int(pk)] = int(text) if text.isdigit() else 0
    return versions


class BulkStatusForm(GovukFormMixin, forms.Form):
    status = forms.ChoiceField(
        choices=[
            (Action.Status.COMPLETED, "Completed"),
            (Action.Status.CLOSED, "Closed"),
        ],
        widget=forms.RadioSelect,
        label="Mark the selected actions",
        error_messages={"required": "Select completed or closed"},
    )
    note = forms.CharField(
        max_length=2000,
        label="Status note for each of them",
        help_text='It replaces each action\u2019s status note. For example "Answered by the '
        'Deputy Mayor\u2019s letter of 11 June 2021."',
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the status note the selected actions will show"},
    )

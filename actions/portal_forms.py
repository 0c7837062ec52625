"""Forms of the response portal: an answer to an action, or a new date proposed for it."""

from django import forms

from actiontracker.govuk import GovukDateField, GovukFormMixin


class PortalAnswerForm(GovukFormMixin, forms.Form):
    text = forms.CharField(
        label="Your answer",
        max_length=10_000,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text="What has been done, or why it cannot be. The committee's officers read it "
        "before it goes into the committee's papers.",
        error_messages={"required": "Enter your answer"},
    )
    file = forms.FileField(
        label="A letter or document, as a PDF",
        required=False,
        help_text="A PDF of up to 10 MB, not password-protected.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf,.pdf"}),
    )


class PortalNewDateForm(GovukFormMixin, forms.Form):
    proposed_date = GovukDateField(
        label="New date",
        help_text="The day by which the action will be done. For example, 31 3 2027.",
        error_messages={"required": "Enter the new date"},
    )
    reason = forms.CharField(
        label="Why a new date is needed",
        max_length=5_000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter why the action needs a new date"},
    )

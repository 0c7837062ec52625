"""Forms of the registers. They parse input; the services write."""

from django import forms

from actions.models import Action
from actions.selectors import REGISTER_ORDER, action_choice_label, open_actions_matching
from actiontracker.cleaninput import CleanInputFormMixin
from actiontracker.govuk import GovukDateField
from actiontracker.versioning import VersionedFormMixin
from correspondence.models import (
    CommitteeReport,
    Complaint,
    Correspondence,
    Recommendation,
    TransparencyDisclosure,
)
from correspondence.services import (
    CORRESPONDENCE_FIELDS,
    REPORT_FIELDS,
)
from correspondence.validators import validate_letter_pdf
from meetings.models import Meeting


def _date_fields(model, names):
    """GOV.UK date inputs (day, month, year) for the model's date fields among ``names``."""
    return {
        name: GovukDateField
        for name in names
        if model._meta.get_field(name).get_internal_type() == "DateField"
    }


class ActionPickerField(forms.ModelMultipleChoiceField):
    """Tick boxes of the actions a letter answers: those already linked or ticked and those
    the officer's search found (CorrespondenceForm sets the queryset)."""

    widget = forms.CheckboxSelectMultiple
    # Before the letter's committee is chosen, every committee's actions are searched.
    with_committee = False

    def label_from_instance(self, obj):
        return action_choice_label(obj, with_committee=self.with_committee)


class CorrespondenceForm(VersionedFormMixin, CleanInputFormMixin, forms.ModelForm):
    answers_search = forms.CharField(
        required=False,
        max_length=200,
        label="Find the actions this letter answers",
        help_text="Words of the action, the responsible person, their organisation, or the "
        "meeting (for example “custody MPS” or “March 2026”). Searches the committee’s "
        "ongoing actions.",
    )
    answers = ActionPickerField(
        queryset=Action.objects.none(),
        required=False,
        label="Actions this letter answers",
    )
    letter = forms.FileField(
        required=False,
        label="The letter (PDF)",
        help_text="A PDF file. Leave empty to keep the letter already uploaded.",
        widget=forms.ClearableFileInput(attrs={"accept": "application/pdf"}),
    )
    reply_expected = forms.BooleanField(
        required=False,
        initial=True,
        label="A reply is expected (letters we send)",
        help_text="Leave the reply due date empty to set it 20 working days after the letter.",
    )

    class Meta:
        model = Correspondence
        fields = list(CORRESPONDENCE_FIELDS)
        field_classes = _date_fields(Correspondence, CORRESPONDENCE_FIELDS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["in_reply_to"].queryset = Correspondence.objects.sent().select_related(
            "committee"
        )
        self.fields["in_reply_to"].label = "In reply to (a letter we sent)"
        if self.instance.pk:
            self.fields["answers"].initial = list(
                self.instance.answers.values_list("pk", flat=True)
            )
            self.fields["reply_expected"].initial = self.instance.reply_due is not None
        self._set_action_choices()

    def _given(self, name):
        """What the officer sent (or, shown again after a search, what they had sent)."""
        if self.is_bound:
            if name == "answers" and hasattr(self.data, "getlist"):
                return self.data.getlist(name)
            return self.data.get(name)
        return self.initial.get(name, self.fields[name].initial)

    def _set_action_choices(self):
        """The boxes to tick: the actions linked or ticked already, and those matching the
        search, of the letter's committee. One query for the search and one for the boxes."""
        query = str(self._given("answers_search") or "").strip()[:200]
        committee = str(self._given("committee") or self.instance.committee_id or "")
        self.action_results = (
            open_actions_matching(
                query=query, committee_id=int(committee) if committee.isdigit() else None
            )
            if query
            else []
        )
        linked = self.fields["answers"].initial or []
        ticked = self._given("answers") or []
        shown = {int(pk) for pk in [*linked, *ticked] if str(pk).isdigit()}
        shown |= {action.pk for action in self.action_results}
        self.fields["answers"].with_committee = not committee.isdigit()
        self.fields["answers"].queryset = (
            Action.objects.with_related().filter(pk__in=shown).order_by(*REGISTER_ORDER)
        )

    FIELDSETS = [
        (
            "The letter",
            [
                "committee",
                "direction",
                "date",
                "received_on",
                "sender",
                "recipient",
                "organisation",
                "subject",
                "summary",
                "reference",
                "letter",
            ],
        ),
        ("Replies", ["answers_search", "answers", "in_reply_to", "reply_expected", "reply_due"]),
        (
            "Drafting and clearance",
            [
                "drafted_by",
                "drafted_on",
                "cleared_by_line_manager",
                "cleared_by_line_manager_on",
                "cleared_by_chief_executive",
                "cleared_by_chief_executive_on",
            ],
        ),
    ]

    def fieldsets(self):
        return [(legend, [self[name] for name in names]) for legend, names in self.FIELDSETS]

    def clean_letter(self):
        upload = self.cleaned_data.get("letter")
        if upload:
            validate_letter_pdf(upload)
        return upload

    def service_kwargs(self) -> dict:
        data = {name: self.cleaned_data[name] for name in CORRESPONDENCE_FIELDS}
        return {
            "data": data,
            "answers": self.cleaned_data["answers"],
            "file": self.cleaned_data.get("letter") or None,
            "reply_expected": self.cleaned_data["reply_expected"],
            "expected_version": self.opened_version(),
        }


COMPLAINT_PUBLIC_FIELDS = [
    "committee",
    "received_on",
    "concerning",
    "public_summary",
    "decision",
    "reasons",
    "decided_on",
    "responsible_officer",
    "deadline",
]


class ComplaintForm(VersionedFormMixin, CleanInputFormMixin, forms.ModelForm):
    """The complaint without its confidential details: what an officer may edit."""

    class Meta:
        model = Complaint
        fields = COMPLAINT_PUBLIC_FIELDS
        field_classes = _date_fields(Complaint, COMPLAINT_PUBLIC_FIELDS)


class ConfidentialComplaintForm(ComplaintForm):
    """The Monitoring Officer's form, confidential details included."""

    class Meta(ComplaintForm.Meta):
        fields = [
            *COMPLAINT_PUBLIC_FIELDS[:4],
            "confidential_details",
            *COMPLAINT_PUBLIC_FIELDS[4:],
        ]


class DisclosureForm(VersionedFormMixin, CleanInputFormMixin, forms.ModelForm):
    class Meta:
        model = TransparencyDisclosure
        fields = ["committee", "member", "contact_date", "with_whom", "details", "disclosed_on"]
        field_classes = _date_fields(TransparencyDisclosure, ["contact_date", "disclosed_on"])

    def clean(self):
        cleaned = super().clean()
        contact, disclosed = cleaned.get("contact_date"), cleaned.get("disclosed_on")
        if contact and disclosed and disclosed < contact:
            self.add_error("disclosed_on", "The disclosure date cannot be before the contact.")
        return cleaned


class CommitteeReportForm(VersionedFormMixin, CleanInputFormMixin, forms.ModelForm):
    class Meta:
        model = CommitteeReport
        fields = list(REPORT_FIELDS)
        field_classes = _date_fields(CommitteeReport, ["agreed_on"])

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["response_letter"].queryset = Correspondence.objects.received()
        # A meeting's label names its committee: join it rather than ask once per option.
        self.fields["response_meeting"].queryset = Meeting.objects.select_related("committee")


class RecommendationForm(CleanInputFormMixin, forms.Form):
    number = forms.IntegerField(min_value=1, label="Number")
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Recommendation")
    sub_points = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        label="Sub-points",
        help_text="One per line.",
    )
    response = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Response"
    )
    outcome = forms.ChoiceField(
        choices=Recommendation.Outcome.choices, initial=Recommendation.Outcome.AWAITING
    )

    def clean_sub_points(self):
        lines = self.cleaned_data["sub_points"].splitlines()
        return [line.strip().lstrip("•-–* ").strip() for line in lines if line.strip()]


class BaseRecommendationFormSet(forms.BaseFormSet):
    def clean(self):
        if any(self.errors):
            return
        numbers = [
            form.cleaned_data["number"]
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        if len(numbers) != len(set(numbers)):
            raise forms.ValidationError("Each recommendation needs its own number.")

    def recommendations(self) -> list[dict]:
        return [
            {key: form.cleaned_data[key] for key in RecommendationForm.base_fields}
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]


RecommendationFormSet = forms.formset_factory(
    RecommendationForm, formset=BaseRecommendationFormSet, extra=2, can_delete=True
)


def recommendation_initial(report: CommitteeReport | None) -> list[dict]:
    if report is None or report.pk is None:
        return []
    return [
        {
            "number": r.number,
            "text": r.text,
            "sub_points": "\n".join(r.sub_points),
            "response": r.response,
            "outcome": r.outcome,
        }
        for r in report.recommendations.all()
    ]

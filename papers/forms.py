"""The paper's edit form: texts, period, letters and contact officers."""

from django import forms
from django.db.models import Q

from actions.models import Action
from actiontracker.cleaninput import CleanInputFormMixin
from actiontracker.govuk import GovukDateField, GovukFormMixin, style_form
from actiontracker.versioning import VersionedFormMixin
from correspondence.models import Correspondence
from meetings.models import ContactOfficer
from papers import periods
from papers.models import Paper
from papers.services import EDITABLE_FIELDS, RESPONSE_PAPER_FIELDS

SECTION_FOUR_FIELDS = ("additional_correspondence_intro", "additional_correspondence_text")


class PaperForm(VersionedFormMixin, GovukFormMixin, forms.ModelForm):
    letters = forms.ModelMultipleChoiceField(
        queryset=Correspondence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Letters in this paper (appendices)",
    )
    section_four = forms.ModelMultipleChoiceField(
        queryset=Correspondence.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label="Letters described in section 4 (Additional Correspondence)",
    )
    contact_officers = forms.ModelMultipleChoiceField(
        queryset=ContactOfficer.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Paper
        fields = EDITABLE_FIELDS
        field_classes = {"period_start": GovukDateField, "period_end": GovukDateField}

    def __init__(self, *args, section_four_texts=(), **kwargs):
        super().__init__(*args, **kwargs)
        committee = self.instance.meeting.committee
        # Live letters, and those the paper has already (a deleted letter stays until
        # the officer takes it out).
        chosen_ids = (
            list(self.instance.letters.values_list("correspondence_id", flat=True))
            if self.instance.pk
            else []
        )
        letters = Correspondence.all_objects.filter(
            Q(deleted_at__isnull=True) | Q(pk__in=chosen_ids), committee=committee
        ).order_by("-date", "-id")
        self.fields["letters"].queryset = letters
        self.fields["section_four"].queryset = letters
        self.fields["contact_officers"].queryset = committee.contact_officers.all()
        if self.instance.pk and not self.is_bound:
            chosen = list(self.instance.letters.all())
            self.initial["letters"] = [pc.correspondence_id for pc in chosen]
            self.initial["section_four"] = [
                pc.correspondence_id for pc in chosen if pc.in_additional_section
            ]
            self.initial["contact_officers"] = list(
                self.instance.contact_officers.values_list("pk", flat=True)
            )
        self._add_paragraph_fields(section_four_texts)
        for field in self.fields.values():
            if isinstance(field.widget, forms.Textarea):
                field.widget.attrs.setdefault("rows", 4)

    def _add_paragraph_fields(self, texts):
        """One textarea per letter of section 4, after the letters, holding the paragraph
        as the paper shows it."""
        self.generated_paragraphs = {}
        fields = {}
        # The paper's own section 4 text follows the letters' paragraphs.
        own = {name: self.fields[name] for name in SECTION_FOUR_FIELDS}
        for name, field in self.fields.items():
            if name in own:
                continue
            fields[name] = field
            if name != "section_four":
                continue
            for text in texts:
                key = f"paragraph_{text.letter.pk}"
                self.generated_paragraphs[key] = (text.letter.pk, text.generated)
                fields[key] = forms.CharField(
                    required=False,
                    strip=True,
                    max_length=5000,
                    label=f"Section 4 paragraph: {text.letter}",
                    help_text="Edit the wording the paper shows for this letter, or clear it "
                    "to go back to the generated wording. “Appendix N” is renumbered to "
                    "match the paper; without it, the appendix sentence is added.",
                    initial=text.shown,
                    widget=forms.Textarea(attrs={"rows": 3}),
                )
            fields.update(own)
        self.fields = fields
        style_form(self)

    def paragraphs(self) -> dict[int, str]:
        """Letter id -> the officer's wording, blank where it is the generated one."""
        texts = {}
        for key, (letter_id, generated) in self.generated_paragraphs.items():
            text = " ".join(self.cleaned_data.get(key, "").split())
            texts[letter_id] = "" if text == generated else text
        return texts

    def clean(self):
        data = super().clean()
        letters = set(data.get("letters") or [])
        missing = [x for x in data.get("section_four") or [] if x not in letters]
        if missing:
            self.add_error(
                "section_four", "A letter described in section 4 must also be in the paper."
            )
        # The period rule is the services' (papers.periods); asked here too so its errors
        # show beside the others at once.
        start, end = data.get("period_start"), data.get("period_end")
        if not self.has_error("period_start") and not self.has_error("period_end"):
            errors = periods.period_errors(paper=self.instance, start=start, end=end)
            for name, message in errors.items():
                self.add_error(name, message)
        return data


class ReplyLinkForm(GovukFormMixin, forms.Form):
    """Which actions a received reply answers, and whether it completes them."""

    actions = forms.ModelMultipleChoiceField(
        queryset=None,
        widget=forms.CheckboxSelectMultiple,
        label="Actions this reply answers",
        error_messages={"required": "Select the actions this reply answers"},
    )
    complete = forms.BooleanField(
        required=False,
        label="Mark them completed: their status becomes “Completed. Attached at Appendix N.”, "
        "N being this reply’s number in the paper once they cite it",
    )

    def __init__(self, *args, letter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["actions"].queryset = (
            Action.objects.with_related()
            .for_committee(letter.committee_id)
            .filter(Q(status=Action.Status.ONGOING) | Q(answered_by=letter))
            .distinct()
            .order_by("-agenda_item__meeting__date", "agenda_item__position", "position", "id")
        )


class ResponsePaperForm(VersionedFormMixin, CleanInputFormMixin, forms.ModelForm):
    """The texts of the response-to-report paper; blank texts take the generated wording."""

    class Meta:
        model = Paper
        fields = list(RESPONSE_PAPER_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in ("summary_text", "recommendation_text", "legal_text", "financial_text")
        }

"""GOV.UK Frontend classes for Django forms, so one field template renders every form."""

import calendar
import datetime

from django import forms

from actiontracker.cleaninput import CleanInputFormMixin
from actiontracker.fastselect import speed_up

WIDGET_CLASSES = {
    "textinput": "govuk-input",
    "numberinput": "govuk-input govuk-input--width-5",
    "emailinput": "govuk-input",
    "dateinput": "govuk-input govuk-input--width-10",
    "passwordinput": "govuk-input",
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "radioselect": "govuk-radios__input",
    "checkboxselectmultiple": "govuk-checkboxes__input",
    "checkboxinput": "govuk-checkboxes__input",
    "clearablefileinput": "govuk-file-upload",
    "fileinput": "govuk-file-upload",
    "selectmultiple": "govuk-select",
    "input": "govuk-input",  # any other input: text-like
}
ERROR_CLASSES = {
    "govuk-input": "govuk-input--error",
    "govuk-textarea": "govuk-textarea--error",
    "govuk-select": "govuk-select--error",
    "govuk-file-upload": "govuk-file-upload--error",
}


def _widget_class(widget) -> str | None:
    # The nearest known ancestor decides, so project and django-filter widgets that
    # subclass Django's get the same class.
    for klass in type(widget).__mro__:
        css = WIDGET_CLASSES.get(klass.__name__.lower())
        if css:
            return css
    return None


def style_form(form: forms.BaseForm) -> forms.BaseForm:
    """Give every widget (and each part of a multi-widget, such as a date range) its GOV.UK
    class and point it at its hint (idempotent)."""
    for name, field in form.fields.items():
        for widget in getattr(field.widget, "widgets", [field.widget]):
            speed_up(widget)
            css = _widget_class(widget)
            if css and css not in widget.attrs.get("class", ""):
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()
        if field.help_text:
            field.widget.attrs["aria-describedby"] = f"{form[name].auto_id}-hint"
    return form


def mark_errors(form: forms.BaseForm) -> None:
    """Add the error class and the error message's id to fields that failed validation."""
    for name in form.errors:
        if name not in form.fields:
            continue
        widget = form.fields[name].widget
        if isinstance(widget, GovukDateInput) and not widget.error_parts:
            # Refused as a whole (a rule about the date, not its parts): all three boxes.
            widget.error_parts = DATE_PARTS
        classes = widget.attrs.get("class", "").split()
        for base, error in ERROR_CLASSES.items():
            if base in classes and error not in classes:
                classes.append(error)
        widget.attrs["class"] = " ".join(classes)
        described = widget.attrs.get("aria-describedby", "").split()
        error_id = f"{form[name].auto_id}-error"
        if error_id not in described:
            described.append(error_id)
        widget.attrs["aria-describedby"] = " ".join(described)


class GovukFormMixin(CleanInputFormMixin):
    """Forms that render with GOV.UK classes and mark their invalid fields; control
    characters are removed from what they receive (CleanInputFormMixin)."""

    template_name = "includes/form_fields.html"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("use_required_attribute", False)
        super().__init__(*args, **kwargs)
        style_form(self)

    def full_clean(self):
        super().full_clean()
        mark_errors(self)


def error_links(*forms_or_formsets) -> list[tuple[str, str]]:
    """(anchor, message) pairs for the error summary, in page order."""
    links = []
    for item in forms_or_formsets:
        if item is None:
            continue
        if isinstance(item, forms.BaseFormSet):
            links += [(f"#{item.management_form.prefix}", e) for e in item.non_form_errors()]
            # Name the row, as its legend does ("Action 2: ..."), when the formset says how.
            row = getattr(item, "row_label", "")
            for number, form in enumerate(item.forms, start=1):
                links += [
                    (anchor, f"{row} {number}: {error}" if row else error)
                    for anchor, error in error_links(form)
                ]
            continue
        for error in item.non_field_errors():
            links.append(("#main-content", error))
        for name, errors in item.errors.items():
            if name in item.fields:
                bound = item[name]
                # Radios and checkboxes have no single input: link to the first one.
                anchor = f"#{bound.id_for_label or bound.auto_id + '_0'}"
                links += [(anchor, error) for error in errors]
    return links


class GovukFormViewMixin:
    """Marks the invalid fields of the view's form (and formset, if any) and gives the error
    summary (templates/includes/error_summary.html) its links."""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        bound = [
            item
            for item in (context.get("form"), context.get("formset"))
            if item is not None and item.is_bound
        ]
        for item in bound:
            for form in item.forms if isinstance(item, forms.BaseFormSet) else [item]:
                mark_errors(form)
        context["error_links"] = error_links(*bound)
        return context


DATE_PARTS = ("day", "month", "year")
# A month may be typed by name: "June" or "Jun" as well as "6".
MONTH_NAMES = {
    name: number
    for number, month in enumerate(calendar.month_name[1:], start=1)
    for name in (month.lower(), month[:3].lower())
}


class GovukDateInput(forms.Widget):
    """GOV.UK's date input: day, month and year boxes with a numeric keyboard, the same in
    every browser and locale (templates: actiontracker/templates/govuk/date_input.html, and
    includes/field.html wraps it in one fieldset whose legend is the field's label).

    The parts are posted as ``<name>-day``, ``<name>-month`` and ``<name>-year``; a whole date
    posted under ``<name>`` (for example ``2021-06-08``, from a script) is still read."""

    template_name = "govuk/date_input.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        # The parts to highlight: set by the field when it refuses them, or all of them
        # when the date as a whole is refused (mark_errors).
        self.error_parts: tuple[str, ...] = ()

    def decompress(self, value) -> dict:
        if isinstance(value, dict):
            return value
        if isinstance(value, str):
            try:
                value = datetime.date.fromisoformat(value.strip())
            except ValueError:
                return dict.fromkeys(DATE_PARTS, "")
        if isinstance(value, datetime.date):
            return {"day": str(value.day), "month": str(value.month), "year": str(value.year)}
        return dict.fromkeys(DATE_PARTS, "")

    def get_context(self, name, value, attrs):
        context = super().get_context(name, None, attrs)
        values = self.decompress(value)
        base_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"]["parts"] = [
            {
                "name": f"{name}-{part}",
                "id": f"{base_id}-{part}",
                "label": part.capitalize(),
                "value": values.get(part, ""),
                "width": 4 if part == "year" else 2,
                "error": part in self.error_parts,
            }
            for part in DATE_PARTS
        ]
        context["widget"]["base_id"] = base_id
        return context

    def id_for_label(self, id_):
        # The error summary links to the first part in error (or the day).
        first = next((p for p in DATE_PARTS if p in self.error_parts), "day")
        return f"{id_}-{first}" if id_ else ""

    def value_from_datadict(self, data, files, name):
        parts = {part: data.get(f"{name}-{part}") for part in DATE_PARTS}
        if all(value is None for value in parts.values()):
            return data.get(name)
        return {part: (value or "").strip() for part, value in parts.items()}

    def value_omitted_from_data(self, data, files, name):
        return name not in data and not any(f"{name}-{part}" in data for part in DATE_PARTS)


def _and(words) -> str:
    words = list(words)
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


class DatePartsError(forms.ValidationError):
    """A refused date, with the parts the officer should correct."""

    def __init__(self, message, parts=DATE_PARTS, code="invalid"):
        super().__init__(message, code=code)
        self.parts = tuple(parts)


class GovukDateField(forms.Field):
    """A date typed in GOV.UK's day, month and year boxes. Its messages name the field and
    say which part is wrong ("Date of the follow-up must include a month"); that part is
    highlighted. The month may be typed as a number or a name ("6", "June", "Jun")."""

    widget = GovukDateInput

    def _name(self) -> str:
        return self.label or "The date"

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.date):
            return value
        if isinstance(value, str):
            return self._whole(value)
        parts = {part: str(value.get(part) or "").strip() for part in DATE_PARTS}
        if not any(parts.values()):
            return None
        missing = [part for part in DATE_PARTS if not parts[part]]
        if missing:
            raise DatePartsError(f"{self._name()} must include a {_and(missing)}", missing)
        day, month, year = parts["day"], parts["month"].lower(), parts["year"]
        month = str(MONTH_NAMES[month]) if month in MONTH_NAMES else month
        wrong = [
            part
            for part, text, top in (("day", day, 31), ("month", month, 12))
            if not text.isdigit() or not 1 <= int(text) <= top
        ]
        if not year.isdigit() or len(year) != 4:
            if not wrong:
                raise DatePartsError(
                    f"{self._name()}: the year must be 4 numbers, for example 2021", ["year"]
                )
            wrong.append("year")
        if wrong:
            raise DatePartsError(f"{self._name()} must be a real date", wrong)
        try:
            return datetime.date(int(year), int(month), int(day))
        except ValueError:
            # 31 June: the day does not exist in that month.
            raise DatePartsError(f"{self._name()} must be a real date", ["day"]) from None

    def _whole(self, text: str) -> datetime.date | None:
        text = text.strip()
        if not text:
            return None
        try:
            return datetime.date.fromisoformat(text)
        except ValueError:
            message = self.error_messages.get("invalid") or f"{self._name()} must be a real date"
            raise DatePartsError(message) from None

    def validate(self, value):
        if value in self.empty_values and self.required:
            message = str(self.error_messages["required"])
            if message == str(forms.Field.default_error_messages["required"]):
                message = f"{self._name()}: enter a day, month and year"
            raise DatePartsError(message, code="required")

    def clean(self, value):
        self.widget.error_parts = ()
        try:
            return super().clean(value)
        except DatePartsError as error:
            self.widget.error_parts = error.parts
            raise
        except forms.ValidationError:
            self.widget.error_parts = DATE_PARTS
            raise

    def has_changed(self, initial, data):
        try:
            data = self.to_python(data)
        except forms.ValidationError:
            return True
        if isinstance(initial, str):
            initial = GovukDateInput().decompress(initial)
            initial = self.to_python(initial) if any(initial.values()) else None
        return initial != data

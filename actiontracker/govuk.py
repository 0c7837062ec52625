"""GOV.UK Frontend classes for Django forms, so one field template renders every form."""

from django import forms

from actiontracker.cleaninput import CleanInputFormMixin

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
            links += error_links(*item.forms)
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

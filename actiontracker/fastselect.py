"""Select boxes rendered in Python rather than one template per option.

Django renders each ``<option>`` through its own template include. The filter panels offer
every meeting, person and organisation, a few hundred options, so that was a large share of
the register's time per request. The HTML is the same as Django's templates give (the test
compares them), escaped the same way.
"""

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe


def _attrs(attrs: dict) -> str:
    """As Django's attrs.html: in order, False left out, True as a bare name."""
    return format_html_join(
        "",
        "{}",
        (
            (format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value),)
            for name, value in attrs.items()
            if value is not False
        ),
    )


def _option(option: dict) -> str:
    return format_html(
        '<option value="{}"{}>{}</option>',
        str(option["value"]),
        _attrs(option["attrs"]),
        option["label"],
    )


class FastSelectMixin:
    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _attrs(widget["attrs"]))]
        for group_name, group_choices, _index in widget["optgroups"]:
            options = mark_safe("".join(_option(option) for option in group_choices))  # noqa: S308 - each option escaped by format_html
            if group_name:
                parts.append(format_html('<optgroup label="{}">{}</optgroup>', group_name, options))
            else:
                parts.append(options)
        parts.append(mark_safe("</select>"))  # noqa: S308 - a constant
        return format_html_join("", "{}", ((part,) for part in parts))


class FastSelect(FastSelectMixin, forms.Select):
    pass


class FastSelectMultiple(FastSelectMixin, forms.SelectMultiple):
    pass


FAST = {forms.Select: FastSelect, forms.SelectMultiple: FastSelectMultiple}


def speed_up(widget) -> None:
    """Render this select box (a plain one: subclasses keep their own rendering) in Python."""
    fast = FAST.get(type(widget))
    if fast is not None:
        widget.__class__ = fast

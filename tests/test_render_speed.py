"""Pages rendered faster give the same HTML: select boxes rendered in Python, and table
cells with each render function's signature worked out once."""

import re

import pytest
from django import forms

from actiontracker.fastselect import FastSelect, FastSelectMultiple
from actiontracker.govuk import style_form

CHOICES = [
    ("", "Any"),
    ("1", "Police & Crime <Committee>"),
    ("Meetings", [("2", '9 December 2026 "budget"'), ("3", "11 November 2026")]),
    ("4", "Mayor's Office"),
]


def same(html: str) -> str:
    """Django's templates put line breaks between options; the page shows the same."""
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize(
    ("slow", "fast", "value"),
    [
        (forms.Select, FastSelect, "2"),
        (forms.Select, FastSelect, None),
        (forms.SelectMultiple, FastSelectMultiple, ["1", "3"]),
    ],
)
def test_the_same_html_as_djangos_templates(slow, fast, value):
    attrs = {"class": "govuk-select", "aria-describedby": "x-hint", "required": True}
    expected = slow(attrs=attrs, choices=CHOICES).render("meeting", value, attrs={"id": "id_m"})
    got = fast(attrs=attrs, choices=CHOICES).render("meeting", value, attrs={"id": "id_m"})
    assert same(got) == same(expected)
    assert "&lt;Committee&gt;" in got and "<Committee>" not in got
    assert "&quot;budget&quot;" in got


def test_style_form_renders_selects_in_python_and_keeps_their_class():
    class Filter(forms.Form):
        meeting = forms.ChoiceField(choices=CHOICES, required=False)
        status = forms.MultipleChoiceField(choices=CHOICES[:2], required=False)
        kind = forms.ChoiceField(choices=CHOICES[:2], widget=forms.RadioSelect)

    form = style_form(Filter(data={"meeting": "3"}))
    assert type(form.fields["meeting"].widget) is FastSelect
    assert type(form.fields["status"].widget) is FastSelectMultiple
    assert type(form.fields["kind"].widget) is forms.RadioSelect
    html = str(form["meeting"])
    assert 'class="govuk-select"' in html
    assert '<option value="3" selected>11 November 2026</option>' in html


def test_table_cells_render_with_each_functions_own_arguments():
    """The signature kept per function still tells a bound method from its function, and
    one table's render method from another's."""
    import django_tables2 as tables
    from django_tables2.utils import call_with_appropriate, signature

    class Table(tables.Table):
        name = tables.Column()

        def render_name(self, value, record):
            return f"{value}/{record['n']}"

    class Other(tables.Table):
        name = tables.Column()

        def render_name(self, value):
            return value.upper()

    first, second = Table([{"name": "a", "n": 1}]), Other([{"name": "b"}])
    assert signature(first.render_name) == (("value", "record"), None)
    assert signature(Table.render_name) == (("self", "value", "record"), None)
    assert [row.get_cell("name") for row in first.rows] == ["a/1"]
    assert [row.get_cell("name") for row in second.rows] == ["B"]
    assert call_with_appropriate(lambda value: value * 2, {"value": 2, "record": None}) == 4

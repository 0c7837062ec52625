"""GOV.UK's date input (day, month and year boxes) on every date an officer enters: what it
accepts, what it says when a date is wrong, and which box it highlights."""

import datetime as dt
import re

import pytest
from django import forms
from django.urls import reverse

from actiontracker.govuk import GovukDateField, GovukFormMixin
from papers.services import paper_create
from tests.factories import ActionFactory, MeetingFactory


class DateForm(GovukFormMixin, forms.Form):
    on = GovukDateField(label="Date of the chase")
    due = GovukDateField(label="Due by", required=False)


def bound(**data) -> DateForm:
    form = DateForm(data=data)
    form.is_valid()
    return form


def boxes_in_error(form, name) -> list[str]:
    html = str(form[name])
    return re.findall(rf'govuk-input--error" id="id_{name}-(\w+)"', html)


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("8", "6", "2021", dt.date(2021, 6, 8)),
        (" 08 ", "06", "2021", dt.date(2021, 6, 8)),
        ("8", "June", "2021", dt.date(2021, 6, 8)),
        ("8", "jun", "2021", dt.date(2021, 6, 8)),
        ("29", "2", "2024", dt.date(2024, 2, 29)),
    ],
)
def test_parts_make_a_date(day, month, year, expected):
    form = bound(**{"on-day": day, "on-month": month, "on-year": year})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["on"] == expected
    assert form.cleaned_data["due"] is None


@pytest.mark.parametrize(
    ("parts", "message", "wrong"),
    [
        (("", "", ""), "Date of the chase: enter a day, month and year", ["day", "month", "year"]),
        (("8", "", ""), "Date of the chase must include a month and year", ["month", "year"]),
        (("", "6", "2021"), "Date of the chase must include a day", ["day"]),
        (("31", "6", "2021"), "Date of the chase must be a real date", ["day"]),
        (("8", "13", "2021"), "Date of the chase must be a real date", ["month"]),
        (("x", "6", "2021"), "Date of the chase must be a real date", ["day"]),
        (
            ("8", "6", "21"),
            "Date of the chase: the year must be 4 numbers, for example 2021",
            ["year"],
        ),
    ],
)
def test_a_wrong_date_is_named_and_only_its_wrong_boxes_are_highlighted(parts, message, wrong):
    form = bound(**dict(zip(["on-day", "on-month", "on-year"], parts, strict=True)))
    assert form.errors["on"] == [message]
    assert boxes_in_error(form, "on") == wrong
    assert boxes_in_error(form, "due") == []
    # The error summary leads to the first box to correct.
    assert form["on"].id_for_label == f"id_on-{wrong[0]}"


def test_a_rule_about_the_whole_date_highlights_every_box():
    class RuleForm(DateForm):
        def clean(self):
            self.add_error("on", "Date of the chase must be today or in the past")

    form = RuleForm(data={"on-day": "8", "on-month": "6", "on-year": "2999"})
    assert not form.is_valid()
    assert boxes_in_error(form, "on") == ["day", "month", "year"]


def test_a_whole_iso_date_is_still_read_and_a_stored_date_shows_in_its_boxes():
    assert bound(on="2021-06-08").cleaned_data["on"] == dt.date(2021, 6, 8)
    assert bound(on="8 June").errors["on"] == ["Date of the chase must be a real date"]
    html = str(DateForm(initial={"on": dt.date(2021, 6, 8)})["on"])
    assert 'name="on-day" type="text" inputmode="numeric" value="8"' in html
    assert 'name="on-month" type="text" inputmode="numeric" value="6"' in html
    assert 'name="on-year" type="text" inputmode="numeric" value="2021"' in html
    unchanged = DateForm(
        initial={"on": dt.date(2021, 6, 8)},
        data={"on-day": "8", "on-month": "6", "on-year": "2021"},
    )
    assert not unchanged.has_changed()


@pytest.mark.django_db
def test_every_officer_date_is_a_govuk_date_input(officer_client):
    action = ActionFactory()
    paper = paper_create(meeting=MeetingFactory())
    pages = {
        reverse("action-edit", args=[action.pk]): ["due_date"],
        reverse("action-status", args=[action.pk]): ["on"],
        reverse("action-follow-up") + f"?actions={action.pk}": ["date"],
        reverse("meeting-create"): ["date"],
        reverse("correspondence-create"): ["date", "received_on", "reply_due", "drafted_on"],
        reverse("complaint-create"): ["received_on", "decided_on", "deadline"],
        reverse("disclosure-create"): ["contact_date", "disclosed_on"],
        reverse("report-create"): ["agreed_on"],
        reverse("paper-edit", args=[paper.pk]): ["period_start", "period_end"],
    }
    for url, names in pages.items():
        page = officer_client.get(url).content.decode()
        assert 'type="date"' not in page, url
        for name in names:
            group = re.search(
                rf'<fieldset class="govuk-fieldset" role="group" aria-describedby="id_{name}-hint'
                rf".*?</fieldset>",
                page,
                re.S,
            )
            assert group, (url, name)
            for part in ("day", "month", "year"):
                assert f'name="{name}-{part}"' in group.group(0), (url, name, part)

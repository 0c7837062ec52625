"""Every create and edit form refuses bad input with the error summary and writes nothing.

Each form is read from its page as a browser would (its inputs, their ``maxlength``,
``required``, ``type="date"`` and GOV.UK date inputs' day, month and year boxes), filled
with valid values, then posted with one kind of bad input at a time: text one character over
its limit, an impossible date, required fields left empty. The page must come back with
"There is a problem" and every row of every model (history included) must be as it was. The
valid form is posted last, to show that the refusals came from the bad input alone.
"""

import re
from html.parser import HTMLParser

import pytest
from django.apps import apps
from django.forms import BaseForm, BaseFormSet
from django.urls import reverse

from actiontracker import roles
from tests.escaping.world import DOMAIN_APPS, build_world
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


class FormReader(HTMLParser):
    """The fields of the page's main POST form: name -> (kind, attributes) and its data."""

    def __init__(self):
        super().__init__()
        self.forms: list[dict] = []
        self.current = None
        self.select = None
        self.textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "").lower() == "post":
                self.current = {"action": a.get("action") or "", "fields": {}, "data": {}}
                self.forms.append(self.current)
            return
        if self.current is None or "name" not in a and tag != "option":
            return
        fields, data = self.current["fields"], self.current["data"]
        if tag == "input":
            kind = a.get("type", "text")
            if kind in ("submit", "button", "image", "reset"):
                return
            fields.setdefault(a["name"], (kind, a))
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    data.setdefault(a["name"], []).append(a.get("value", "on"))
            elif kind != "file":
                data[a["name"]] = [a.get("value", "")]
        elif tag == "textarea":
            fields[a["name"]] = ("textarea", a)
            data[a["name"]] = [""]
            self.textarea = a["name"]
        elif tag == "select":
            fields[a["name"]] = ("select", a)
            self.select = a["name"]
            self.current.setdefault("options", {})[a["name"]] = []
        elif tag == "option" and self.select:
            self.current["options"][self.select].append(a.get("value", ""))
            if "selected" in a:
                data.setdefault(self.select, []).append(a.get("value", ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.current = None
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, text):
        if self.current is not None and self.textarea:
            value = self.current["data"][self.textarea]
            value[0] += text.removeprefix("\n") if not value[0] else text


def required_names(context) -> set[str]:
    """The inputs the page's forms require (GOV.UK forms render no ``required``)."""
    names = set()
    contexts = context if isinstance(context, list) else [context]
    values = [v for c in contexts for v in c.flatten().values()]
    for value in values:
        if isinstance(value, BaseFormSet):
            # Rows already saved, or else the first row, which a user fills.
            forms = value.forms[: value.initial_form_count()] or value.forms[:1]
        elif isinstance(value, BaseForm):
            forms = [value]
        else:
            continue
        for form in forms:
            names |= {form[name].html_name for name, f in form.fields.items() if f.required}
    # The management form of a formset is the page's, not the user's, to fill.
    return {n for n in names if not n.endswith(("TOTAL_FORMS", "INITIAL_FORMS"))}


DATE_PARTS = {"day": "1", "month": "4", "year": "2023"}


def required_dates(form) -> set[str]:
    """The names of the required GOV.UK date inputs (fieldsets of day, month, year boxes)."""
    return {
        n.removesuffix("-day")
        for n in form["fields"]
        if n.endswith("-day") and n.removesuffix("-day") in form["required_names"]
    }


def read_form(response) -> dict:
    reader = FormReader()
    reader.feed(response.content.decode())
    required = required_names(response.context)
    forms = [f for f in reader.forms if "logout" not in f["action"]]
    assert forms, "no form on the page"
    form = max(forms, key=lambda f: len(f["fields"]))
    form["required_names"] = required
    # Fill what a user must fill: required fields left empty get a plausible value.
    form["required"] = [
        n
        for n, (_k, attrs) in form["fields"].items()
        if n in required or "required" in attrs or n.rsplit("-", 1)[0] in required_dates(form)
    ]
    for i, (name, (kind, attrs)) in enumerate(form["fields"].items(), start=1):
        value = form["data"].get(name, [""])
        if name not in form["required"] or any(value):
            continue
        if kind == "date":
            form["data"][name] = ["2023-04-01"]
        elif name.rsplit("-", 1)[0] in required_dates(form):
            # A GOV.UK date input's day, month and year boxes.
            form["data"][name] = [DATE_PARTS[name.rsplit("-", 1)[1]]]
        elif kind == "select":
            form["data"][name] = [next(v for v in form["options"][name] if v)]
        elif kind in ("radio", "checkbox"):
            form["data"][name] = [attrs.get("value", "on")]
        elif name.endswith("item_number") and "items-0-number" in form["data"]:
            # The meeting entry page: an action row names an item of the same page.
            form["data"][name] = form["data"]["items-0-number"]
        elif kind == "number":
            form["data"][name] = [str(i)]
        else:
            form["data"][name] = [f"Valid text {i}"]
    return form


def snapshot() -> dict:
    """Every row of every domain model and its history."""
    return {
        model._meta.label: sorted(map(repr, model._base_manager.order_by("pk").values()))
        for app in DOMAIN_APPS
        for model in apps.get_app_config(app).get_models()
    }


def too_long(form, name):
    """One character over the field's limit, or None when the field has no limit."""
    limit = form["fields"][name][1].get("maxlength")
    return "x" * (int(limit) + 1) if limit else None


def bad_date(form, name):
    if form["fields"][name][0] == "date":
        return "2023-02-30"
    # A day box, when its month and year are filled: the 30th of February.
    base = name.removesuffix("-day")
    if name.endswith("-day") and all(
        form["data"].get(f"{base}-{p}", [""])[0] for p in ("month", "year")
    ):
        return "30" if form["data"][f"{base}-month"][0] == "2" else "32"
    return None


def missing(form, name):
    return "" if name in form["required"] else None


MUTATIONS = {"too long": too_long, "bad date": bad_date, "missing": missing}


def pk(name: str, url_name: str, query: str = ""):
    """The URL of a form about one of the world's records."""
    return lambda w: reverse(url_name, args=[w[name].pk]) + query


# name: (role, the form's URL in the world built by the escaping tests)
FORM_PAGES = {
    "action edit": (roles.OFFICERS, pk("action", "action-edit")),
    "action status": (roles.OFFICERS, pk("action", "action-status")),
    "follow-up": (
        roles.OFFICERS,
        lambda w: reverse("action-follow-up") + f"?actions={w['action'].pk}",
    ),
    "meeting entry": (roles.OFFICERS, lambda w: reverse("meeting-create")),
    "paper edit": (roles.OFFICERS, pk("paper", "paper-edit")),
    "correspondence new": (roles.OFFICERS, lambda w: reverse("correspondence-create")),
    "correspondence edit": (roles.OFFICERS, pk("letter", "correspondence-edit")),
    "complaint new": (roles.MONITORING, lambda w: reverse("complaint-create")),
    "complaint edit": (roles.OFFICERS, pk("complaint", "complaint-edit")),
    "complaint edit (confidential)": (roles.MONITORING, pk("complaint", "complaint-edit")),
    "disclosure new": (roles.OFFICERS, lambda w: reverse("disclosure-create")),
    "disclosure edit": (roles.OFFICERS, pk("disclosure", "disclosure-edit")),
    "report new": (roles.OFFICERS, lambda w: reverse("report-create")),
    "report edit": (roles.OFFICERS, pk("report", "report-edit")),
    "response paper texts": (roles.OFFICERS, pk("report", "report-response-texts")),
    "reply answers actions": (roles.OFFICERS, pk("letter", "reply-link")),
}


@pytest.mark.parametrize("name", FORM_PAGES)
def test_bad_input_is_refused_and_nothing_is_written(client, name):
    # The escaping tests' records: their markup-laden text is valid input, kept as typed.
    world = build_world(port=9)
    role, url_of = FORM_PAGES[name]
    url = url_of(world)
    client.force_login(UserFactory(username=role, role=role))
    page = client.get(url)
    assert page.status_code == 200
    form = read_form(page)
    target = form["action"] or url
    before = snapshot()
    tried = []
    for mutation, make in MUTATIONS.items():
        for field in form["fields"]:
            if re.search(r"-[1-9]\d*-", field):
                continue  # rows of a formset past the first are checked like the first
            value = make(form, field)
            if value is None:
                continue
            tried.append(mutation)
            response = client.post(target, form["data"] | {field: [value]})
            where = f"{name}: {mutation} {field}"
            assert response.status_code == 200, f"{where} gave {response.status_code}"
            html = response.content.decode()
            assert "There is a problem" in html, f"{where}: no error summary"
            if form["fields"][field][0] != "hidden":
                # The summary links to the field (radios: to their first input).
                link = re.search(rf'href="#(id_{re.escape(field)}(_0)?)"', html)
                assert link, f"{where}: the error summary does not point at the field"
                assert f'id="{link.group(1)}"' in html, f"{where}: the link goes nowhere"
            assert snapshot() == before, f"{where} wrote to the database"
    assert "missing" in tried, "the form requires nothing"
    # The same form, valid, is accepted: the refusals came from the bad input.
    response = client.post(target, form["data"])
    assert response.status_code == 302, re.findall(
        r"error-summary__list.*?</ul>", response.content.decode(), re.S
    )

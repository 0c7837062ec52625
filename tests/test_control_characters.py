"""Control characters typed or pasted into a form, through the real pages of each app.

A NUL is refused with an error on its field (never a server error: PostgreSQL cannot store
one, and one stored on SQLite broke every later form of its record), and nothing is
written. Any other control character (a bell, an escape, a form feed pasted from Word) is
removed: the record keeps the text around it.
"""

import re

import pytest
from django.apps import apps
from django.db import models

from tests.escaping.world import DOMAIN_APPS, build_world
from tests.factories import UserFactory
from tests.test_bad_input import FORM_PAGES, read_form, snapshot

pytestmark = pytest.mark.django_db

# A form of each app, and a free-text field of it.
PAGES = {
    "action edit": "intro",
    "paper edit": "summary_text",
    "correspondence edit": "subject",
    "complaint edit": "public_summary",
    "disclosure edit": "description",
}


def open_form(client, name):
    world = build_world(port=9)
    role, url_of = FORM_PAGES[name]
    url = url_of(world)
    client.force_login(UserFactory(username=role, role=role))
    page = client.get(url)
    assert page.status_code == 200
    form = read_form(page)
    return form, form["action"] or url


def text_field(form, wanted):
    if wanted in form["fields"]:
        return wanted
    # Else the first text input or textarea of the form.
    return next(n for n, (kind, _a) in form["fields"].items() if kind in ("text", "textarea"))


def stored_texts() -> str:
    """Every stored value but files' bytes (a published paper's PDF holds any byte)."""
    return repr(
        [
            list(model._base_manager.values(*text_columns(model)))
            for app in DOMAIN_APPS
            for model in apps.get_app_config(app).get_models()
        ]
    )


def text_columns(model) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields if not isinstance(f, models.BinaryField)]


@pytest.mark.parametrize("name", PAGES)
def test_a_nul_is_refused_on_its_field_and_nothing_is_written(client, name):
    form, target = open_form(client, name)
    field = text_field(form, PAGES[name])
    before = snapshot()
    response = client.post(target, form["data"] | {field: ["Before\x00after"]})
    assert response.status_code == 200
    html = response.content.decode()
    assert "There is a problem" in html
    assert "Null characters are not allowed" in html
    assert re.search(rf'href="#id_{re.escape(field)}"', html), "the summary does not link it"
    assert snapshot() == before


@pytest.mark.parametrize("name", PAGES)
def test_other_control_characters_are_removed_and_the_text_kept(client, name):
    form, target = open_form(client, name)
    field = text_field(form, PAGES[name])
    typed = "Bell\x07 escape\x1b[31m form\x0cfeed\x7f end\x9b."
    response = client.post(target, form["data"] | {field: [typed]})
    assert response.status_code == 302, re.findall(
        r"error-summary__list.*?</ul>", response.content.decode(), re.S
    )
    texts = stored_texts()
    assert "Bell escape[31m form feed end." in texts
    assert not re.search(r"\\x0[0-8bc]|\\x1[0-9a-f]|\\x7f|\\x9b", texts)

"""The e-mails: a chase and a paper's publication notice show each payload escaped in
their HTML part, and as typed in their text part."""

import pytest
from django.utils import timezone
from django.utils.html import escape

from actions.chase_models import ChaseMessage
from actions.chasing import OrganisationChase, chase_email, chase_queue_actions
from papers.notify import publication_messages
from tests.escaping.world import CODES, CONFIDENTIAL, RAW_MARKUP, codes_in

pytestmark = pytest.mark.django_db


def assert_escaped(html: str, text: str, w, expected: list[str], where: str):
    raw = RAW_MARKUP.search(html)
    assert raw is None, f"{where} HTML part has raw markup: {html[raw.start() : raw.end() + 40]}"
    assert "&amp;lt;" not in html, f"{where} escapes user text twice"
    for name in expected:
        payload = w.payloads[CODES[name]]
        assert escape(payload) in html, f"{where} HTML part lacks {name} escaped"
        assert payload in text, f"{where} text part lacks {name} as typed"
    assert CODES[CONFIDENTIAL] not in html + text


def test_chase_email_escapes_user_text(world):
    w, action = world["world"], world["action"]
    chase = OrganisationChase(
        world["contact"].organisation,
        actions=list(chase_queue_actions().filter(pk=action.pk)),
        waiting=ChaseMessage(status="approved"),  # approved: its actions are sent
    )
    email = chase_email(chase, timezone.localdate())
    assert_escaped(
        email.html,
        email.text,
        w,
        [
            # Addressed to the responsible person's own contact.
            "actions.PersonContact.name",
            "meetings.Organisation.name",
            "meetings.AgendaItem.number",
            "meetings.AgendaItem.title",
            "actions.Action.intro",
        ],
        "chase e-mail",
    )
    # The subject is a header: the organisation's label as typed, on one line.
    assert w.payloads[CODES["meetings.Organisation.short_name"]] in email.subject
    assert "\n" not in email.subject


def test_published_email_escapes_user_text(world):
    w = world["world"]
    messages = publication_messages(world["published"])
    assert [m.to for m in messages] == [[world["officer"].email]]
    message = messages[0]
    html = next(body for body, kind in message.alternatives if kind == "text/html")
    assert_escaped(
        html,
        message.body,
        w,
        ["papers.Paper.subject", "meetings.Committee.name"],
        "publication e-mail",
    )
    assert codes_in(message.subject) == {
        CODES["papers.Paper.subject"],
        CODES["meetings.Committee.name"],
    }
    assert "\n" not in message.subject

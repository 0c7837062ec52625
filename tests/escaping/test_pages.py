"""Every HTML page, for every role, shows each user text field's payload as text."""

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import resolve, reverse
from django.utils.html import escape

from actiontracker import roles
from tests.escaping.world import (
    CODES,
    CONFIDENTIAL,
    DOMAIN_APPS,
    FIELDS,
    NOT_SHOWN,
    NOT_USER_TEXT,
    RAW_MARKUP,
    login,
)

pytestmark = pytest.mark.django_db


def reading_pages(w) -> list[str]:
    """Pages every reader (member and officer) may open."""
    a, paper, report = w["action"].pk, w["paper"].pk, w["report"].pk
    return [
        reverse("action-list"),
        reverse("action-detail", args=[a]),
        reverse("paper-committees"),
        reverse("paper-list", args=[w["committee"].slug]),
        reverse("paper-detail", args=[paper]),
        reverse("registers"),
        reverse("correspondence-list"),
        reverse("correspondence-detail", args=[w["letter"].pk]),
        reverse("correspondence-overdue"),
        reverse("disclosure-list"),
        reverse("disclosure-detail", args=[w["disclosure"].pk]),
        reverse("report-list"),
        reverse("report-detail", args=[report]),
        reverse("report-response-paper", args=[report]),
        reverse("board-meeting-list"),
        reverse("board-annex", args=[w["meeting"].pk]),
        reverse("dashboard"),
        reverse("render-job", args=[w["render_job"].pk]),
        reverse("chaser-letter-list"),
        reverse("account-settings"),
    ]


def officer_pages(w) -> list[str]:
    """Pages only officers open: the edit forms and the complaints register."""
    a = w["action"].pk
    return [
        reverse("action-edit", args=[a]),
        reverse("action-status", args=[a]),
        reverse("action-follow-up"),
        reverse("chases-due"),
        reverse("meeting-create"),
        reverse("paper-edit", args=[w["paper"].pk]),
        reverse("correspondence-edit", args=[w["letter"].pk]),
        reverse("complaint-list"),
        reverse("complaint-detail", args=[w["complaint"].pk]),
        reverse("complaint-edit", args=[w["complaint"].pk]),
        reverse("disclosure-edit", args=[w["disclosure"].pk]),
        reverse("report-edit", args=[w["report"].pk]),
        reverse("report-response-texts", args=[w["report"].pk]),
        reverse("portal-answers"),
        reverse("portal-links"),
        reverse("my-actions"),
        reverse("import-list"),
        reverse("import-detail", args=[w["import"].pk]),
        reverse("import-detail", args=[w["refused_import"].pk]),
    ]


def public_pages(w) -> list[str]:
    """Pages open to anyone: the response portal at a contact's real link, and the open
    record of the published paper."""
    token, ref = w["token"], w["ref"]
    slug, paper = w["committee"].slug, w["published"]
    return [
        reverse("respond", args=[token]),
        reverse("respond-answer", args=[token, ref]),
        reverse("respond-new-date", args=[token, ref]),
        reverse("open-committees"),
        reverse("open-committee", args=[slug]),
        reverse("open-paper", args=[slug, paper.pk]),
        reverse("open-meeting", args=[slug, paper.meeting.date.isoformat()]),
    ]


def admin_pages() -> list[str]:
    """The admin's list, change and history pages of every domain model registered there."""
    urls = []
    for model in admin.site._registry:
        if model._meta.app_label not in DOMAIN_APPS:
            continue
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        first = model._base_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
            urls.append(reverse("admin:{}_{}_history".format(*info), args=[first.pk]))
    return urls


def monitoring_pages(w) -> list[str]:
    c = w["complaint"].pk
    return [
        reverse("complaint-list"),
        reverse("complaint-detail", args=[c]),
        reverse("complaint-edit", args=[c]),
    ]


# What the new pages are about, by (who, URL name): the fields each must show escaped.
PAGE_SHOWS = {
    ("officer", "portal-answers"): [
        "actions.PortalAnswer.text",
        "actions.PortalAnswer.reason",
        "actions.Action.intro",
        "meetings.Contact.name",
    ],
    ("officer", "portal-links"): ["meetings.Contact.name", "meetings.Contact.bounce_reason"],
    ("officer", "my-actions"): ["actions.Action.intro", "meetings.Committee.name"],
    ("officer", "import-list"): ["papers.ImportRecord.original_name"],
    ("officer", "chaser-letter-list"): ["meetings.Organisation.name"],
    # Reply performance names the organisations.
    ("officer", "dashboard"): ["meetings.Organisation.short_name"],
    ("officer", "action-detail"): [
        "actions.PortalAnswer.text",
        "actions.PortalAnswer.reason",
        "actions.PortalAnswer.review_note",
    ],
    ("anonymous", "respond"): ["actions.Action.intro", "meetings.Organisation.name"],
    ("anonymous", "respond-answer"): ["actions.Action.intro"],
    ("anonymous", "respond-new-date"): ["actions.Action.intro"],
    ("anonymous", "open-committee"): ["actions.Action.intro", "papers.Paper.subject"],
    ("anonymous", "open-paper"): ["actions.Action.intro", "papers.Paper.subject"],
}


def assert_pages_show(pages: dict[str, str], w) -> None:
    """Each page of PAGE_SHOWS shows its fields' payloads, escaped."""
    seen = set()
    for key, html in pages.items():
        who, url = key.split(" ", 1) if " " in key else ("member", key)
        page = (who, resolve(url).url_name)
        seen.add(page)
        for field in PAGE_SHOWS.get(page, []):
            assert escape(w.payloads[CODES[field]]) in html, f"{key} lacks {field}"
    assert set(PAGE_SHOWS) <= seen, f"not fetched: {set(PAGE_SHOWS) - seen}"


def fetch_pages(client, urls) -> dict[str, str]:
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    return pages


def test_every_user_text_field_is_listed():
    # The enumeration found the fields the application is known to have; a model without
    # any would mean the discovery broke.
    for name in (
        "meetings.Committee.name",
        "meetings.AgendaItem.number",
        "actions.Action.requested_items",
        "actions.FollowUp.note",
        "correspondence.Correspondence.cleared_by_chief_executive",
        CONFIDENTIAL,
        "correspondence.Recommendation.sub_points",
        "papers.Paper.background_papers",
    ):
        assert name in FIELDS
    for name in NOT_USER_TEXT:
        app_model, field = name.rsplit(".", 1)
        apps.get_model(app_model)._meta.get_field(field)  # still exists


def test_html_pages_show_every_payload_as_text(client, world):
    w = world["world"]
    pages = fetch_pages(login(client, roles.MEMBERS), reading_pages(world))
    client.logout()
    pages |= {
        f"officer {url}": html
        for url, html in fetch_pages(
            login(client, roles.OFFICERS),
            reading_pages(world) + officer_pages(world) + admin_pages(),
        ).items()
    }
    client.logout()
    monitoring = fetch_pages(login(client, roles.MONITORING), monitoring_pages(world))
    client.logout()
    pages |= {
        f"anonymous {url}": html for url, html in fetch_pages(client, public_pages(world)).items()
    }
    for url, html in (pages | {f"monitoring {u}": h for u, h in monitoring.items()}).items():
        raw = RAW_MARKUP.search(html)
        assert raw is None, f"{url} shows raw markup: {html[raw.start() - 80 : raw.end() + 80]}"
        assert "&amp;lt;" not in html, f"{url} escapes user text twice"
    assert_pages_show(pages, w)
    # Confidential details appear only to the Monitoring Officer.
    secret = CODES[CONFIDENTIAL]
    for url, html in pages.items():
        assert secret not in html, f"{url} shows confidential complaint details"
    assert (
        escape(w.payloads[secret])
        in monitoring[reverse("complaint-detail", args=[world["complaint"].pk])]
    )
    # Each payload is shown in full, escaped, somewhere: a field no page shows must be listed.
    everything = "\n".join(pages.values()) + "\n".join(monitoring.values())
    missing = [
        f"{name} ({code})"
        for name, code in CODES.items()
        if name not in NOT_SHOWN and escape(w.payloads[code]) not in everything
    ]
    assert not missing, f"not shown escaped on any page: {missing}"

"""Users who opt in on their settings page get an e-mail, through a real SMTP server the
test starts, when a paper is published: only once the publishing has committed, only those
who may read papers, one message each, with the paper's link and its titles escaped."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from actions.account import settings_update
from actiontracker import roles
from papers.services import paper_create, paper_publish
from tests.actions.test_chasing import SmtpServer
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(pdf_renderer):
    pdf_renderer("stand_in")
    committee = CommitteeFactory()
    earlier = MeetingFactory(committee=committee, date=dt.date(2023, 3, 22))
    ActionFactory(agenda_item=AgendaItemFactory(meeting=earlier), intro="Provide the figures.")
    return paper_create(meeting=MeetingFactory(committee=committee, date=dt.date(2023, 5, 24)))


@pytest.fixture
def smtp(settings):
    server = SmtpServer()
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 5
    settings.SITE_URL = "https://tracker.example.org"
    yield server
    server.stop()


def opted_in(username, role, email):
    user = UserFactory(username=username, role=role, email=email)
    settings_update(user=user, notify_on_publish=True)
    return user


def test_opted_in_readers_are_told_once_the_paper_is_published(
    smtp,
    draft,
    officer,
    django_capture_on_commit_callbacks,
):
    opted_in("amy", roles.MEMBERS, "amy@example.org")
    opted_in("olu", roles.OFFICERS, "olu@example.org")
    UserFactory(username="quiet", role=roles.MEMBERS, email="quiet@example.org")
    opted_in("mo", roles.MONITORING, "mo@example.org")  # may not read papers
    opted_in("noaddress", roles.MEMBERS, "")

    draft.meeting.committee.name = "Police <b>and</b> Crime"
    draft.meeting.committee.save()
    with django_capture_on_commit_callbacks() as callbacks:
        paper_publish(paper=draft, by=officer)
        assert smtp.messages == []  # nothing before the commit
    for callback in callbacks:
        callback()

    by_address = {tuple(rcpts): message for rcpts, message in smtp.messages}
    assert sorted(by_address) == [("amy@example.org",), ("olu@example.org",)]
    message = by_address[("amy@example.org",)]
    assert (
        message["Subject"].strip() == "Published: Summary List of Actions – Police <b>and</b> Crime"
    )
    link = "https://tracker.example.org" + reverse("paper-detail", args=[draft.pk])
    text = message.get_body(("plain",)).get_content()
    assert link in text
    assert "24 May 2023" in text
    html = message.get_body(("html",)).get_content()
    assert "Police &lt;b&gt;and&lt;/b&gt; Crime" in html
    assert "<b>and</b>" not in html


def test_a_failed_publish_tells_nobody(smtp, draft, officer, django_capture_on_commit_callbacks):
    opted_in("amy", roles.MEMBERS, "amy@example.org")
    paper_publish(paper=draft, by=officer)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(ValidationError, match="published"),
    ):
        paper_publish(paper=draft, by=officer)
    assert callbacks == []
    assert smtp.messages == []


def test_a_mail_server_that_is_down_leaves_the_paper_published(
    smtp,
    draft,
    officer,
    django_capture_on_commit_callbacks,
):
    opted_in("amy", roles.MEMBERS, "amy@example.org")
    smtp.stop()
    with django_capture_on_commit_callbacks(execute=True):
        published = paper_publish(paper=draft, by=officer)
    assert published.status == published.Status.PUBLISHED


def test_the_settings_page_turns_the_email_on_and_off(member_client, member):
    url = reverse("account-settings")
    page = member_client.get(url)
    assert "E-mail me when a paper is published" in page.content.decode()
    member_client.post(url, {"do": "save", "notify_on_publish": "on"})
    assert member.tracker_settings.notify_on_publish is True
    member_client.post(url, {"do": "save"})
    member.tracker_settings.refresh_from_db()
    assert member.tracker_settings.notify_on_publish is False

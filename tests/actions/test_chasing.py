"""send_chases: one e-mail per organisation through a real SMTP server the test starts,
recorded as follow-ups, with failures kept and tried again on the next run."""

import datetime as dt
import email
import email.policy
import io
import socket

import pytest
from aiosmtpd.controller import Controller
from django.core.management import call_command
from django.urls import reverse

from actions.chase_models import ChaseMessage
from actions.chasing import chase_approve, respond_token
from actions.models import Action, FollowUp
from actions.services import followup_record
from meetings.models import Contact
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
)

CHASE_DAY = "2026-12-01"


class Inbox:
    """An aiosmtpd handler keeping every message it is given."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's name)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.messages.append((envelope.rcpt_tos, message))
        return "250 Message accepted for delivery"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpServer:
    """A real SMTP server on a local port, which a test can stop and start again."""

    def __init__(self):
        self.inbox = Inbox()
        self.messages = self.inbox.messages
        self.port = free_port()
        self.controller = None

    def start(self):
        self.controller = Controller(self.inbox, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def stop(self):
        if self.controller is not None:
            self.controller.stop()
            self.controller = None


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


def send(*args) -> str:
    out = io.StringIO()
    call_command("send_chases", "--date", CHASE_DAY, *args, stdout=out)
    return out.getvalue()


def organisation_with_contact(name, short, *, deputy=""):
    organisation = OrganisationFactory(name=name, short_name=short)
    Contact.objects.create(
        organisation=organisation,
        name=f"{short} contact",
        email=f"{short.lower()}@example.org",
        deputy_name="Deputy" if deputy else "",
        deputy_email=deputy,
    )
    return organisation


def action_for(organisation, committee, *, meeting_date, title="Knife crime", intro=None):
    meeting = MeetingFactory(committee=committee, date=meeting_date)
    item = AgendaItemFactory(meeting=meeting, title=title)
    person = ResponsiblePersonFactory(organisation=organisation)
    return ActionFactory(
        agenda_item=item, responsible_person=person, intro=intro or f"Send {title} figures."
    )


@pytest.fixture
def automatic():
    return CommitteeFactory(name="Police and Crime Committee", chases_send_automatically=True)


@pytest.fixture
def mps(automatic):
    organisation = organisation_with_contact(
        "Metropolitan Police Service", "MPS", deputy="mps.deputy@example.org"
    )
    action_for(organisation, automatic, meeting_date=dt.date(2026, 10, 1), title="Stop and search")
    action_for(organisation, automatic, meeting_date=dt.date(2026, 10, 8), title="Body cameras")
    return organisation


@pytest.fixture
def mopac(automatic):
    organisation = organisation_with_contact("Mayor's Office for Policing and Crime", "MOPAC")
    action_for(organisation, automatic, meeting_date=dt.date(2026, 9, 3), title="Budget")
    return organisation


@pytest.mark.django_db
def test_each_organisation_gets_one_message_listing_its_due_actions(smtp, mps, mopac):
    output = send()
    assert len(smtp.messages) == 2
    by_recipient = {tuple(sorted(rcpts)): message for rcpts, message in smtp.messages}
    message = by_recipient[("mps.deputy@example.org", "mps@example.org")]
    assert message["To"] == "mps@example.org"
    assert message["Cc"] == "mps.deputy@example.org"
    assert (
        message["Subject"].strip() == "MPS: 2 outstanding committee actions awaiting your response"
    )
    text = message.get_body(("plain",)).get_content()
    assert "Meeting of 1 October 2026, item" in text
    assert "Stop and search" in text and "Body cameras" in text
    assert "Chased so far: 0" in text
    mps_link = next(line for line in text.splitlines() if "/respond/" in line).strip()
    assert mps_link.startswith("https://tracker.example.org/respond/")
    mopac_text = by_recipient[("mopac@example.org",)].get_body(("plain",)).get_content()
    assert "Budget" in mopac_text and "Stop and search" not in mopac_text
    assert mps_link not in mopac_text  # each has its own link
    # One line per message: recipient, organisation, number of actions, link.
    assert f"mps@example.org\tMPS\t2 actions\t{mps_link}" in output
    assert "mopac@example.org\tMOPAC\t1 action\t" in output
    # Every chase is a follow-up, and the same day's second run sends nothing more.
    assert FollowUp.objects.filter(method="email", date=dt.date(2026, 12, 1)).count() == 3
    assert set(ChaseMessage.objects.values_list("status", flat=True)) == {"sent"}
    send()
    assert len(smtp.messages) == 2


@pytest.mark.django_db
def test_the_link_opens_the_organisations_actions_only(smtp, client, mps, mopac):
    send()
    message = next(m for rcpts, m in smtp.messages if "mopac@example.org" in rcpts)
    text = message.get_body(("plain",)).get_content()
    path = next(line for line in text.splitlines() if "/respond/" in line).strip()
    response = client.get(path.removeprefix("https://tracker.example.org"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Budget" in page and "Stop and search" not in page
    tampered = client.get(path.removeprefix("https://tracker.example.org")[:-3] + "xyz/")
    assert tampered.status_code == 404
    assert "This link does not work" in tampered.content.decode()
    assert "Budget" not in tampered.content.decode()


@pytest.mark.django_db
def test_chase_rule_waits_for_the_first_chase_and_between_reminders(smtp, automatic):
    organisation = organisation_with_contact("Transport for London", "TfL")
    # Ten working days after 20 November 2026 is 4 December: not due on 1 December.
    recent = action_for(organisation, automatic, meeting_date=dt.date(2026, 11, 20))
    chased = action_for(organisation, automatic, meeting_date=dt.date(2026, 6, 4))
    followup_record(actions=[chased], date=dt.date(2026, 11, 10))  # reminder due 8 December
    assert "0 chases sent" in send()
    assert smtp.messages == []
    assert not recent.follow_ups.exists()


@pytest.mark.django_db
def test_a_committee_that_does_not_send_automatically_waits_for_approval(smtp, mps):
    manual = CommitteeFactory(name="Budget and Performance Committee")
    lfb = organisation_with_contact("London Fire Brigade", "LFB")
    action_for(lfb, manual, meeting_date=dt.date(2026, 9, 1), title="Fire safety")
    send()
    assert [sorted(rcpts) for rcpts, _ in smtp.messages] == [
        ["mps.deputy@example.org", "mps@example.org"]
    ]
    chase_approve(organisation=lfb, date=dt.date(2026, 12, 1))
    send()
    assert [rcpts for rcpts, _ in smtp.messages][1] == ["lfb@example.org"]


@pytest.mark.django_db
def test_dry_run_sends_and_records_nothing(smtp, mps, mopac):
    output = send("--dry-run")
    assert "mps@example.org\tMPS\t2 actions\t" in output
    assert "2 chases would be sent" in output
    assert smtp.messages == []
    assert not FollowUp.objects.exists()
    assert not ChaseMessage.objects.exists()


@pytest.mark.django_db
def test_a_failed_send_is_recorded_and_tried_again_on_the_next_run(smtp, mps):
    smtp.stop()  # the mail server is down
    output = send()
    assert "FAILED" in output and "will be tried again" in output
    failed = ChaseMessage.objects.get()
    assert (failed.status, failed.attempts) == ("failed", 1)
    assert "Connection" in failed.error or "refused" in failed.error.lower()
    assert not FollowUp.objects.exists()
    assert Action.objects.filter(last_chased_on__isnull=True).count() == 2

    smtp.start()
    send()
    assert len(smtp.messages) == 1
    retried = ChaseMessage.objects.get()
    assert (retried.pk, retried.status, retried.attempts) == (failed.pk, "sent", 2)
    assert retried.follow_ups.count() == 2


@pytest.mark.django_db
def test_officers_text_is_escaped_in_the_html_part(smtp, automatic):
    organisation = organisation_with_contact("Organisation <b>bold</b>", "ORGX")
    action_for(
        organisation,
        automatic,
        meeting_date=dt.date(2026, 9, 3),
        title='<script>alert("item")</script>',
        intro="Compare <img src=x onerror=alert(1)> figures",
    )
    send()
    ((_, message),) = smtp.messages
    html = message.get_body(("html",)).get_content()
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<img" not in html and "&lt;img" in html
    assert "<b>bold</b>" not in html
    # The plain text part shows the words as written.
    assert '<script>alert("item")</script>' in message.get_body(("plain",)).get_content()


@pytest.mark.django_db
def test_the_portal_page_escapes_what_officers_typed(client, automatic):
    organisation = organisation_with_contact("Organisation <b>bold</b>", "ORGY")
    action_for(organisation, automatic, meeting_date=dt.date(2026, 9, 3), title="<i>item</i> title")
    page = client.get(respond_path(organisation.contact)).content.decode()
    assert "&lt;i&gt;item&lt;/i&gt; title" in page and "<i>item</i>" not in page
    assert "&lt;b&gt;bold&lt;/b&gt;" in page and "<b>bold</b>" not in page


@pytest.mark.django_db
def test_an_expired_link_or_a_replaced_contacts_link_shows_nothing(client, settings, mopac):
    path = respond_path(mopac.contact)
    assert client.get(path).status_code == 200
    settings.RESPOND_LINK_MAX_AGE = dt.timedelta(seconds=-1)
    expired = client.get(path)
    assert expired.status_code == 404 and "Budget" not in expired.content.decode()
    settings.RESPOND_LINK_MAX_AGE = dt.timedelta(days=60)
    mopac.contact.delete()
    Contact.objects.create(organisation=mopac, name="New contact", email="new@example.org")
    replaced = client.get(path)
    assert replaced.status_code == 404 and "Budget" not in replaced.content.decode()
    assert replaced["Cache-Control"] == "private, no-store"


def respond_path(contact) -> str:
    return reverse("respond", args=[respond_token(contact)])

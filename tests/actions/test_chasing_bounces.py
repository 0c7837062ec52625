"""Bounced addresses: a recipient the SMTP server refuses for good (550) is flagged on the
contact, with when and why; the chase is held, shown as "address bounced", and nothing more
goes to that address until an officer corrects or confirms it. A temporary refusal (450)
is retried as before."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from actions import bounces
from actions.chase_models import ChaseMessage
from actions.models import FollowUp
from meetings.models import Contact
from tests.actions import test_chasing
from tests.actions.test_chasing import send

# The real SMTP server and the organisations with contacts and due actions.
smtp = test_chasing.smtp
automatic = test_chasing.automatic
mps = test_chasing.mps
mopac = test_chasing.mopac


class Refusing:
    """Refuses the listed recipients at RCPT with the given answer."""

    def __init__(self, server, refused: dict[str, str]):
        self.server = server
        self.refused = refused

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802
        answer = self.refused.get(address)
        if answer:
            return answer
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802
        return await self.server.inbox.handle_DATA(server, session, envelope)


def refuse(smtp_server, refused: dict[str, str]):
    smtp_server.stop()
    handler = Refusing(smtp_server, refused)
    smtp_server.inbox_handler = handler
    from aiosmtpd.controller import Controller

    smtp_server.controller = Controller(handler, hostname="127.0.0.1", port=smtp_server.port)
    smtp_server.controller.start()


@pytest.mark.django_db
def test_a_refused_address_is_flagged_and_its_chases_held_until_confirmed(
    smtp, mopac, officer_client
):
    refuse(smtp, {"mopac@example.org": "550 5.1.1 No such user here"})
    output = send()
    assert "HELD: Address bounced: mopac@example.org" in output
    assert "1 held: address bounced" in output
    assert smtp.messages == []
    contact = Contact.objects.get(organisation=mopac)
    assert contact.bounced_address == "mopac@example.org"
    assert "550" in contact.bounce_reason and "No such user" in contact.bounce_reason
    assert contact.bounced_at is not None
    latest = contact.history.first()
    assert latest.bounced_address == "mopac@example.org"
    assert "bounced" in latest.history_change_reason
    held = ChaseMessage.objects.get()
    assert held.status == "held"
    assert "mopac@example.org" in held.error and "550" in held.error
    assert not FollowUp.objects.exists()

    # The server would take it now, but the address stays flagged: nothing goes to it.
    refuse(smtp, {})
    output = send()
    assert "HELD" in output and smtp.messages == []
    assert ChaseMessage.objects.get().status == "held"

    page = officer_client.get(reverse("chases-due")).content.decode()
    assert "Addresses that bounced" in page
    assert "Held: address bounced" in page
    assert "No such user here" in page
    links = officer_client.get(reverse("portal-links")).content.decode()
    assert "Address bounced" in links and "mopac@example.org" in links

    response = officer_client.post(reverse("chases-due"), {"confirm_contact": contact.pk})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.bounced_at is None and contact.bounced_address == ""
    assert "confirmed" in contact.history.first().history_change_reason
    send()
    assert len(smtp.messages) == 1
    assert smtp.messages[0][0] == ["mopac@example.org"]
    sent = ChaseMessage.objects.get()
    assert (sent.status, sent.follow_ups.count()) == ("sent", 1)


@pytest.mark.django_db
def test_correcting_the_address_clears_the_flag(smtp, mopac):
    refuse(smtp, {"mopac@example.org": "550 5.1.1 No such user here"})
    send()
    contact = Contact.objects.get(organisation=mopac)
    assert contact.bounced_at is not None
    refuse(smtp, {})
    contact.email = "mopac.new@example.org"
    contact.save()
    contact.refresh_from_db()
    assert contact.bounced_at is None
    assert "corrected" in contact.history.first().history_change_reason
    send()
    assert [rcpts for rcpts, _ in smtp.messages] == [["mopac.new@example.org"]]


@pytest.mark.django_db
def test_a_temporary_refusal_is_retried_not_flagged(smtp, mopac):
    refuse(smtp, {"mopac@example.org": "450 4.2.1 Mailbox busy, try later"})
    output = send()
    assert "FAILED" in output
    assert ChaseMessage.objects.get().status == "failed"
    assert Contact.objects.get(organisation=mopac).bounced_at is None
    refuse(smtp, {})
    send()
    assert ChaseMessage.objects.get().status == "sent"


@pytest.mark.django_db
def test_one_refused_organisation_does_not_hold_the_others(smtp, mps, mopac):
    refuse(smtp, {"mopac@example.org": "550 5.1.1 No such user here"})
    send()
    statuses = dict(ChaseMessage.objects.values_list("organisation__short_name", "status"))
    assert statuses == {"MOPAC": "held", "MPS": "sent"}
    assert len(smtp.messages) == 1


@pytest.mark.django_db
def test_the_admin_confirms_a_bounced_address(admin_client, smtp, mopac):
    refuse(smtp, {"mopac@example.org": "550 5.1.1 No such user here"})
    send()
    contact = Contact.objects.get(organisation=mopac)
    url = reverse("admin:meetings_organisation_change", args=[mopac.pk])
    page = admin_client.get(url).content.decode()
    assert "No such user here" in page
    data = {
        "name": mopac.name,
        "short_name": mopac.short_name,
        "contact-TOTAL_FORMS": "1",
        "contact-INITIAL_FORMS": "1",
        "contact-MIN_NUM_FORMS": "0",
        "contact-MAX_NUM_FORMS": "1",
        "contact-0-id": contact.pk,
        "contact-0-organisation": mopac.pk,
        "contact-0-name": contact.name,
        "contact-0-email": contact.email,
        "contact-0-address_confirmed": "on",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:3000]
    contact.refresh_from_db()
    assert contact.bounced_at is None


def test_notify_refusing_an_address_is_a_bounce():
    from actions.bounces import permanent_refusals
    from actiontracker.mail import AddressRefused, NotifyEmailBackend

    class Refused(Exception):
        status_code = 400
        message = [{"error": "ValidationError", "message": "email_address Not a valid email"}]

    class Client:
        def send_email_notification(self, **request):
            raise Refused("email_address Not a valid email")

    from django.core.mail import EmailMessage

    backend = NotifyEmailBackend(client=Client())
    with pytest.raises(AddressRefused) as raised:
        backend.send_messages([EmailMessage("Chase", "Body", to=["bad@example.org"])])
    assert list(permanent_refusals(raised.value, ["bad@example.org"])) == ["bad@example.org"]


@pytest.mark.django_db
def test_a_refused_deputy_copied_with_a_good_address_is_flagged_too(smtp, mps, settings):
    # The server takes the message for the contact and refuses the deputy copied in:
    # Django's own backend would drop the refusal; ours keeps it.
    settings.EMAIL_BACKEND = "actiontracker.mail.SmtpEmailBackend"
    refuse(smtp, {"mps.deputy@example.org": "550 5.1.1 Deputy has left"})
    send()
    assert [rcpts for rcpts, _ in smtp.messages] == [["mps@example.org"]]
    message = ChaseMessage.objects.get()
    assert message.status == "sent"
    assert "mps.deputy@example.org" in message.error
    contact = Contact.objects.get(organisation=mps)
    assert contact.bounced_address == "mps.deputy@example.org"
    assert "Deputy has left" in contact.bounce_reason
    # The next chase is held until the deputy's address is corrected or confirmed.
    assert bounces.flagged([contact]) == [(contact, "mps.deputy@example.org")]
    contact.deputy_email = "mps.newdeputy@example.org"
    contact.save()
    assert bounces.flagged([Contact.objects.get(pk=contact.pk)]) == []


class NotifyStandIn:
    """GOV.UK Notify's client, as far as chases use it: takes every message, and later
    says the MOPAC address does not exist."""

    def __init__(self):
        self.sent = {}

    def send_email_notification(self, email_address, **request):
        notification = f"id-{len(self.sent) + 1}"
        self.sent[notification] = email_address
        return {"id": notification}

    def get_notification_by_id(self, notification):
        address = self.sent[notification]
        return {"status": "permanent-failure" if address.startswith("mopac") else "delivered"}


@pytest.mark.django_db
def test_notify_reporting_a_permanent_failure_later_flags_the_address(
    settings, monkeypatch, mps, mopac
):
    from actions.notify_delivery import notify_delivery_check
    from actiontracker import mail

    notify = NotifyStandIn()
    monkeypatch.setattr(mail, "notify_client", lambda key: notify)
    settings.EMAIL_BACKEND = "actiontracker.mail.NotifyEmailBackend"
    settings.NOTIFY_API_KEY = "test-key"
    send()
    assert sorted(notify.sent.values()) == [
        "mopac@example.org",
        "mps.deputy@example.org",
        "mps@example.org",
    ]
    from actions import notify_delivery

    monkeypatch.setattr(notify_delivery, "notify_client", lambda key: notify)
    out = io.StringIO()
    call_command("check_chase_delivery", stdout=out)
    assert "BOUNCED\tmopac@example.org\tMOPAC" in out.getvalue()
    assert "1 address bounced." in out.getvalue()
    contact = Contact.objects.get(organisation=mopac)
    assert contact.bounced_address == "mopac@example.org"
    assert "permanent failure" in contact.bounce_reason
    assert Contact.objects.get(organisation=mps).bounced_at is None
    # Settled notifications are not asked about again.
    assert not ChaseMessage.objects.exclude(notify_notifications=[]).exists()
    assert notify_delivery_check(client=notify) == []

"""Mail through GOV.UK Notify: a Django e-mail backend, chosen when NOTIFY_API_KEY is set.

Notify sends from a template the service sets up once, with two placeholders,
``((subject))`` and ``((body))``; every message of the app fills them. Each recipient, the
cc'd included, gets their own notification, since Notify sends to one address at a time.
"""

from django.conf import settings
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.smtp import EmailBackend as DjangoSmtpBackend


class AddressRefused(Exception):
    """The mail service refused addresses for good (not a failure to try again)."""

    def __init__(self, refused: dict[str, str]):
        super().__init__("; ".join(f"{a}: {why}" for a, why in refused.items()))
        self.refused = refused


def notify_refuses_address(error: Exception) -> bool:
    """Whether Notify answered that the address itself is wrong (a 400 naming it), which
    sending again will not mend."""
    return getattr(error, "status_code", None) == 400 and "email_address" in str(
        getattr(error, "message", error)
    )


def notify_client(api_key: str):
    """The real Notify client (imported here so the tests never need the network)."""
    from notifications_python_client.notifications import NotificationsAPIClient

    return NotificationsAPIClient(api_key)


def notify_requests(message) -> list[dict]:
    """The Notify calls one Django message makes: one per recipient, to and cc."""
    return [
        {
            "email_address": address,
            "template_id": settings.NOTIFY_TEMPLATE_ID,
            "personalisation": {"subject": message.subject, "body": message.body},
            "reference": message.extra_headers.get("X-Reference", ""),
        }
        for address in [*message.to, *message.cc]
    ]


class NotifyEmailBackend(BaseEmailBackend):
    """Sends Django e-mail messages as GOV.UK Notify notifications; each message keeps the
    ids of its notifications (``notify_notifications``) so their delivery can be checked."""

    def __init__(self, fail_silently=False, client=None, **kwargs):
        super().__init__(fail_silently=fail_silently, **kwargs)
        self.client = client

    def send_messages(self, email_messages) -> int:
        client = self.client or notify_client(settings.NOTIFY_API_KEY)
        sent = 0
        for message in email_messages:
            message.notify_notifications = []  # (id, address) of each, to check delivery
            try:
                for request in notify_requests(message):
                    try:
                        response = client.send_email_notification(**request)
                        notification = (response or {}).get("id")
                        if notification:
                            message.notify_notifications.append(
                                {"id": notification, "email_address": request["email_address"]}
                            )
                    except Exception as error:
                        if notify_refuses_address(error):
                            address = request["email_address"]
                            raise AddressRefused({address: str(error)}) from error
                        raise
            except Exception:
                if not self.fail_silently:
                    raise
            else:
                sent += 1
        return sent


class SmtpEmailBackend(DjangoSmtpBackend):
    """Django's SMTP backend, which also keeps on each message the recipients the server
    refused while it took the others (``refused_recipients``: address -> (code, reason));
    Django's own drops them, so a bouncing address copied with a good one went unseen."""

    def _send(self, email_message):
        connection = self.connection
        if connection is None:
            return super()._send(email_message)
        original = connection.sendmail

        def sendmail(*args, **kwargs):
            refused = original(*args, **kwargs)
            email_message.refused_recipients = dict(refused or {})
            return refused

        connection.sendmail = sendmail
        try:
            return super()._send(email_message)
        finally:
            del connection.sendmail

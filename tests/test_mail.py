"""Mail settings from the environment, and the GOV.UK Notify backend's messages (with a
stand-in client: the tests never reach Notify)."""

import pytest
from django.core.mail import EmailMessage

from actiontracker.mail import NotifyEmailBackend
from actiontracker.settings.base import email_backend


def test_notify_key_selects_notify_even_with_smtp_set():
    environ = {"NOTIFY_API_KEY": "key", "EMAIL_HOST": "smtp.example.org"}
    assert email_backend(environ, debug=False) == "actiontracker.mail.NotifyEmailBackend"


def test_email_host_selects_smtp():
    smtp = "actiontracker.mail.SmtpEmailBackend"
    assert email_backend({"EMAIL_HOST": "smtp.example.org"}, debug=True) == smtp
    # Production without a host still uses SMTP (to localhost), never a file.
    assert email_backend({}, debug=False) == smtp


def test_development_without_a_host_keeps_mail_in_files():
    assert email_backend({}, debug=True) == "django.core.mail.backends.filebased.EmailBackend"


class RecordingClient:
    def __init__(self, fail=False):
        self.calls = []
        self.fail = fail

    def send_email_notification(self, **request):
        if self.fail:
            raise RuntimeError("Notify is unavailable")
        self.calls.append(request)


def test_notify_sends_the_subject_and_body_to_each_recipient(settings):
    settings.NOTIFY_TEMPLATE_ID = "template-1"
    client = RecordingClient()
    message = EmailMessage(
        subject="MPS: 2 outstanding committee actions",
        body="Dear contact,\nplease respond.",
        to=["mps@example.org"],
        cc=["deputy@example.org"],
    )
    assert NotifyEmailBackend(client=client).send_messages([message]) == 1
    assert client.calls == [
        {
            "email_address": address,
            "template_id": "template-1",
            "personalisation": {
                "subject": "MPS: 2 outstanding committee actions",
                "body": "Dear contact,\nplease respond.",
            },
            "reference": "",
        }
        for address in ["mps@example.org", "deputy@example.org"]
    ]


def test_a_notify_failure_reaches_the_sender_unless_silenced():
    message = EmailMessage(subject="s", body="b", to=["a@example.org"])
    backend = NotifyEmailBackend(client=RecordingClient(fail=True))
    with pytest.raises(RuntimeError, match="unavailable"):
        backend.send_messages([message])
    silent = NotifyEmailBackend(client=RecordingClient(fail=True), fail_silently=True)
    assert silent.send_messages([message]) == 0

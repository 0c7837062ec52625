"""Bounced addresses: a chase the mail service refuses for good (SMTP's 5xx answer to a
recipient, or GOV.UK Notify refusing an address) flags that address on its contact, and no
chase goes to a flagged address (the chase is held, shown as "address bounced") until an
officer corrects the address or confirms it. Temporary failures (4xx, a server down) are
not bounces: the chase is tried again on the next run.
"""

import smtplib

from django.utils import timezone

from actiontracker.mail import AddressRefused

# 5xx answers that speak of our own sending, not of the recipient's address.
NOT_THE_RECIPIENT = (
    smtplib.SMTPSenderRefused,
    smtplib.SMTPAuthenticationError,
    smtplib.SMTPHeloError,
    smtplib.SMTPNotSupportedError,
)


def _text(value) -> str:
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def permanent_refusals(error: Exception, recipients: list[str]) -> dict[str, str]:
    """The addresses ``error`` says are refused for good, each with the server's reason;
    empty when the failure is temporary (or not the recipients')."""
    if isinstance(error, AddressRefused):
        return dict(error.refused)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return {
            address: f"{code} {_text(reason)}"
            for address, (code, reason) in error.recipients.items()
            if 500 <= code < 600
        }
    permanent = isinstance(error, smtplib.SMTPResponseException) and 500 <= error.smtp_code < 600
    if permanent and recipients and not isinstance(error, NOT_THE_RECIPIENT):
        return {recipients[0]: f"{error.smtp_code} {_text(error.smtp_error)}"}
    return {}


def refused_while_sent(mail) -> dict[str, str]:
    """The addresses the server refused for good while it took the message for the others
    (kept on the message by actiontracker.mail.SmtpEmailBackend)."""
    refused = getattr(mail, "refused_recipients", None) or {}
    return permanent_refusals(smtplib.SMTPRecipientsRefused(refused), []) if refused else {}


def flagged(contacts: list) -> list[tuple[object, str]]:
    """Each (contact, address) among the contacts' addresses that is flagged as bounced."""
    return [
        (contact, address)
        for contact in contacts
        if getattr(contact, "bounced_at", None)
        for address in contact.addresses()
        if contact.bounced(address)
    ]


def flag(contacts: list, refused: dict[str, str]) -> list[tuple[object, str]]:
    """Flag each refused address on the contact it belongs to; the (contact, address)
    pairs flagged (a contact without a flag of its own is left out)."""
    done = []
    now = timezone.now()
    wanted = {address.lower(): reason for address, reason in refused.items()}
    for contact in contacts:
        if not hasattr(contact, "bounce_flag"):
            continue
        for address in contact.addresses():
            reason = wanted.get(address.lower())
            if reason is not None:
                contact.bounce_flag(address, reason, at=now)
                done.append((contact, address))
                break
    return done


def held_text(pairs: list[tuple[object, str]]) -> str:
    """Why a chase is held: each bounced address, when and why."""
    parts = [
        f"{address} ({contact.name}) bounced on "
        f"{timezone.localtime(contact.bounced_at):%-d %B %Y}: {contact.bounce_reason}"
        for contact, address in pairs
    ]
    return (
        "Address bounced: "
        + "; ".join(parts)
        + ". Held until an officer corrects or confirms the address."
    )

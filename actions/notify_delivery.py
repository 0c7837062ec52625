"""GOV.UK Notify's delivery, checked after the chase was handed over: Notify accepts a
message at once and learns later that the address does not exist ("permanent-failure").
`manage.py check_chase_delivery` (and the daily run, when Notify sends the mail) asks
Notify about each chase notification not yet settled and flags an address Notify could not
deliver to for good, as a refused SMTP recipient is flagged.
"""

from dataclasses import dataclass

from django.db.models import Q

from actions import bounces
from actions.chase_models import ChaseMessage
from actiontracker.mail import notify_client
from meetings.models import Contact

# Notify's final states; any other ("created", "sending", "pending") is asked again later.
DELIVERED = "delivered"
PERMANENT_FAILURE = "permanent-failure"
SETTLED = {DELIVERED, PERMANENT_FAILURE, "temporary-failure", "technical-failure"}


@dataclass(frozen=True)
class Bounce:
    message: ChaseMessage
    address: str

    def line(self) -> str:
        return f"BOUNCED\t{self.address}\t{self.message.organisation.label}\t{self.message.date}"


def contacts_with(address: str) -> list[Contact]:
    """The contacts one of whose addresses is ``address``."""
    return list(Contact.objects.filter(Q(email__iexact=address) | Q(deputy_email__iexact=address)))


def notify_delivery_check(*, client=None) -> list[Bounce]:
    """Ask Notify about every chase notification not settled yet; flag the addresses it
    could not deliver to for good. A settled notification is not asked about again."""
    waiting = ChaseMessage.objects.select_related("organisation").exclude(notify_notifications=[])
    bounced = []
    for message in waiting:
        if client is None:
            from django.conf import settings

            client = notify_client(settings.NOTIFY_API_KEY)
        unsettled = []
        for notification in message.notify_notifications:
            status = client.get_notification_by_id(notification["id"]).get("status", "")
            if status not in SETTLED:
                unsettled.append(notification)
                continue
            if status == PERMANENT_FAILURE:
                address = notification["email_address"]
                reason = "GOV.UK Notify: permanent failure (the address does not exist)"
                if bounces.flag(contacts_with(address), {address: reason}):
                    bounced.append(Bounce(message, address))
                note = f"Notify could not deliver to {address} (permanent failure)."
                message.error = f"{message.error} {note}".strip()
        message.notify_notifications = unsettled
        message.save(update_fields=["notify_notifications", "error", "updated_at"])
    return bounced

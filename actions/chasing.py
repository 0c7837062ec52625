"""Chasing: which outstanding actions are due a chase on a day, by each committee's rule,
and the one e-mail per organisation that chases them, with a personal link to the portal.

An action is first chased ``first_chase_after_working_days`` working days after its
meeting, then every ``chase_every_working_days`` working days after its last chase (the
committee's nation's bank holidays skipped). A chase goes out when its committee sends
automatically or an officer has approved the organisation's chase; every chase sent is a
follow-up on each of its actions, and a failure stays waiting to be tried again.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone

from actions.chase_models import ChaseMessage
from actions.models import Action, FollowUp
from actions.portal import organisation_for_token, respond_link, respond_token  # noqa: F401
from actions.services import followup_record
from meetings import deadlines
from meetings.models import Contact, Organisation

def chase_due(action: Action) -> deadlines.Deadline:
    """When the action is (or was) next due a chase, by its committee's rule."""
    if action.last_chased_on is None:
        return deadlines.first_chase_due(action.meeting_date, action.committee)
    return deadlines.next_chase_due(action.last_chased_on, action.committee)


@dataclass
class OrganisationChase:
    """An organisation's actions due a chase on a day, and whether it may go out."""

    organisation: Organisation
    actions: list[Action] = field(default_factory=list)
    waiting: ChaseMessage | None = None  # approved, or failed and to be retried

    @property
    def contact(self) -> Contact:
        return self.organisation.contact

    @property
    def approved(self) -> bool:
        return self.waiting is not None

    @property
    def sendable_actions(self) -> list[Action]:
        """All its due actions once approved; else those of committees sending by themselves."""
        if self.approved:
            return self.actions
        return [a for a in self.actions if a.committee.chases_send_automatically]


def chases_due(date: datetime.date) -> list[OrganisationChase]:
    """Every organisation with a contact and outstanding actions due a chase on ``date``."""
    actions = (
        Action.objects.outstanding()
        .filter(meeting_date__lte=date, responsible_person__organisation__contact__isnull=False)
        .select_related(
            "committee",
            "agenda_item",
            "responsible_person__organisation__contact",
        )
        .annotate(chase_count=Count("follow_ups"))
        .order_by("meeting_date", "agenda_item__position", "position", "pk")
    )
    by_organisation: dict[int, OrganisationChase] = {}
    for action in actions:
        if chase_due(action).due > date:
            continue
        organisation = action.responsible_person.organisation
        chase = by_organisation.setdefault(organisation.pk, OrganisationChase(organisation))
        chase.actions.append(action)
    waiting = ChaseMessage.objects.filter(
        organisation__in=by_organisation,
        status__in=[ChaseMessage.Status.APPROVED, ChaseMessage.Status.FAILED],
    )
    for message in waiting:
        by_organisation[message.organisation_id].waiting = message
    return sorted(by_organisation.values(), key=lambda c: c.organisation.label.lower())


@transaction.atomic
def chase_approve(*, organisation: Organisation, date: datetime.date, by=None) -> ChaseMessage:
    """An officer approves the organisation's due chase; the next `send_chases` sends it."""
    message, _ = ChaseMessage.objects.get_or_create(
        organisation=organisation,
        status__in=[ChaseMessage.Status.APPROVED, ChaseMessage.Status.FAILED],
        defaults={"status": ChaseMessage.Status.APPROVED, "date": date, "approved_by": by},
    )
    return message


@dataclass(frozen=True)
class ChaseEmail:
    """A chase e-mail as built, before it is sent."""

    recipient: str
    cc: list[str]
    subject: str
    text: str
    html: str
    link: str
    actions: list[Action]


def chase_email(chase: OrganisationChase, date: datetime.date) -> ChaseEmail:
    """The e-mail that chases the organisation's contact for its sendable actions."""
    contact = chase.contact
    actions = chase.sendable_actions
    link = respond_link(contact)
    count = len(actions)
    subject = (
        f"{chase.organisation.label}: {count} outstanding committee "
        f"action{'s' if count != 1 else ''} awaiting your response"
    )
    context = {
        "contact": contact,
        "organisation": chase.organisation,
        "actions": actions,
        "link": link,
        # The link's signature is dated now, whatever day the chase is for.
        "expires_on": timezone.localdate() + settings.RESPOND_LINK_MAX_AGE,
        "date": date,
    }
    return ChaseEmail(
        recipient=contact.email,
        cc=[contact.deputy_email] if contact.deputy_email else [],
        subject=subject,
        text=render_to_string("actions/chase_email.txt", context),
        html=render_to_string("actions/chase_email.html", context),
        link=link,
        actions=actions,
    )


@dataclass(frozen=True)
class ChaseOutcome:
    """What happened to one organisation's chase on a run: sent, failed or (dry run) not
    sent; the line `send_chases` prints."""

    email: ChaseEmail
    organisation: Organisation
    status: str
    error: str = ""

    def line(self) -> str:
        count = len(self.email.actions)
        text = (
            f"{self.email.recipient}\t{self.organisation.label}\t"
            f"{count} action{'s' if count != 1 else ''}\t{self.email.link}"
        )
        if self.status == ChaseMessage.Status.FAILED:
            text += f"\tFAILED: {self.error}"
        return text


def chases_send(
    *, date: datetime.date, dry_run: bool = False, connection=None
) -> list[ChaseOutcome]:
    """Send every chase due on ``date`` that may go out; a dry run builds them only."""
    outcomes = []
    for chase in chases_due(date):
        if not chase.sendable_actions:
            continue
        email = chase_email(chase, date)
        if dry_run:
            outcomes.append(ChaseOutcome(email, chase.organisation, "dry run"))
            continue
        outcomes.append(_send(chase, email, date, connection))
    return outcomes


def _send(chase: OrganisationChase, email: ChaseEmail, date, connection) -> ChaseOutcome:
    message = chase.waiting or ChaseMessage(organisation=chase.organisation)
    message.date = date
    message.recipient = email.recipient
    message.cc = ", ".join(email.cc)
    message.subject = email.subject
    message.body = email.text
    message.link = email.link
    message.attempts += 1
    mail = EmailMultiAlternatives(
        subject=email.subject,
        body=email.text,
        to=[email.recipient],
        cc=email.cc,
        connection=connection,
    )
    mail.attach_alternative(email.html, "text/html")
    try:
        mail.send()
    except Exception as error:  # any failure of the mail server is recorded and retried
        message.status = ChaseMessage.Status.FAILED
        message.error = f"{type(error).__name__}: {error}"[:1000]
        message.save()
        message.actions.set(email.actions)
        return ChaseOutcome(email, chase.organisation, message.status, message.error)
    with transaction.atomic():
        follow_ups = followup_record(
            actions=email.actions,
            date=date,
            method=FollowUp.Method.EMAIL,
            note=f"Chase e-mail to {email.recipient}.",
        )
        message.status = ChaseMessage.Status.SENT
        message.error = ""
        message.sent_at = timezone.now()
        message.save()
        message.actions.set(email.actions)
        message.follow_ups.set(follow_ups)
    return ChaseOutcome(email, chase.organisation, message.status)

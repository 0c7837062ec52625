"""Chasing: which outstanding actions are due a chase on a day, by each committee's rule,
and the one e-mail per organisation that chases them, with a personal link to the portal.

An action is first chased ``first_chase_after_working_days`` working days after its
meeting, then every ``chase_every_working_days`` working days after its last chase, and
``chase_before_due_working_days`` before its due date (the committee's nation's bank
holidays skipped). After ``escalate_after_chases`` chases since its last letter, its next
chase is a letter from the Chair (correspondence/chaser_letters.py writes it), not an
e-mail. A chase goes out when its committee sends automatically or an officer has approved
the organisation's chase; every chase sent is a follow-up on each of its actions, and a
failure stays waiting to be tried again.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Count, DateField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.utils import timezone

from actions import bounces
from actions.chase_models import ChaseMessage
from actions.models import Action, FollowUp
from actions.portal import organisation_for_token, respond_link, respond_token  # noqa: F401
from actions.services import followup_record
from meetings import deadlines
from meetings.models import Contact, Organisation

# A chase waiting to go: approved, failed and to be retried, or held for a bounced address.
WAITING = [ChaseMessage.Status.APPROVED, ChaseMessage.Status.FAILED, ChaseMessage.Status.HELD]


def chase_due(action: Action) -> deadlines.Deadline:
    """When the action is (or was) next due a chase, by its committee's rule: after its
    meeting or its last chase, or earlier, before its due date, when not chased since."""
    committee = action.committee
    if action.last_chased_on is None:
        regular = deadlines.first_chase_due(action.meeting_date, committee)
    else:
        regular = deadlines.next_chase_due(action.last_chased_on, committee)
    if action.due_date is None:
        return regular
    before = deadlines.chase_before_due(action.due_date, committee)
    if (
        before is not None
        and action.meeting_date < before.due < regular.due
        and (action.last_chased_on is None or action.last_chased_on < before.due)
    ):
        return before
    return regular


def due_a_letter(action: Action) -> bool:
    """Whether the action's next chase is a letter from the Chair: chased by its
    committee's count of times since its last letter (needs ``chases_since_letter``)."""
    count = action.committee.escalate_after_chases
    return bool(count) and action.chases_since_letter >= count


def chase_queue_actions():
    """Outstanding actions whose organisation has a contact, with what the queue needs:
    their committee, item and contacts, the chases so far and those since the last letter
    (a follow-up by letter), in one query."""
    last_letter = (
        FollowUp.objects.filter(action=OuterRef("pk"), method=FollowUp.Method.LETTER)
        .order_by("-date")
        .values("date")[:1]
    )
    since = Coalesce(Subquery(last_letter, output_field=DateField()), Value(datetime.date.min))
    return (
        Action.objects.outstanding()
        .filter(responsible_person__organisation__contact__isnull=False)
        .select_related(
            "committee",
            "agenda_item",
            "responsible_person__organisation__contact",
            "responsible_person__contact",
        )
        .annotate(
            chase_count=Count("follow_ups"),
            chases_since_letter=Count("follow_ups", filter=Q(follow_ups__date__gt=since)),
        )
        .order_by("meeting_date", "agenda_item__position", "position", "pk")
    )


@dataclass
class OrganisationChase:
    """An organisation's actions due a chase on a day, and whether it may go out."""

    organisation: Organisation
    actions: list[Action] = field(default_factory=list)  # due a chase by e-mail
    letter_actions: list[Action] = field(default_factory=list)  # due a letter from the Chair
    waiting: ChaseMessage | None = None  # approved, or failed and to be retried

    @property
    def contact(self) -> Contact:
        return self.organisation.contact

    def recipients(self, actions: list[Action]) -> list:
        """Whom the chase of ``actions`` goes to: each action's responsible person's own
        contact where they have one, else the organisation's; the first is addressed."""
        contacts = {}
        for action in actions:
            contact = getattr(action.responsible_person, "contact", None) or self.contact
            contacts.setdefault(contact.email.lower(), contact)
        return list(contacts.values())

    @property
    def addressed(self) -> list:
        """Whom its chase goes to: the first addressed, the others copied in."""
        return self.recipients(self.sendable_actions or self.actions or self.letter_actions)

    @property
    def copied(self) -> list[str]:
        return copied_in(self.addressed)

    @property
    def approved(self) -> bool:
        return self.waiting is not None

    @property
    def all_actions(self) -> list[Action]:
        return self.actions + self.letter_actions

    @property
    def sendable_actions(self) -> list[Action]:
        """All its due actions once approved; else those of committees sending by themselves."""
        if self.approved:
            return self.actions
        return [a for a in self.actions if a.committee.chases_send_automatically]


def copied_in(contacts: list) -> list[str]:
    """Everyone but the first contact, and every contact's deputy."""
    first = contacts[0].email.lower()
    copied = [c.email for c in contacts[1:]] + [c.deputy_email for c in contacts]
    return list(dict.fromkeys(a for a in copied if a and a.lower() != first))


def chases_due(date: datetime.date) -> list[OrganisationChase]:
    """Every organisation with a contact and outstanding actions due a chase on ``date``,
    by e-mail or by a letter from the Chair: two queries, however many actions."""
    by_organisation: dict[int, OrganisationChase] = {}
    for action in chase_queue_actions().filter(meeting_date__lte=date):
        if chase_due(action).due > date:
            continue
        organisation = action.responsible_person.organisation
        chase = by_organisation.setdefault(organisation.pk, OrganisationChase(organisation))
        (chase.letter_actions if due_a_letter(action) else chase.actions).append(action)
    waiting = ChaseMessage.objects.filter(
        organisation__in=by_organisation,
        status__in=WAITING,
    )
    for message in waiting:
        by_organisation[message.organisation_id].waiting = message
    return sorted(by_organisation.values(), key=lambda c: c.organisation.label.lower())


@transaction.atomic
def chase_approve(*, organisation: Organisation, date: datetime.date, by=None) -> ChaseMessage:
    """An officer approves the organisation's due chase; the next `send_chases` sends it."""
    message, _ = ChaseMessage.objects.get_or_create(
        organisation=organisation,
        status__in=WAITING,
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
    addressed = chase.recipients(actions)
    context = {
        "contact": addressed[0],
        "organisation": chase.organisation,
        "actions": actions,
        "link": link,
        # The link's signature is dated now, whatever day the chase is for.
        "expires_on": timezone.localdate() + settings.RESPOND_LINK_MAX_AGE,
        "date": date,
    }
    return ChaseEmail(
        recipient=addressed[0].email,
        cc=copied_in(addressed),
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
        elif self.status == ChaseMessage.Status.HELD:
            text += f"\tHELD: {self.error}"
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


def chase_retry(message: ChaseMessage, date: datetime.date) -> ChaseOutcome | None:
    """Try a chase that was not delivered again now, for its organisation's actions still
    due a chase on ``date``; None when none is (chased meanwhile, or completed)."""
    for chase in chases_due(date):
        if chase.organisation.pk == message.organisation_id and chase.sendable_actions:
            return _send(chase, chase_email(chase, date), date, None)
    return None


def _send(chase: OrganisationChase, email: ChaseEmail, date, connection) -> ChaseOutcome:
    message = chase.waiting or ChaseMessage(organisation=chase.organisation)
    message.date = date
    message.recipient = email.recipient
    message.cc = ", ".join(email.cc)
    message.subject = email.subject
    message.body = email.text
    message.link = email.link
    contacts = chase.recipients(email.actions)
    held = bounces.flagged(contacts)
    if held:  # never to a flagged address: held, visibly, until an officer clears it
        return _hold(message, chase, email, held)
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
        refused = bounces.permanent_refusals(error, [email.recipient, *email.cc])
        flagged = bounces.flag(contacts, refused) if refused else []
        if flagged:  # refused for good: the address is flagged and the chase held
            return _hold(message, chase, email, flagged)
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
        # Delivered to the others; an address refused for good is flagged all the same.
        refused = bounces.refused_while_sent(mail)
        flagged = bounces.flag(contacts, refused) if refused else []
        if refused:
            message.error = f"Sent, but refused for good: {', '.join(refused)}"
            if flagged:
                message.error += " (flagged: " + bounces.held_text(flagged) + ")"
        message.sent_at = timezone.now()
        message.notify_notifications = getattr(mail, "notify_notifications", [])
        message.save()
        message.actions.set(email.actions)
        message.follow_ups.set(follow_ups)
    return ChaseOutcome(email, chase.organisation, message.status)


def _hold(message: ChaseMessage, chase, email: ChaseEmail, pairs) -> ChaseOutcome:
    message.status = ChaseMessage.Status.HELD
    message.error = bounces.held_text(pairs)
    message.save()
    message.actions.set(email.actions)
    return ChaseOutcome(email, chase.organisation, message.status, message.error)

"""The response portal's links: a signed, dated token naming one contact, their
organisation and the generation of the contact's links, so that a link expires, can be
revoked, and never reaches another organisation's records. Actions are named on the
portal by a reference made for the link, never by their id.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from actions.models import Action, FollowUp
from actions.portal_models import PortalLinkGeneration, PortalVisit
from meetings.models import Contact, Organisation

RESPOND_SALT = "actions.respond"
ACTION_REF_SALT = "actions.respond.action"


def link_generation(contact: Contact) -> int:
    """The generation of links now good for the contact (0 until first revoked)."""
    return (
        PortalLinkGeneration.objects.filter(contact=contact)
        .values_list("generation", flat=True)
        .first()
        or 0
    )


def respond_token(contact: Contact) -> str:
    """A signed, dated token naming the contact, their organisation and link generation."""
    signer = signing.TimestampSigner(salt=RESPOND_SALT)
    return signer.sign_object(
        {
            "contact": contact.pk,
            "organisation": contact.organisation_id,
            "g": link_generation(contact),
        }
    )


def respond_link(contact: Contact) -> str:
    return settings.SITE_URL + reverse("respond", args=[respond_token(contact)])


@dataclass(frozen=True)
class PortalScope:
    """What a good link lets its holder see: one contact's organisation."""

    contact: Contact
    generation: int

    @property
    def organisation(self) -> Organisation:
        return self.contact.organisation

    def action_ref(self, action: Action) -> str:
        """The action's name on this contact's links: meaningless elsewhere, and changed
        when the contact's links are revoked."""
        message = f"{self.contact.pk}:{self.generation}:{action.pk}"
        return salted_hmac(ACTION_REF_SALT, message, algorithm="sha256").hexdigest()[:24]


def portal_scope(token: str) -> PortalScope | None:
    """The scope of a portal link, or None when it is tampered with, has expired, was
    revoked, or its contact is no longer the organisation's contact."""
    signer = signing.TimestampSigner(salt=RESPOND_SALT)
    try:
        claims = signer.unsign_object(token, max_age=settings.RESPOND_LINK_MAX_AGE)
        contact = Contact.objects.select_related("organisation").get(
            pk=claims["contact"], organisation_id=claims["organisation"]
        )
        generation = int(claims.get("g", 0))
    except (signing.BadSignature, Contact.DoesNotExist, KeyError, TypeError, ValueError):
        return None
    if generation != link_generation(contact):
        return None
    return PortalScope(contact=contact, generation=generation)


def organisation_for_token(token: str) -> Organisation | None:
    scope = portal_scope(token)
    return scope.organisation if scope else None


@transaction.atomic
def portal_links_revoke(*, contact: Contact, by=None) -> PortalLinkGeneration:
    """Stop every portal link made so far for the contact; links made after work again."""
    links, _ = PortalLinkGeneration.objects.select_for_update().get_or_create(contact=contact)
    links.generation += 1
    links.revoked_at = timezone.now()
    links.revoked_by = by
    links.save()
    return links


def open_actions(scope: PortalScope) -> list[tuple[str, Action]]:
    """The organisation's outstanding actions, each with its reference on this link."""
    actions = (
        Action.objects.outstanding()
        .filter(responsible_person__organisation=scope.organisation)
        .select_related("committee", "agenda_item", "responsible_person")
        .order_by("meeting_date", "agenda_item__position", "position", "pk")
    )
    return [(scope.action_ref(action), action) for action in actions]


def action_for_ref(scope: PortalScope, ref: str) -> Action | None:
    """The organisation's outstanding action this link names ``ref``; None for any other
    (another organisation's, a finished one, a made-up reference)."""
    for candidate, action in open_actions(scope):
        if constant_time_compare(candidate, ref):
            return action
    return None


def letters_awaiting_reply(scope: PortalScope):
    """Letters the committee sent the organisation that wait for its reply. The letters
    live a floor up, so their model is reached through the follow-up's reference."""
    Letter = FollowUp._meta.get_field("letter").related_model  # noqa: N806
    return (
        Letter.objects.awaiting_reply()
        .filter(organisation=scope.organisation)
        .select_related("committee")
        .order_by("reply_due", "pk")
    )


def portal_visit_record(*, scope: PortalScope, page: str, action: Action | None = None) -> None:
    """Keep the visit: the portal's history of who opened what, and when."""
    PortalVisit.objects.create(
        contact=scope.contact, organisation=scope.organisation, page=page, action=action
    )

"""An answer sent through the response portal, accepted as a letter received: recorded in
the register through the letters' own service, linked to the action it answers, so the
next paper shows it as an appendix. Lives here, a floor above actions, because it writes
both."""

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from actions.portal_models import PortalAnswer
from actions.portal_services import portal_answer_accept, portal_answer_lock
from actions.services import action_check_version
from correspondence.models import Correspondence
from correspondence.services import correspondence_record


def _subject(answer: PortalAnswer) -> str:
    text = f"Response to action: {answer.action.short_text}"
    return text if len(text) <= 500 else text[:499] + "…"


@transaction.atomic
def portal_answer_accept_as_letter(
    *,
    answer: PortalAnswer,
    by,
    expected_version: int | None,
    status_note: str | None = None,
    complete: bool = False,
) -> Correspondence:
    """Accept the answer (as portal_answer_accept does) and record it as a letter received
    from the organisation, dated the day it was sent, with its PDF if it had one. Refused
    before anything is written when the action changed or the answer was reviewed."""
    current = portal_answer_lock(answer)
    action_check_version(action=current.action, expected_version=expected_version)
    sent_on = timezone.localdate(current.submitted_at)
    contact = current.contact
    data = {
        "committee": current.action.committee,
        "direction": Correspondence.Direction.RECEIVED,
        "date": sent_on,
        "received_on": sent_on,
        "sender": f"{contact.name}, {current.organisation.name}",
        "recipient": f"Chair of the {current.action.committee.name}",
        "organisation": current.organisation,
        "subject": _subject(current),
        "summary": current.text,
    }
    file = None
    if current.file:
        file = File(current.file.open("rb"), name="reply.pdf")
    try:
        letter = correspondence_record(data=data, answers=[current.action], file=file)
    finally:
        if file is not None:
            file.close()
    portal_answer_accept(
        answer=current,
        by=by,
        expected_version=expected_version,
        status_note=status_note,
        complete=complete,
        letter=letter,
    )
    return letter

"""Answers through the response portal: the respondent's answer or proposed date is kept
waiting, and an officer's acceptance changes the action through the same services as
the officer's own edits (so a stale acceptance is refused the same way)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from actions import services
from actions.models import Action
from actions.portal import PortalScope, portal_visit_record
from actions.portal_models import PortalAnswer, PortalVisit
from actiontracker.uploads import validate_pdf_upload


class AnswerAlreadyReviewed(Exception):
    """Another officer accepted or rejected the answer first; nothing was changed."""

    def __init__(self, answer: PortalAnswer):
        self.answer = answer
        super().__init__(f"Answer {answer.pk} is {answer.state}")


def _create(answer: PortalAnswer, file=None) -> PortalAnswer:
    if file is not None:
        validate_pdf_upload(file, what="reply")
        answer.file = file
    answer.full_clean(exclude=["file", "action_version"])
    try:
        answer.save()
    except Exception:
        if file is not None and answer.file.name:
            answer.file.storage.delete(answer.file.name)
        raise
    return answer


@transaction.atomic
def portal_answer_submit(
    *, scope: PortalScope, action: Action, text: str, file=None
) -> PortalAnswer:
    """The contact answers one of their organisation's actions, with a PDF if they like;
    it waits for an officer. An upload must pass the checks a letter does."""
    if not text.strip():
        raise ValidationError({"text": "Enter your answer"})
    answer = PortalAnswer(
        action=action,
        contact=scope.contact,
        organisation=scope.organisation,
        kind=PortalAnswer.Kind.ANSWER,
        text=text.strip(),
        action_version=action.version,
    )
    _create(answer, file)
    portal_visit_record(scope=scope, page=PortalVisit.Page.ANSWERED, action=action)
    return answer


@transaction.atomic
def portal_date_propose(
    *, scope: PortalScope, action: Action, proposed_date: datetime.date, reason: str
) -> PortalAnswer:
    """The contact proposes a new date for an action, with the reason; it waits for an
    officer."""
    if not reason.strip():
        raise ValidationError({"reason": "Enter why the action needs a new date"})
    if proposed_date < timezone.localdate():
        raise ValidationError({"proposed_date": "The new date must be today or in the future"})
    answer = PortalAnswer(
        action=action,
        contact=scope.contact,
        organisation=scope.organisation,
        kind=PortalAnswer.Kind.NEW_DATE,
        proposed_date=proposed_date,
        reason=reason.strip(),
        action_version=action.version,
    )
    _create(answer)
    portal_visit_record(scope=scope, page=PortalVisit.Page.PROPOSED, action=action)
    return answer


def answers_waiting():
    """The review queue: every waiting answer with its action, contact and organisation,
    oldest first, in one query."""
    return PortalAnswer.objects.waiting().select_related(
        "action__committee", "action__agenda_item", "contact", "organisation"
    )


def portal_answer_lock(answer: PortalAnswer) -> PortalAnswer:
    """The answer, locked until the transaction ends; refused (AnswerAlreadyReviewed) when
    another officer has accepted or rejected it already."""
    current = PortalAnswer.objects.select_related("action", "contact", "organisation")
    current = current.select_for_update(of=("self",)).get(pk=answer.pk)
    if current.state != PortalAnswer.State.WAITING:
        raise AnswerAlreadyReviewed(current)
    return current


def _reviewed(answer: PortalAnswer, state: str, by, note: str = "") -> PortalAnswer:
    answer.state = state
    answer.reviewed_by = by
    answer.reviewed_at = timezone.now()
    answer.review_note = note
    answer.save()
    return answer


@transaction.atomic
def portal_answer_accept(
    *,
    answer: PortalAnswer,
    by,
    expected_version: int | None,
    status_note: str | None = None,
    complete: bool = False,
    letter=None,
) -> PortalAnswer:
    """Accept an answer: its action's status note becomes ``status_note`` (the action
    completed too if ``complete``, with ``letter`` as the letter that answered it); or a
    proposed date: the action's due date and timing become the new date. Refused
    (StaleEditError) when the action changed after ``expected_version``, and
    (AnswerAlreadyReviewed) when another officer reviewed the answer first."""
    current = portal_answer_lock(answer)
    action = current.action
    if current.kind == PortalAnswer.Kind.NEW_DATE:
        fields = {
            "due_date": current.proposed_date,
            "timing": services.format_date(current.proposed_date),
        }
        if status_note is not None:
            fields["status_note"] = status_note
        services.action_update(action=action, expected_version=expected_version, **fields)
    elif complete:
        services.action_set_status(
            action=action,
            status=Action.Status.COMPLETED,
            note=status_note if status_note is not None else action.status_note,
            letter=letter,
            expected_version=expected_version,
        )
    else:
        services.action_update(
            action=action,
            expected_version=expected_version,
            status_note=status_note if status_note is not None else action.status_note,
        )
        if letter is not None:
            letter.answers.add(action)
    return _reviewed(current, PortalAnswer.State.ACCEPTED, by)


@transaction.atomic
def portal_answer_reject(*, answer: PortalAnswer, by, note: str = "") -> PortalAnswer:
    """Reject an answer: the action stays as it is; the answer keeps why."""
    return _reviewed(portal_answer_lock(answer), PortalAnswer.State.REJECTED, by, note.strip())

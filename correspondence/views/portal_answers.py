"""Answers to review: what organisations sent through the response portal, each waiting
for an officer to accept it (changing the action through its services, and optionally
recording the reply as a letter received) or reject it. Lives with the letters because
accepting may write both an action and a letter."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from actions.portal_models import PortalAnswer
from actions.portal_services import (
    AnswerAlreadyReviewed,
    answers_waiting,
    portal_answer_accept,
    portal_answer_reject,
)
from actions.services import StaleEditError
from actiontracker.downloads import file_response
from actiontracker.permissions import PermissionRequiredMixin
from correspondence.portal_replies import portal_answer_accept_as_letter

REVIEW_PERMISSION = "actions.change_portalanswer"
LETTER_PERMISSION = "correspondence.add_correspondence"


def queue_page(request, *, status=200, conflict=None, reviewed=None):
    answers = list(answers_waiting())
    context = {
        "answers": answers,
        "conflict": conflict,
        "reviewed": reviewed,
        "can_register_letters": request.user.has_perm(LETTER_PERMISSION),
    }
    return render(request, "correspondence/portal_answers.html", context, status=status)


class AnswersView(PermissionRequiredMixin, View):
    """The review queue: every waiting answer, oldest first."""

    permission_required = REVIEW_PERMISSION

    def get(self, request):
        return queue_page(request)


def _version(request) -> int | None:
    try:
        return int(request.POST["version"])
    except (KeyError, ValueError):
        return None


class AnswerAcceptView(PermissionRequiredMixin, View):
    """Accept one answer: the action's status note (and, if ticked, completion and a letter
    received), or a proposed date, written through the actions' services."""

    permission_required = REVIEW_PERMISSION

    def post(self, request, pk):
        answer = get_object_or_404(PortalAnswer.objects.select_related("action"), pk=pk)
        is_answer = answer.kind == PortalAnswer.Kind.ANSWER
        note = request.POST.get("status_note", "").strip() if is_answer else None
        if is_answer and not note:
            messages.error(request, "Enter the status note the action gets.")
            return redirect("portal-answers")
        options = {
            "answer": answer,
            "by": request.user,
            "expected_version": _version(request),
            "status_note": note,
            "complete": is_answer and request.POST.get("complete") == "on",
        }
        as_letter = is_answer and request.POST.get("register_letter") == "on"
        if as_letter and not request.user.has_perm(LETTER_PERMISSION):
            raise PermissionDenied
        try:
            if as_letter:
                portal_answer_accept_as_letter(**options)
            else:
                portal_answer_accept(**options)
        except StaleEditError as error:
            return queue_page(request, status=409, conflict=error)
        except AnswerAlreadyReviewed as error:
            return queue_page(request, status=409, reviewed=error.answer)
        except ValidationError as error:
            messages.error(request, "; ".join(error.messages))
            return redirect("portal-answers")
        what = "answer" if is_answer else "new date"
        done = f"The {what} from {answer.organisation.label} was accepted"
        if as_letter:
            done += " and recorded as a letter received"
        messages.success(request, done + ".")
        return redirect("portal-answers")


class AnswerRejectView(PermissionRequiredMixin, View):
    """Reject one answer; the action stays as it was."""

    permission_required = REVIEW_PERMISSION

    def post(self, request, pk):
        answer = get_object_or_404(PortalAnswer, pk=pk)
        try:
            portal_answer_reject(answer=answer, by=request.user, note=request.POST.get("note", ""))
        except AnswerAlreadyReviewed as error:
            return queue_page(request, status=409, reviewed=error.answer)
        messages.success(request, f"The answer from {answer.organisation.label} was rejected.")
        return redirect("portal-answers")


class AnswerFileView(PermissionRequiredMixin, View):
    """The PDF sent with an answer, to those who review answers."""

    permission_required = REVIEW_PERMISSION

    def get(self, request, pk):
        answer = get_object_or_404(PortalAnswer, pk=pk)
        if not answer.file:
            raise Http404("No file was sent with this answer.")
        try:
            handle = answer.file.open("rb")
        except FileNotFoundError as error:
            raise Http404("The file is missing.") from error
        return file_response(
            handle, filename=f"answer-{answer.pk}.pdf", content_type="application/pdf"
        )

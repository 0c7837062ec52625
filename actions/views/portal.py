"""The response portal: an organisation's contact follows the personal link in a chase to
see the actions and letters the committee is waiting on, answer an action or propose a new
date. Reached by the signed link alone, no sign-in; every visit and answer is recorded."""

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views import View

from actions.portal import action_for_ref, letters_awaiting_reply, open_actions, portal_scope
from actions.portal import portal_visit_record as visit
from actions.portal_forms import PortalAnswerForm, PortalNewDateForm
from actions.portal_models import PortalAnswer, PortalVisit
from actions.portal_services import portal_answer_submit, portal_date_propose
from actiontracker.govuk import error_links
from actiontracker.ratelimit import over_limit


def private(response):
    """The page is for the link's holder alone, signed in or not: no cache may keep it."""
    response["Cache-Control"] = "private, no-store"
    return response


def rate_limited(request, token: str) -> bool:
    window = settings.RESPOND_RATE_WINDOW
    by_link = over_limit("respond-link", token, limit=settings.RESPOND_RATE_PER_LINK, window=window)
    by_address = over_limit(
        "respond-address",
        request.META.get("REMOTE_ADDR", ""),
        limit=settings.RESPOND_RATE_PER_ADDRESS,
        window=window,
    )
    return by_link or by_address


class PortalMixin:
    """Refuses too many requests (429), and a bad link (404) with a page that shows nothing
    of any organisation; otherwise the view gets ``self.scope``."""

    def dispatch(self, request, token, **kwargs):
        if rate_limited(request, token):
            response = render(
                request,
                "actions/respond_limited.html",
                {"minutes": max(1, settings.RESPOND_RATE_WINDOW // 60)},
                status=429,
            )
            response["Retry-After"] = str(settings.RESPOND_RATE_WINDOW)
            return private(response)
        self.scope = portal_scope(token)
        if self.scope is None:
            return private(render(request, "actions/respond_invalid.html", status=404))
        self.token = token
        return private(super().dispatch(request, **kwargs))


class RespondView(PortalMixin, View):
    """The organisation's outstanding actions, each to answer or re-date, and the letters
    awaiting its reply."""

    def get(self, request):
        visit(scope=self.scope, page=PortalVisit.Page.LIST)
        actions = open_actions(self.scope)
        waiting = {
            answer.action_id: answer
            for answer in PortalAnswer.objects.waiting().filter(
                organisation=self.scope.organisation
            )
        }
        rows = [(ref, action, waiting.get(action.pk)) for ref, action in actions]
        context = {
            "organisation": self.scope.organisation,
            "contact": self.scope.contact,
            "rows": rows,
            "letters": letters_awaiting_reply(self.scope),
            "token": self.token,
        }
        return render(request, "actions/respond.html", context)


class PortalActionFormView(PortalMixin, View):
    """One action's form on the portal, found by its reference on this link."""

    form_class = None
    template_name = ""
    page = ""

    def dispatch(self, request, token, ref):
        self.ref = ref
        return super().dispatch(request, token)

    def render_form(self, form, status=200):
        context = {
            "organisation": self.scope.organisation,
            "action": self.action,
            "form": form,
            "error_links": error_links(form) if form.is_bound else [],
            "token": self.token,
            "ref": self.ref,
        }
        return render(self.request, self.template_name, context, status=status)

    def find_action(self):
        self.action = action_for_ref(self.scope, self.ref)
        return self.action

    def not_found(self):
        return render(
            self.request,
            "actions/respond_no_action.html",
            {"token": self.token, "organisation": self.scope.organisation},
            status=404,
        )

    def get(self, request):
        if self.find_action() is None:
            return self.not_found()
        visit(scope=self.scope, page=self.page, action=self.action)
        return self.render_form(self.form_class())

    def post(self, request):
        if self.find_action() is None:
            return self.not_found()
        form = self.form_class(request.POST, request.FILES)
        if not form.is_valid():
            return self.render_form(form, status=400)
        try:
            self.submit(form.cleaned_data)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error("file" if "file" in form.fields else None, error)
            return self.render_form(form, status=400)
        messages.success(request, self.done)
        return redirect("respond", token=self.token)


class RespondAnswerView(PortalActionFormView):
    form_class = PortalAnswerForm
    template_name = "actions/respond_answer.html"
    page = PortalVisit.Page.ANSWER
    done = "Your answer was sent. The committee's officers will review it."

    def submit(self, data):
        portal_answer_submit(
            scope=self.scope, action=self.action, text=data["text"], file=data["file"]
        )


class RespondNewDateView(PortalActionFormView):
    form_class = PortalNewDateForm
    template_name = "actions/respond_new_date.html"
    page = PortalVisit.Page.NEW_DATE
    done = "Your new date was sent. The committee's officers will review it."

    def submit(self, data):
        portal_date_propose(
            scope=self.scope,
            action=self.action,
            proposed_date=data["proposed_date"],
            reason=data["reason"],
        )

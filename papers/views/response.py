"""The response-to-report paper of a committee report: its preview, PDF and texts."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import slugify
from django.views import View
from django.views.generic import FormView

from actiontracker.govuk import GovukFormViewMixin, style_form
from actiontracker.permissions import PermissionRequiredMixin
from actiontracker.transactions import OutsideRequestTransactionMixin
from actiontracker.versioning import StaleEditError
from correspondence.models import CommitteeReport
from correspondence.selectors import report_with_recommendations
from papers.forms import ResponsePaperForm
from papers.models import Paper
from papers.response import report_response_html, response_context, response_paper
from papers.services import RESPONSE_PAPER_FIELDS, response_paper_record, response_paper_subject
from papers.views.base import document_preview, preview_or_pdf


class ResponsePaperView(OutsideRequestTransactionMixin, PermissionRequiredMixin, View):
    """The response-to-report paper: an HTML preview, or the PDF with ``?format=pdf``."""

    permission_required = ("correspondence.view_committeereport", "papers.view_paper")

    def get(self, request, pk):
        report = get_object_or_404(report_with_recommendations(), pk=pk)
        if request.GET.get("format") != "pdf":
            may_edit = request.user.has_perms(ResponsePaperTextsView.permission_required)
            return document_preview(
                request,
                body_template="papers/response_body.html",
                context=response_context(report, response_paper(report)),
                document_class="paper--response",
                title="Response paper",
                caption=report.title,
                back_url=report.get_absolute_url(),
                back_text="Back to the report",
                edit_url=(
                    reverse("report-response-texts", args=[report.pk])
                    if may_edit and report.response_meeting_id
                    else ""
                ),
                edit_text="Edit the paper's texts",
            )
        name = slugify(f"response to {report.title}")[:80] or "response"
        return preview_or_pdf(request, report_response_html(report), name)


class ResponsePaperTextsView(PermissionRequiredMixin, GovukFormViewMixin, FormView):
    """Edit the response paper's header and texts; blank texts take the generated wording."""

    # The first save creates the response paper, later ones change it.
    permission_required = ("papers.add_paper", "papers.change_paper")

    template_name = "correspondence/response_paper_form.html"
    form_class = ResponsePaperForm

    def dispatch(self, request, *args, **kwargs):
        self.report = get_object_or_404(
            CommitteeReport.objects.select_related("committee", "response_meeting"),
            pk=kwargs["pk"],
        )
        # Only a user who could edit the texts is told what is missing.
        if self.has_permission() and self.report.response_meeting_id is None:
            messages.error(request, "Set the meeting that considers the response first.")
            return HttpResponseRedirect(self.report.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = response_paper(self.report) or Paper(
            subject=response_paper_subject(self.report),
            report_to=self.report.committee.name,
            report_of=self.report.committee.report_of,
        )
        return kwargs

    def get_form(self, form_class=None):
        return style_form(super().get_form(form_class))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["report"] = self.report
        return context

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in RESPONSE_PAPER_FIELDS}
        try:
            response_paper_record(
                report=self.report, data=data, expected_version=form.opened_version()
            )
        except StaleEditError as error:
            # Their save stands, ours is not written; our values stay, at the new version.
            fresh_data = form.data.copy()
            fresh_data["version"] = error.record.version
            fresh = style_form(self.get_form_class()(data=fresh_data, instance=error.record))
            fresh.is_valid()
            context = self.get_context_data(form=fresh, conflict=error, error_links=[])
            return self.render_to_response(context, status=409)
        except ValidationError as error:
            form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, "The response paper's texts were saved.")
        return HttpResponseRedirect(self.report.get_absolute_url())

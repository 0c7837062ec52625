"""Committee reports, their numbered recommendations and the response paper."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.views.generic import DetailView, FormView

from actiontracker.govuk import GovukFormViewMixin, style_form
from actiontracker.permissions import PermissionRequiredMixin
from actiontracker.versioning import StaleEditError
from correspondence.forms import (
    CommitteeReportForm,
    RecommendationFormSet,
    recommendation_initial,
)
from correspondence.models import CommitteeReport
from correspondence.selectors import report_register, report_with_recommendations
from correspondence.services import (
    REPORT_FIELDS,
    report_record,
)
from correspondence.tables import ReportTable
from correspondence.views.base import RegisterCsvView, RegisterListView


class ReportListView(PermissionRequiredMixin, RegisterListView):
    permission_required = "correspondence.view_committeereport"
    create_permission = "correspondence.add_committeereport"
    selector = report_register
    table_class = ReportTable
    title = "Committee reports"
    caption = "Reports with recommendations, and the responses to them"
    create_url_name = "report-create"
    export_url_name = "report-export"


class ReportCsvView(PermissionRequiredMixin, RegisterCsvView):
    permission_required = "correspondence.view_committeereport"
    selector = report_register
    filename = "committee-reports.csv"
    columns = [
        ("Title", lambda r: r.title),
        ("Agreed", lambda r: r.agreed_on),
        ("Addressed to", lambda r: r.addressed_to.label),
        ("Responder", lambda r: r.responder),
        ("Recommendations", lambda r: r.recommendation_count),
        ("Awaiting response", lambda r: r.awaiting_count),
        ("Response considered at", lambda r: r.response_meeting.date if r.response_meeting else ""),
        ("Committee", lambda r: r.committee.name),
    ]


class ReportDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "correspondence.view_committeereport"
    template_name = "correspondence/report_detail.html"
    context_object_name = "report"

    def get_queryset(self):
        return report_with_recommendations()


class ReportFormView(PermissionRequiredMixin, GovukFormViewMixin, FormView):
    """Enter or edit a report and its recommendations in one form; one transaction."""

    template_name = "correspondence/report_form.html"
    form_class = CommitteeReportForm

    def dispatch(self, request, *args, **kwargs):
        pk = kwargs.get("pk")
        self.object = get_object_or_404(CommitteeReport, pk=pk) if pk else None
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def get_form(self, form_class=None):
        return style_form(super().get_form(form_class))

    def get_formset(self):
        if self.request.method == "POST":
            formset = RecommendationFormSet(self.request.POST, prefix="recommendations")
        else:
            formset = RecommendationFormSet(
                initial=recommendation_initial(self.object), prefix="recommendations"
            )
        for form in formset.forms:
            style_form(form)
        return formset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("formset", self.get_formset())
        context["object"] = self.object
        return context

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        formset = self.get_formset()
        if not (form.is_valid() and formset.is_valid()):
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        data = {name: form.cleaned_data[name] for name in REPORT_FIELDS}
        try:
            report = report_record(
                data=data,
                recommendations=formset.recommendations(),
                instance=self.object,
                expected_version=form.opened_version(),
            )
        except StaleEditError as error:
            # Their save stands, ours is not written; the form keeps our values, now at
            # the current version.
            data = request.POST.copy()
            data["version"] = error.record.version
            form = style_form(self.get_form_class()(data=data, instance=self.object))
            form.is_valid()
            context = self.get_context_data(form=form, formset=formset, conflict=error)
            return self.render_to_response(context, status=409)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_to_response(self.get_context_data(form=form, formset=formset))
        messages.success(request, "The report and its recommendations were saved.")
        return HttpResponseRedirect(report.get_absolute_url())


class ReportCreateView(ReportFormView):
    permission_required = "correspondence.add_committeereport"


class ReportUpdateView(ReportFormView):
    permission_required = "correspondence.change_committeereport"

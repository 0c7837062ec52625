"""The committee members' status dashboard, as a page and as a PDF. Read-only: only GET."""

from django import forms
from django.http import Http404
from django.template.loader import render_to_string
from django.utils import timezone
from django.views.generic import TemplateView

from actions.dashboard import charts, selectors
from actiontracker.downloads import file_response
from actiontracker.govuk import GovukFormMixin, error_links
from actiontracker.pdf import html_to_pdf
from actiontracker.permissions import PermissionRequiredMixin
from actiontracker.transactions import OutsideRequestTransactionMixin

DEFAULT_NOT_CHASED_DAYS = 30


class DashboardForm(GovukFormMixin, forms.Form):
    """The GET options: which committee, and how many days count as "not chased"."""

    committee = forms.SlugField(required=False)
    days = forms.IntegerField(
        label="Not chased for more than (days)", min_value=0, max_value=3650, required=False
    )


class DashboardView(OutsideRequestTransactionMixin, PermissionRequiredMixin, TemplateView):
    permission_required = "actions.view_action"
    template_name = "dashboard/dashboard.html"
    http_method_names = ["get", "head", "options"]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        data = self.request.GET.copy()
        # The days box shows the count in use, the default included.
        data.setdefault("days", str(DEFAULT_NOT_CHASED_DAYS))
        form = DashboardForm(data)
        form.is_valid()
        options = form.cleaned_data  # the valid options, when another is not
        committees = selectors.committees_for_picker(user=self.request.user)
        committee = selectors.default_committee(committees)
        if options.get("committee"):
            committee = next((c for c in committees if c.slug == options["committee"]), None)
            if committee is None:
                raise Http404("No such committee.")
        days = options.get("days")
        days = DEFAULT_NOT_CHASED_DAYS if days is None else days
        context.update(
            form=form,
            error_links=error_links(form),
            committees=committees,
            committee=committee,
            days=days,
        )
        if committee is not None:
            dashboard = selectors.dashboard_for(
                committee=committee,
                today=timezone.localdate(),
                not_chased_days=days,
                # "Show every meeting" is a link, not a field: any other value means the newest.
                all_meetings=self.request.GET.get("meetings") == "all",
            )
            context.update(dashboard=dashboard, charts=_charts(dashboard))
        return context


class DashboardPdfView(DashboardView):
    """The same dashboard as a PDF, through the paper's WeasyPrint path."""

    template_name = "dashboard/dashboard_pdf.html"

    def render_to_response(self, context, **response_kwargs):
        if context["committee"] is None:
            raise Http404("No committee to report on.")
        html = render_to_string(self.template_name, context, request=self.request)
        name = f"dashboard-{context['committee'].slug}-{context['dashboard'].today:%Y-%m-%d}.pdf"
        return file_response(html_to_pdf(html), filename=name, content_type="application/pdf")


def _charts(dashboard) -> dict:
    return {
        "statuses": charts.bar_chart(
            chart_id="chart-status",
            title="Actions by status",
            description="Number of actions of the committee by status.",
            rows=dashboard.statuses,
            fills=["solid", "hatched", "dotted"],
        ),
        "ages": charts.bar_chart(
            chart_id="chart-age",
            title="Outstanding actions by age",
            description="Number of ongoing actions by time since the meeting they arose at.",
            rows=dashboard.age_bands,
        ),
        "organisations": charts.bar_chart(
            chart_id="chart-organisation",
            title="Outstanding actions by responsible organisation",
            description="Number of ongoing actions by the organisation of the person responsible.",
            rows=dashboard.organisations,
        ),
    }

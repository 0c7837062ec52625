"""The committee members' status dashboard."""

from django.db.models import Count, Q
from django.views.generic import TemplateView

from actions.models import Action
from actiontracker.permissions import ReaderRequiredMixin


class DashboardView(ReaderRequiredMixin, TemplateView):
    template_name = "dashboard/dashboard.html"

    def get_context_data(self, **kwargs):
        counts = Action.objects.aggregate(
            ongoing=Count("id", filter=Q(status=Action.Status.ONGOING)),
            completed=Count("id", filter=Q(status=Action.Status.COMPLETED)),
            closed=Count("id", filter=Q(status=Action.Status.CLOSED)),
        )
        return super().get_context_data(counts=counts, **kwargs)

"""Views of the action register, the action page and the dashboard."""

from django.views.generic import DetailView, ListView

from actions.models import Action
from actiontracker.permissions import ReaderRequiredMixin


class ActionListView(ReaderRequiredMixin, ListView):
    template_name = "actions/action_list.html"
    paginate_by = 50

    def get_queryset(self):
        return Action.objects.with_related().order_by("-agenda_item__meeting__date", "id")


class ActionDetailView(ReaderRequiredMixin, DetailView):
    template_name = "actions/action_detail.html"

    def get_queryset(self):
        return Action.objects.with_related().prefetch_related("follow_ups")

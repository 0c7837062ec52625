"""Board meetings (such as MOPAC's Performance and Risk Oversight Board) and their Annex A."""

from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.text import slugify
from django.views import View
from django.views.generic import ListView

from actiontracker.permissions import PermissionRequiredMixin
from actiontracker.transactions import OutsideRequestTransactionMixin
from meetings.models import Committee, Meeting
from papers.annex import annex_context, annex_html
from papers.views.base import document_preview, preview_or_pdf


class BoardMeetingListView(PermissionRequiredMixin, ListView):
    permission_required = "meetings.view_meeting"
    template_name = "correspondence/board_meetings.html"
    context_object_name = "meetings"

    def get_queryset(self):
        return Meeting.objects.filter(
            Q(committee__kind=Committee.Kind.BOARD) | Q(kind=Meeting.Kind.BOARD)
        ).select_related("committee")


class AnnexView(OutsideRequestTransactionMixin, PermissionRequiredMixin, View):
    """Annex A of a board meeting: an HTML preview, or the PDF with ``?format=pdf``."""

    permission_required = ("meetings.view_meeting", "actions.view_action")

    def get(self, request, pk):
        meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
        if request.GET.get("format") != "pdf":
            context = annex_context(meeting)
            return document_preview(
                request,
                body_template="papers/annex_body.html",
                context=context,
                document_class="paper--annex",
                title=f"Annex A of {context['meeting_date']}",
                caption=meeting.committee.name,
                back_url=reverse("board-meeting-list"),
                back_text="Back to board meetings",
            )
        name = slugify(f"annex a {meeting.committee.name} {meeting.date:%Y-%m-%d}")
        return preview_or_pdf(request, annex_html(meeting), name)

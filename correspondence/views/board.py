"""Board meetings (such as MOPAC's Performance and Risk Oversight Board) and their Annex A."""

from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.text import slugify
from django.views import View
from django.views.generic import ListView

from actiontracker.papers.annex import annex_html
from actiontracker.pdf import html_to_pdf
from actiontracker.permissions import ReaderRequiredMixin
from meetings.models import Committee, Meeting


class BoardMeetingListView(ReaderRequiredMixin, ListView):
    template_name = "correspondence/board_meetings.html"
    context_object_name = "meetings"

    def get_queryset(self):
        return Meeting.objects.filter(
            Q(committee__kind=Committee.Kind.BOARD) | Q(kind=Meeting.Kind.BOARD)
        ).select_related("committee")


class AnnexView(ReaderRequiredMixin, View):
    """Annex A of a board meeting: an HTML preview, or the PDF with ``?format=pdf``."""

    def get(self, request, pk):
        meeting = get_object_or_404(Meeting.objects.select_related("committee"), pk=pk)
        html = annex_html(meeting)
        if request.GET.get("format") != "pdf":
            return HttpResponse(html)
        response = HttpResponse(html_to_pdf(html), content_type="application/pdf")
        name = slugify(f"annex a {meeting.committee.name} {meeting.date:%Y-%m-%d}")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        response["X-Content-Type-Options"] = "nosniff"
        return response

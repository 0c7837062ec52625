"""Start a background render, show its progress, offer the file when ready."""

from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.text import slugify
from django.views import View
from django.views.generic import DetailView

from actiontracker.downloads import file_response
from actiontracker.permissions import PermissionRequiredMixin
from papers.models import Paper, RenderJob
from papers.renderjobs.services import render_job_request
from papers.selectors import paper_state

# Seconds between refreshes of the progress page (a meta refresh: works without JavaScript).
REFRESH_SECONDS = 3


class RenderJobStartView(PermissionRequiredMixin, View):
    """An officer asks for the paper or its agenda pack to be made in the background now,
    whatever its size (say, to have the pack ready before a meeting)."""

    permission_required = "papers.add_renderjob"

    http_method_names = ["post"]
    kinds = {RenderJob.Kind.PAPER, RenderJob.Kind.PACK}

    def post(self, request, paper_pk):
        paper = get_object_or_404(Paper.objects.only("pk"), pk=paper_pk, kind=Paper.Kind.SUMMARY)
        kind = request.POST.get("kind", RenderJob.Kind.PAPER)
        if kind not in self.kinds:
            return HttpResponseBadRequest("Unknown kind of PDF.")
        fingerprint = paper_state(paper.pk).digest
        job = render_job_request(paper=paper, user=request.user, kind=kind, fingerprint=fingerprint)
        return redirect(job)


class RenderJobDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "papers.view_renderjob"
    template_name = "renderjobs/job.html"
    context_object_name = "job"

    def get_queryset(self):
        # The PDF bytes stay in the database until downloaded.
        return RenderJob.objects.select_related("paper__meeting__committee").defer("pdf")

    def get_context_data(self, **kwargs):
        return super().get_context_data(refresh_seconds=REFRESH_SECONDS, **kwargs)


class RenderJobDownloadView(PermissionRequiredMixin, View):
    permission_required = "papers.view_renderjob"

    def get(self, request, pk):
        job = get_object_or_404(
            RenderJob.objects.select_related("paper__meeting"), pk=pk, status=RenderJob.Status.DONE
        )
        if job.pdf is None:
            raise Http404("No file for this job.")
        paper = job.paper
        suffix = "-agenda-pack" if job.kind == RenderJob.Kind.PACK else ""
        filename = f"{slugify(paper.subject)}-{paper.meeting.date:%Y-%m-%d}{suffix}.pdf"
        return file_response(bytes(job.pdf), filename=filename, content_type="application/pdf")

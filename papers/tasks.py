"""Background tasks, run by `manage.py db_worker` (django-tasks with its database backend)."""

import logging

from django.core.exceptions import ValidationError
from django_tasks import task

from papers.models import Paper, RenderJob
from papers.pack import render_agenda_pack
from papers.render import render_paper_pdf
from papers.renderjobs.services import render_job_finish, render_job_set_progress
from papers.services import paper_publish, paper_store_published_pdf

logger = logging.getLogger(__name__)


def _render(job: RenderJob, paper: Paper, progress) -> bytes | None:
    if job.kind == RenderJob.Kind.PACK:
        return render_agenda_pack(paper, progress=progress)
    if job.kind == RenderJob.Kind.PUBLISH:
        # The conditional update in paper_publish refuses a paper someone else published
        # meanwhile; the stored PDF is then theirs, and this job says so.
        paper_publish(paper=paper, by=job.requested_by)
        return None
    return render_paper_pdf(paper)


@task()
def render_paper_job(job_id: int) -> int:
    """Make the job's PDF and store it on the job; returns the PDF's size."""
    job = RenderJob.objects.select_related("requested_by").defer("pdf").get(pk=job_id)

    def progress(percent: int) -> None:
        render_job_set_progress(job_id=job.pk, status=RenderJob.Status.RUNNING, progress=percent)

    progress(10)
    try:
        paper = Paper.objects.select_related("meeting__committee").defer("pdf").get(pk=job.paper_id)
        pdf = _render(job, paper, progress)
    except ValidationError as exc:
        # A refusal the officer must read (already published), not a fault.
        render_job_set_progress(
            job_id=job.pk,
            status=RenderJob.Status.FAILED,
            progress=100,
            message=" ".join(exc.messages),
        )
        return 0
    except Exception as exc:
        logger.exception("Rendering the %s of paper %s failed", job.kind, job.paper_id)
        render_job_set_progress(
            job_id=job.pk,
            status=RenderJob.Status.FAILED,
            progress=100,
            message=f"The PDF could not be made: {exc}",
        )
        raise
    progress(95)
    render_job_finish(job=job, pdf=pdf)
    return len(pdf or b"")


@task()
def store_imported_pdf(paper_id: int, document: str) -> bool:
    """Make and store the PDF of a paper an import published from text (``document``: its
    page as the import left it); never replaces a stored PDF."""
    return paper_store_published_pdf(paper_id=paper_id, document=document)

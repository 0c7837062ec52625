"""Background tasks, run by `manage.py db_worker` (django-tasks with its database backend)."""

import logging

from django_tasks import task

from actiontracker.models import Paper, RenderJob
from actiontracker.services import render_job_finish, render_job_set_progress

logger = logging.getLogger(__name__)


@task()
def render_paper_job(job_id: int) -> int:
    """Render the job's paper to PDF and store it on the job; returns the PDF's size."""
    job = RenderJob.objects.get(pk=job_id)
    render_job_set_progress(job_id=job.pk, status=RenderJob.Status.RUNNING, progress=10)
    try:
        # Imported here: the renderer is heavy (WeasyPrint) and only the worker needs it.
        from actiontracker.papers.render import render_paper_pdf

        paper = Paper.objects.get(pk=job.paper_id)
        pdf = render_paper_pdf(paper)
    except Exception as exc:
        logger.exception("Rendering paper %s failed", job.paper_id)
        render_job_set_progress(
            job_id=job.pk,
            status=RenderJob.Status.FAILED,
            progress=100,
            message=f"The PDF could not be made: {exc}",
        )
        raise
    render_job_set_progress(job_id=job.pk, status=RenderJob.Status.RUNNING, progress=90)
    render_job_finish(job_id=job.pk, pdf=pdf)
    return len(pdf)

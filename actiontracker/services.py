"""Writes of the actiontracker app: background paper rendering."""

from django.db import transaction
from django.utils import timezone

from actiontracker.models import Paper, RenderJob

# Failure texts shown to officers are cut to the field's length.
MESSAGE_LENGTH = 500


def render_job_request(*, paper: Paper, user) -> RenderJob:
    """Queue a background render of `paper`, or return the one already waiting or running."""
    from actiontracker.tasks import render_paper_job

    with transaction.atomic():
        # Lock the paper row: two officers pressing the button at once get one job.
        Paper.objects.select_for_update().get(pk=paper.pk)
        pending = (
            RenderJob.objects.filter(
                paper=paper, status__in=[RenderJob.Status.QUEUED, RenderJob.Status.RUNNING]
            )
            .order_by("created_at")
            .first()
        )
        if pending:
            return pending
        job = RenderJob(paper=paper, requested_by=user)
        job.full_clean()
        job.save()
        # The task row commits with the job: the worker never sees a job that is not there.
        result = render_paper_job.enqueue(job.pk)
        RenderJob.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def render_job_set_progress(*, job_id: int, status: str, progress: int, message: str = "") -> None:
    """Record how far a render has got (in its own short transaction, so readers see it)."""
    values = {"status": status, "progress": progress, "message": message[:MESSAGE_LENGTH]}
    if status in {RenderJob.Status.DONE, RenderJob.Status.FAILED}:
        values["finished_at"] = timezone.now()
    RenderJob.objects.filter(pk=job_id).update(**values)


def render_job_finish(*, job_id: int, pdf: bytes) -> None:
    """Store the finished PDF and mark the job ready."""
    RenderJob.objects.filter(pk=job_id).update(
        pdf=pdf,
        status=RenderJob.Status.DONE,
        progress=100,
        message="",
        finished_at=timezone.now(),
    )

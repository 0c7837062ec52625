"""Writes of the actiontracker app: background paper rendering."""

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.utils import timezone

from papers.models import RENDER_JOB_ABANDONED_AFTER, Paper, RenderJob
from papers.selectors import PaperState

# Failure texts shown to officers are cut to the field's length.
MESSAGE_LENGTH = 500
# The fingerprint sees every register the paper draws on, but not renames of responsible
# people, organisations or contact officers (those tables keep no history): an hour bounds
# how long such a rename can wait to show in a draft's download.
DRAFT_PDF_CACHE_SECONDS = 60 * 60
# An appendix letter in an agenda pack costs about as much to add (read, append, number
# its pages) as this many action rows of the paper.
PACK_ROWS_PER_LETTER = 10


def pdf_size(state: PaperState, kind: str) -> int:
    """How big a PDF of the paper will be, in action rows (what rendering time follows)."""
    if kind == RenderJob.Kind.PACK:
        return state.action_count + PACK_ROWS_PER_LETTER * state.letter_count
    return state.action_count


def renders_in_background(state: PaperState, kind: str) -> bool:
    """Whether this PDF is too big to make while the reader's request waits."""
    return pdf_size(state, kind) > settings.PDF_BACKGROUND_ROWS


def pdf_cache_key(kind: str, paper_id: int, fingerprint: str) -> str:
    """Where a draft's rendered PDF is cached, for the content `fingerprint` names."""
    return f"paper-{kind}:{paper_id}:{fingerprint}"


def render_job_request(
    *, paper: Paper, user, kind: str = RenderJob.Kind.PAPER, fingerprint=""
) -> RenderJob:
    """Queue a background render of `paper`, or return the job that already has (or is
    making) the same PDF of the same content."""
    from papers.tasks import render_paper_job

    with transaction.atomic():
        # Lock the paper row: two people asking at once get one job.
        Paper.objects.select_for_update().only("pk").get(pk=paper.pk)
        reusable = [RenderJob.Status.QUEUED, RenderJob.Status.RUNNING]
        if kind != RenderJob.Kind.PUBLISH:
            reusable.append(RenderJob.Status.DONE)
        existing = (
            RenderJob.objects.filter(
                paper=paper, kind=kind, fingerprint=fingerprint, status__in=reusable
            )
            .exclude(
                status__in=[RenderJob.Status.QUEUED, RenderJob.Status.RUNNING],
                created_at__lt=timezone.now() - RENDER_JOB_ABANDONED_AFTER,
            )
            .defer("pdf")
            .order_by("-created_at", "-id")
            .first()
        )
        if existing:
            return existing
        job = RenderJob(paper=paper, kind=kind, fingerprint=fingerprint, requested_by=user)
        job.full_clean()
        job.save()
        # The task row commits with the job: the worker never sees a job that is not there.
        result = render_paper_job.enqueue(job.pk)
        RenderJob.objects.filter(pk=job.pk, task_id="").update(task_id=str(result.id))
    return RenderJob.objects.defer("pdf").get(pk=job.pk)


def render_job_set_progress(*, job_id: int, status: str, progress: int, message: str = "") -> None:
    """Record how far a render has got (in its own short transaction, so readers see it)."""
    values = {"status": status, "progress": progress, "message": message[:MESSAGE_LENGTH]}
    if status in {RenderJob.Status.DONE, RenderJob.Status.FAILED}:
        values["finished_at"] = timezone.now()
    RenderJob.objects.filter(pk=job_id).update(**values)


def render_job_finish(*, job: RenderJob, pdf: bytes | None) -> None:
    """Store the finished PDF and mark the job ready; the draft download then finds it in
    the cache too, under the content it was asked for."""
    RenderJob.objects.filter(pk=job.pk).update(
        pdf=pdf,
        status=RenderJob.Status.DONE,
        progress=100,
        message="",
        finished_at=timezone.now(),
    )
    if pdf is not None and job.fingerprint:
        cache.set(
            pdf_cache_key(job.kind, job.paper_id, job.fingerprint), pdf, DRAFT_PDF_CACHE_SECONDS
        )

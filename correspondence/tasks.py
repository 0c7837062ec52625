"""The chase schedule's daily task, run by `manage.py db_worker` (django-tasks): each run
does the day's chases once (correspondence/chase_day.py) and enqueues the next day's.
`manage.py schedule_chases` (run by `make worker` and `make run`) starts the cycle."""

import datetime
import logging

from django.utils import timezone
from django_tasks import default_task_backend, task

from correspondence.chase_day import chase_day_once, next_run_at

logger = logging.getLogger(__name__)


@task()
def run_chase_schedule(date: str | None = None) -> str:
    """Send the day's chases (``date``, YYYY-MM-DD, default today) once however often it
    runs, and plan the next run."""
    try:
        day = chase_day_once(datetime.date.fromisoformat(date) if date else timezone.localdate())
    finally:
        schedule_next_run()
    summary = day.summary() if day else "Today's chases had been sent already."
    logger.info("Chase schedule: %s", summary)
    return summary


def schedule_next_run() -> bool:
    """Enqueue the next daily run, unless the backend cannot defer a task (the immediate
    backend of the tests) or one is waiting already; returns whether it enqueued one."""
    if not default_task_backend.supports_defer or next_run_waiting():
        return False
    run_chase_schedule.using(run_after=next_run_at()).enqueue()
    return True


def next_run_waiting() -> bool:
    """Whether a run of the schedule is queued and not yet started (database backend)."""
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover (another backend keeps its own queue)
        return False
    return DBTaskResult.objects.filter(
        task_path=run_chase_schedule.module_path, status="READY"
    ).exists()

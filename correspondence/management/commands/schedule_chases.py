"""Start the daily chase schedule in the background worker: `manage.py schedule_chases`."""

from django.core.management.base import BaseCommand

from correspondence.chase_day import next_run_at
from correspondence.tasks import schedule_next_run


class Command(BaseCommand):
    help = (
        "Queue the daily run of the chase schedule for the background worker (db_worker), "
        "unless one is queued already; each run queues the next day's."
    )

    def handle(self, *args, **options):
        if schedule_next_run():
            self.stdout.write(f"The chase schedule runs next at {next_run_at():%-d %B %Y %H:%M}.")
        else:
            self.stdout.write("The chase schedule is queued already.")

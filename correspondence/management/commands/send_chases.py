"""Send the chases due on a day: `manage.py send_chases [--date YYYY-MM-DD] [--dry-run]`."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from actions.chasing import chases_send


class Command(BaseCommand):
    help = (
        "Send every chase due on a day (default today) that its committee sends automatically "
        "or an officer has approved: one e-mail per organisation, recorded as follow-ups. "
        "Chases that failed before are tried again."
    )

    def add_arguments(self, parser):
        parser.add_argument("--date", help="The day to chase for, YYYY-MM-DD (default today).")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would be sent; send nothing."
        )

    def handle(self, *args, date=None, dry_run=False, **options):
        try:
            day = datetime.date.fromisoformat(date) if date else timezone.localdate()
        except ValueError as error:
            raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from error
        outcomes = chases_send(date=day, dry_run=dry_run)
        for outcome in outcomes:
            self.stdout.write(outcome.line())
        failed = [o for o in outcomes if o.status == "failed"]
        done = len(outcomes) - len(failed)
        summary = f"{done} chase{'s' if done != 1 else ''} "
        summary += f"{'would be sent' if dry_run else 'sent'} for {day:%-d %B %Y}"
        if failed:
            summary += f"; {len(failed)} failed and will be tried again on the next run"
        self.stdout.write(summary + ".")
        if not outcomes:
            self.stdout.write(
                "Only committees that send chases automatically, or chases an officer has "
                "approved, are sent."
            )

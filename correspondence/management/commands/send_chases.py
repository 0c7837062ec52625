"""Send the chases due on a day: `manage.py send_chases [--date YYYY-MM-DD] [--dry-run]`."""

import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from correspondence.chase_day import chase_day_run


class Command(BaseCommand):
    help = (
        "Send every chase due on a day (default today) that its committee sends automatically "
        "or an officer has approved: one e-mail per organisation, recorded as follow-ups. "
        "Chases that failed before are tried again. Where a committee's rule escalates, a "
        "letter from the Chair is proposed for an officer to approve."
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
        result = chase_day_run(day, dry_run=dry_run)
        for line in result.lines():
            self.stdout.write(line)
        self.stdout.write(result.summary())
        if not result.outcomes:
            self.stdout.write(
                "Only committees that send chases automatically, or chases an officer has "
                "approved, are sent."
            )

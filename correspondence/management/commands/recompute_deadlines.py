"""Work the open deadlines out again: `manage.py recompute_deadlines [--dry-run]`."""

from django.core.management.base import BaseCommand

from correspondence.deadline_recompute import holidays_check


class Command(BaseCommand):
    help = (
        "Work out again every open deadline the deadline engine set (letters awaiting a "
        "reply), with today's bank holidays and committee rules; each one that moves is "
        "recorded in the letter's history with the reason. Deadlines an officer typed, and "
        "letters already answered, stay as they are."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would move; change nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        result = holidays_check(dry_run=dry_run, force=True)
        for change in result.changes:
            self.stdout.write(change.line())
        self.stdout.write(result.summary())

import datetime

from django.core.management.base import BaseCommand

from correspondence.models import Correspondence
from correspondence.selectors import orphan_letter_files


class Command(BaseCommand):
    help = (
        "List the files in the letters' storage folder that no letter names, and remove them "
        "(unless --dry-run). Files changed in the last hour are left: their upload may not "
        "have committed yet."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="list the orphans, remove nothing"
        )
        parser.add_argument(
            "--older-than",
            type=int,
            default=60,
            metavar="MINUTES",
            help="only files unchanged for this many minutes (default 60)",
        )

    def handle(self, *args, dry_run=False, older_than=60, **options):
        storage = Correspondence._meta.get_field("file").storage
        orphans = orphan_letter_files(
            storage=storage, older_than=datetime.timedelta(minutes=older_than)
        )
        for name in orphans:
            self.stdout.write(name)
            if not dry_run:
                storage.delete(name)
        verb = "would be removed" if dry_run else "removed"
        self.stdout.write(self.style.SUCCESS(f"{len(orphans)} orphan files {verb}."))

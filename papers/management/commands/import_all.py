from django.core.management.base import BaseCommand, CommandError

from papers.backup.archive import BackupError, import_archive


class Command(BaseCommand):
    help = "Restore an export_all archive into an empty, freshly migrated database."

    def add_arguments(self, parser):
        parser.add_argument("file", help="an archive written by export_all")

    def handle(self, *args, file, **options):
        try:
            counts = import_archive(file)
        except BackupError as exc:
            raise CommandError(f"{exc} Nothing was restored.") from exc
        records = sum(v for k, v in counts.items() if k != "files")
        self.stdout.write(
            self.style.SUCCESS(f"Restored {records} records and {counts['files']} files.")
        )

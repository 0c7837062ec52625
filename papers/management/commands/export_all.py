from django.core.management.base import BaseCommand, CommandError
from django.template.defaultfilters import pluralize

from papers.backup.archive import export_archive


class Command(BaseCommand):
    help = (
        "Write every record and uploaded file to one zip archive, readable by its owner "
        "only, with a manifest this installation signs (restore with import_all)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="the archive to write, e.g. backup-2024-05-01.zip")

    def handle(self, *args, file, **options):
        try:
            counts = export_archive(file)
        except OSError as exc:  # no such folder, no permission, disk full
            raise CommandError(f"cannot write {file}: {exc.strerror or exc}") from exc
        records = sum(v for k, v in counts.items() if k != "files")
        self.stdout.write(
            self.style.SUCCESS(
                f"Wrote {records} record{pluralize(records)} and {counts['files']} "
                f"file{pluralize(counts['files'])} to {file}."
            )
        )

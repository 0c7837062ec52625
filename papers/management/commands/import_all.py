import sys

from django.core.management.base import BaseCommand
from django.template.defaultfilters import pluralize

from papers.backup.archive import BackupError, import_archive


class Command(BaseCommand):
    help = (
        "Restore an export_all archive into an empty, freshly migrated database, once every "
        "member matches the manifest this installation signed."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="an archive written by export_all")
        parser.add_argument(
            "--trust-foreign",
            action="store_true",
            help="restore an archive signed by another installation (another SECRET_KEY) or "
            "not signed; its members' digests are still checked",
        )
        parser.add_argument(
            "--trust-unsigned",
            action="store_true",
            help="restore an archive written by the previous release, which has no digests "
            "and no signature, so damage or edits cannot be detected",
        )

    def handle(self, *args, file, trust_foreign, trust_unsigned, **options):
        try:
            counts = import_archive(
                file,
                trust_foreign=trust_foreign,
                trust_unsigned=trust_unsigned,
                warn=lambda message: self.stderr.write(f"import_all: warning: {message}"),
            )
        except BackupError as exc:
            # One line an operator can read and a script can log, not Django's
            # "CommandError: " prefix; exit status 1, as makemigrations --check does.
            reason = str(exc).rstrip(".")
            self.stderr.write(f"import_all: refused: {reason}. Nothing was restored.")
            sys.exit(1)
        records = sum(v for k, v in counts.items() if k != "files")
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored {records} record{pluralize(records)} and {counts['files']} "
                f"file{pluralize(counts['files'])}."
            )
        )

from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from papers.importing.cells import PaperParseError
from papers.importing.services import paper_import


class Command(BaseCommand):
    help = (
        "Import a previous paper (Summary List of Actions, a board letter with an Annex A "
        "action table, or a response-to-report paper), as text or PDF."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="The paper: extracted text (.txt) or a PDF.")
        parser.add_argument("--committee", metavar="SLUG", help="Import into this committee.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Show what would change; write nothing."
        )

    def handle(self, *args, path, committee=None, dry_run=False, **options):
        source = Path(path)
        if not source.is_file():
            raise CommandError(f"{path}: no such file")
        try:
            report = paper_import(path=source, committee_slug=committee, dry_run=dry_run)
        except PaperParseError as error:
            # One line, whatever the message quotes (a PDF reader's error may span several).
            raise CommandError(f"{source.name}: {' '.join(str(error).split())}") from error
        except ValidationError as error:
            # Parsed, but the records it describes are not valid: still nothing written.
            raise CommandError(f"{source.name}: {'; '.join(error.messages)}") from error
        for line in report.lines():
            self.stdout.write(line)

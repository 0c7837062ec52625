from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from papers.import_models import ImportRecord
from papers.importing.cells import PaperParseError
from papers.importing.records import import_start
from papers.importing.services import read_file


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
            # The same import as the browser's, with its record: the file is kept with it,
            # and each record written names it in its history. A dry run is kept as a
            # preview, which an officer may confirm in the browser.
            # Read first: a file that is no paper is refused before the database is opened.
            read = read_file(source)
            record = import_start(
                read=read,
                content=source.read_bytes(),
                original_name=source.name,
                committee_slug=committee or "",
                via=ImportRecord.Via.COMMAND,
                dry_run=dry_run,
                max_bytes=None,
            )
        except PaperParseError as error:
            # One line, whatever the message quotes (a PDF reader's error may span several).
            raise CommandError(f"{source.name}: {' '.join(str(error).split())}") from error
        except ValidationError as error:
            # Parsed, but the records it describes are not valid: still nothing written.
            raise CommandError(f"{source.name}: {'; '.join(error.messages)}") from error
        if record.state == ImportRecord.State.REFUSED:  # refused while previewing
            raise CommandError(f"{source.name}: {record.error}")
        for line in record.report.lines():
            self.stdout.write(line)
        self.stdout.write(f"Import #{record.pk} ({record.get_state_display().lower()}).")

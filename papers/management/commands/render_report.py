"""render_report: a paper considered at a meeting, to PDF or HTML."""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from actiontracker.pdf import html_to_pdf
from meetings.models import Committee, Meeting
from papers.models import Paper
from papers.pack import render_agenda_pack
from papers.registry import RENDERERS
from papers.render import paper_for_meeting


class Command(BaseCommand):
    help = (
        "Render the paper considered at a meeting: --paper summary (default) and the other "
        "registered kinds, to -o FILE.pdf or --html FILE.html; --agenda-pack -o FILE.pdf "
        "adds the appendix letters after the summary paper."
    )

    def add_arguments(self, parser):
        parser.add_argument("--committee", required=True, help="committee slug")
        parser.add_argument("--meeting", required=True, help="meeting date, YYYY-MM-DD")
        parser.add_argument("--paper", default="summary", help="kind of paper")
        parser.add_argument("--agenda-pack", action="store_true")
        out = parser.add_mutually_exclusive_group(required=True)
        out.add_argument("-o", "--output", help="PDF file to write")
        out.add_argument("--html", help="HTML file to write")

    def handle(self, *args, **options):
        kind = options["paper"]
        if kind not in RENDERERS:
            raise CommandError(
                f"Unknown paper {kind!r}: choose one of {', '.join(sorted(RENDERERS))}."
            )
        try:
            date = dt.date.fromisoformat(options["meeting"])
        except ValueError as exc:
            raise CommandError(f"--meeting must be a date YYYY-MM-DD: {exc}") from exc
        committee = Committee.objects.filter(slug=options["committee"]).first()
        if committee is None:
            raise CommandError(f"No committee with slug {options['committee']!r}.")
        meeting = (
            Meeting.objects.select_related("committee")
            .filter(committee=committee, date=date)
            .first()
        )
        if meeting is None:
            raise CommandError(f"{committee} has no meeting on {date:%Y-%m-%d}.")

        if options["agenda_pack"]:
            return self._agenda_pack(meeting, options)
        if options["html"]:
            Path(options["html"]).write_text(RENDERERS[kind](meeting), encoding="utf-8")
            self.stdout.write(f"Wrote {options['html']}")
            return
        published = (
            Paper.objects.published().filter(meeting=meeting, kind=kind).only("pdf").first()
            if kind == Paper.Kind.SUMMARY
            else None
        )
        pdf = bytes(published.pdf) if published and published.pdf else None
        Path(options["output"]).write_bytes(pdf or html_to_pdf(RENDERERS[kind](meeting)))
        self.stdout.write(f"Wrote {options['output']}" + (" (published copy)" if pdf else ""))

    def _agenda_pack(self, meeting, options):
        if not options["output"]:
            raise CommandError("--agenda-pack writes a PDF: give -o FILE.pdf.")
        Path(options["output"]).write_bytes(render_agenda_pack(paper_for_meeting(meeting)))
        self.stdout.write(f"Wrote {options['output']}")

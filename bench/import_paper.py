"""Time import_paper beyond start-up: a Summary List of Actions paper of 30 actions, as text
and as PDF, and an action log of 1,000 rows as XLSX; each imported into an empty database
(first import) and again (re-import: nothing changes). pdfplumber alone reading the same
PDF gives the yardstick for the PDF import.

Run from the project root: .venv/bin/python bench/import_paper.py
Uses a throw-away SQLite database (the base settings: the imported paper's PDF is queued for
the background worker, as in production).
"""

import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
WORK = Path(tempfile.mkdtemp(prefix="bench-import-"))
os.environ["DATABASE_URL"] = f"sqlite:///{WORK / 'bench.sqlite3'}"
os.environ["MEDIA_ROOT"] = str(WORK / "media")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actiontracker.settings.base")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from papers.importing.services import paper_import  # noqa: E402
from papers.importing.summary import parse_summary  # noqa: E402
from tests.import_papers import paper_text, row  # noqa: E402

PEOPLE = ["Deputy Commissioner, MPS", "Chief Executive Officer, MOPAC", "Senior Policy Adviser"]
LOG_ROWS = 1000
LOG_HEADER = [
    "Committee",
    "Meeting date",
    "Item No.",
    "Item Title",
    "Action",
    "Responsible Person",
    "Status",
    "Due Date",
]


def thirty_action_paper() -> str:
    blocks = []
    for meeting in range(10):
        rows = []
        for n in range(3):
            items = " ".join(f"• Details of matter {k} raised at item {5 + n};" for k in range(4))
            status = (
                f"Ongoing. Followed-up on {n + 2} May 2023."
                if (meeting + n) % 3
                else "Completed. Attached at Appendix 1."
            )
            rows.append(
                row(
                    str(5 + n),
                    f"Q&A Session {n}",
                    PEOPLE[n],
                    f"<p>The Committee requested the following:</p> <ul>{items}</ul>",
                    status,
                )
            )
        blocks.append((f"{1 + meeting} {'March' if meeting < 5 else 'February'} 2023", rows))
    return paper_text(blocks)


def thirty_action_pdf() -> bytes:
    from actiontracker.pdf import html_to_pdf
    from tests.papers.test_import_pdf import paper_html

    blocks = []
    for meeting in range(10):
        rows = [
            (
                str(5 + n),
                f"Q&A Session {n}",
                PEOPLE[n],
                "The Committee requested the following:",
                [f"Details of matter {k} raised at item {5 + n};" for k in range(4)],
                f"Ongoing. Followed-up on {n + 2} May 2023.",
            )
            for n in range(3)
        ]
        blocks.append((dt.date(2023, 3, 1 + meeting), rows))
    return html_to_pdf(paper_html(date=dt.date(2023, 5, 24), blocks=blocks))


def thousand_row_log(path: Path) -> None:
    """An action log as secretariats keep one in Excel: one row per action, 50 meetings of
    20 actions each."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Actions"
    sheet.append(LOG_HEADER)
    start = dt.date(2019, 1, 10)
    for n in range(LOG_ROWS):
        meeting = start + dt.timedelta(days=28 * (n // 20))
        sheet.append(
            [
                "Police and Crime Committee",
                meeting,
                str(4 + n % 5),
                f"Item {4 + n % 5} of the meeting",
                f"To provide the figures for matter {n}, broken down by borough.",
                PEOPLE[n % 3],
                "Completed" if n % 4 == 0 else "In progress",
                meeting + dt.timedelta(days=60),
            ]
        )
    book.save(path)


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def timed(function, runs: int, before=None) -> float:
    times = []
    for _ in range(runs):
        if before:
            before()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return median_ms(times)


def flush() -> None:
    call_command("flush", interactive=False, verbosity=0)


def first_and_again(path: Path, expected: int, first_runs=3, again_runs=5) -> tuple[float, float]:
    def run_first():
        report = paper_import(path=path)
        assert report.created["actions"] == expected, report.lines()[:3]

    def run_again():
        report = paper_import(path=path)
        assert not report.created["actions"], report.lines()[:3]

    first = timed(run_first, first_runs, before=flush)
    again = timed(run_again, again_runs)
    return first, again


def pdfplumber_alone(path: Path) -> float:
    import pdfplumber

    def read():
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                page.extract_text()

    return timed(read, 5)


def main() -> None:
    call_command("migrate", verbosity=0)
    out = []

    path = WORK / "paper.txt"
    text = thirty_action_paper()
    path.write_text(text, encoding="utf-8")
    assert parse_summary(text).action_count == 30
    parse = timed(lambda: parse_summary(path.read_text(encoding="utf-8")), 20)
    first, again = first_and_again(path, 30)
    out += [
        "Summary List of Actions, 30 actions in 10 meeting blocks, as text:",
        f"  parse only:                {parse:8.1f} ms (median of 20)",
        f"  first import (all new):    {first:8.1f} ms (median of 3)",
        f"  re-import (no changes):    {again:8.1f} ms (median of 5)",
    ]

    pdf_path = WORK / "paper.pdf"
    pdf_path.write_bytes(thirty_action_pdf())
    first, again = first_and_again(pdf_path, 30)
    plumber = pdfplumber_alone(pdf_path)
    out += [
        "The same paper as PDF:",
        f"  first import (all new):    {first:8.1f} ms (median of 3)",
        f"  re-import (no changes):    {again:8.1f} ms (median of 5)",
        f"  pdfplumber alone reading it (every page's text): {plumber:.1f} ms (median of 5); "
        f"first import / pdfplumber = {first / plumber:.2f}, re-import / pdfplumber = "
        f"{again / plumber:.2f}",
    ]

    log_path = WORK / "log.xlsx"
    thousand_row_log(log_path)
    out.append(f"Action log, {LOG_ROWS} rows in 50 meetings, as XLSX:")
    try:
        first, again = first_and_again(log_path, LOG_ROWS, first_runs=1, again_runs=3)
    except Exception as error:  # the XLSX reader is not there, or refuses this log
        reason = " ".join(str(error).split())[:200] or type(error).__name__
        out.append(f"  not available: {reason}")
    else:
        out += [
            f"  first import (all new):    {first:8.1f} ms (1 run)",
            f"  re-import (no changes):    {again:8.1f} ms (median of 3)",
        ]
    print("import_paper (SQLite, beyond start-up):")
    print("\n".join(out))


if __name__ == "__main__":
    main()

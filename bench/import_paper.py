"""Time import_paper on a Summary List of Actions paper of 30 actions, beyond start-up.

Run from the project root: .venv/bin/python bench/import_paper.py
Uses a throw-away SQLite database; prints the time of the first import (everything new),
of a re-import (nothing changes) and of parsing alone.
"""

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
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actiontracker.settings.base")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402

from papers.importing.services import paper_import  # noqa: E402
from papers.importing.summary import parse_summary  # noqa: E402
from tests.import_papers import paper_text, row  # noqa: E402

PEOPLE = ["Deputy Commissioner, MPS", "Chief Executive Officer, MOPAC", "Senior Policy Adviser"]


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
    import datetime as dt

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


def fresh_import_time(path: Path, runs: int = 3) -> float:
    """Median time to import the paper into an empty database."""
    times = []
    for _ in range(runs):
        call_command("flush", interactive=False, verbosity=0)
        start = time.perf_counter()
        report = paper_import(path=path)
        times.append(time.perf_counter() - start)
        assert report.created["actions"] == 30, report.lines()
    return statistics.median(times)


def main() -> None:
    call_command("migrate", verbosity=0)
    path = WORK / "paper.txt"
    text = thirty_action_paper()
    path.write_text(text, encoding="utf-8")
    assert parse_summary(text).action_count == 30

    parse_times = []
    for _ in range(20):
        start = time.perf_counter()
        parse_summary(path.read_text(encoding="utf-8"))
        parse_times.append(time.perf_counter() - start)

    first = fresh_import_time(path)

    again = []
    for _ in range(5):
        start = time.perf_counter()
        paper_import(path=path)
        again.append(time.perf_counter() - start)

    pdf_path = WORK / "paper.pdf"
    pdf_path.write_bytes(thirty_action_pdf())
    pdf_first = fresh_import_time(pdf_path)

    print("import_paper, 30 actions in 10 meeting blocks (SQLite, beyond start-up):")
    print(
        f"  parse only:             {statistics.median(parse_times) * 1000:7.1f} ms (median of 20)"
    )
    print(f"  first import (all new): {first * 1000:7.1f} ms (median of 3)")
    print(f"  re-import (no changes): {statistics.median(again) * 1000:7.1f} ms (median of 5)")
    print(f"  PDF import (all new):   {pdf_first * 1000:7.1f} ms (median of 3, with pdfplumber)")


if __name__ == "__main__":
    main()

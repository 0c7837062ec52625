"""A 300,000-character line of any shape is imported or refused in under 2 seconds.

Each shape once fed a pattern that backtracked over the whole line (quadratic or worse):
a cell of tags without an end, runs of spaces or tabs, bullets, dates and "Appendix" over
and over, repeated opening words of a letter paragraph. The line goes into a real paper
(the seed) and through the command, as a dry run. Time is measured against the same shape
ten times shorter too: linear work grows about tenfold, quadratic a hundredfold.
"""

import io
import time

import pytest
from django.core.management import CommandError, call_command

from tests.import_papers import row, seed_path

pytestmark = pytest.mark.django_db

LONG = 300_000
# (where in seed 000 the line goes, the line of about n characters)
TABLE_ROW, LETTER_PARAGRAPH, APPENDIX_LIST = 25, 83, 98
SHAPES = {
    "a long cell": (TABLE_ROW, lambda n: row("6", "T", "MPS", "word " * (n // 5), "Ongoing.")),
    "tags with no end": (TABLE_ROW, lambda n: row("6", "T", "MPS", "<p " * (n // 3), "Ongoing.")),
    "spaces in a cell": (TABLE_ROW, lambda n: row("6", "T", "MPS", "A;" + " " * n + "x", "Done")),
    "tabs": (TABLE_ROW, lambda n: "6" + "\t" * n + "x"),
    "bullets": (TABLE_ROW, lambda n: row("6", "T", "MPS", "• " * (n // 2), "Ongoing.")),
    "dates": (
        TABLE_ROW,
        lambda n: row(
            "6", "T", "MPS", "A.", "Ongoing. Followed-up on " + "4 May 2023 " * (n // 11)
        ),
    ),
    "follow-up requests": (
        TABLE_ROW,
        lambda n: row("6", "T", "MPS", "A.", "Followed up request " * (n // 20)),
    ),
    "spaces in a letter": (
        LETTER_PARAGRAPH,
        lambda n: "- 4.1 On 24 March 2023 the Chairman" + " " * n + "wrote to the MPS.",
    ),
    "copies of": (
        LETTER_PARAGRAPH,
        lambda n: "- 4.1 On 24 March 2023 the Chairman wrote " + "a copy of " * (n // 10),
    ),
    "Committee words": (
        LETTER_PARAGRAPH,
        lambda n: "- 4.1 On 1 May 2023 " + "Committee " * (n // 10),
    ),
    "Appendix words": (
        LETTER_PARAGRAPH,
        lambda n: "- 4.1 On 24 March 2023 the Chairman wrote, " + "Appendix " * (n // 9),
    ),
    "an appendix line": (APPENDIX_LIST, lambda n: "Appendix 3 – from" + " " * n + "MPS"),
    "capital words": (APPENDIX_LIST, lambda n: "Abc " * (n // 4)),
}


def import_seconds(tmp_path, at: int, line: str) -> float:
    lines = seed_path("000").read_text(encoding="utf-8").split("\n")
    lines.insert(at, line)
    path = tmp_path / "paper.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    start = time.perf_counter()
    try:
        call_command("import_paper", str(path), "--dry-run", stdout=io.StringIO())
    except CommandError as error:
        assert "\n" not in str(error)
    return time.perf_counter() - start


@pytest.mark.parametrize("shape", SHAPES)
def test_a_long_line_is_imported_or_refused_in_linear_time(tmp_path, shape):
    at, make = SHAPES[shape]
    short = import_seconds(tmp_path, at, make(LONG // 10))
    long = import_seconds(tmp_path, at, make(LONG))
    assert long < 2.0, f"{shape}: {long:.2f} s for {LONG:,} characters"
    # Generous for timing noise on a shared machine: a quadratic pattern gives ~100.
    assert long < 20 * max(short, 0.05), f"{shape}: {short:.3f} s then {long:.3f} s"

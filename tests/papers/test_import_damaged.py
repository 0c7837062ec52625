"""import_paper on damaged copies of the real seed papers (lines lost, doubled or swapped,
bytes lost or changed, NUL and other control bytes, a file cut short), as text and as PDF.

Each import either succeeds or is refused with one line (CommandError); never a
traceback. A refused import writes nothing, and no import stores a control character.
The damage is drawn from a seeded random generator: case N is the same damage every run.
"""

import io
import random

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import models, transaction

from actiontracker.pdf import html_to_pdf
from tests.escaping.world import DOMAIN_APPS
from tests.import_papers import seed_path
from tests.papers.test_import_pdf import paper_html

pytestmark = pytest.mark.django_db

SEEDS = ("000", "002", "003", "004")
CONTROL = [bytes([c]) for c in (*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F)]


def _lines(data: bytes, rng: random.Random) -> list[bytes]:
    return data.split(b"\n") or [b""]


def delete_lines(data, rng):
    lines = _lines(data, rng)
    at = rng.randrange(len(lines))
    del lines[at : at + rng.randint(1, 5)]
    return b"\n".join(lines)


def duplicate_lines(data, rng):
    lines = _lines(data, rng)
    at = rng.randrange(len(lines))
    lines[at:at] = lines[at : at + rng.randint(1, 4)] * rng.randint(1, 3)
    return b"\n".join(lines)


def swap_lines(data, rng):
    lines = _lines(data, rng)
    a, b = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[a], lines[b] = lines[b], lines[a]
    return b"\n".join(lines)


def delete_bytes(data, rng):
    at = rng.randrange(len(data) or 1)
    return data[:at] + data[at + rng.randint(1, 40) :]


def change_bytes(data, rng):
    data = bytearray(data)
    for _ in range(rng.randint(1, 20)):
        data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def insert_nul(data, rng):
    for _ in range(rng.randint(1, 10)):
        at = rng.randrange(len(data) + 1)
        data = data[:at] + b"\x00" * rng.randint(1, 3) + data[at:]
    return data


def insert_controls(data, rng):
    for _ in range(rng.randint(1, 10)):
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.choice(CONTROL) + data[at:]
    return data


def truncate(data, rng):
    return data[: rng.randrange(len(data) + 1)]


MUTATIONS = [
    delete_lines,
    duplicate_lines,
    swap_lines,
    delete_bytes,
    change_bytes,
    insert_nul,
    insert_controls,
    truncate,
]


def damaged(case: int, original: bytes) -> tuple[bytes, list[str]]:
    """The original with one to three kinds of damage, the same for the same case."""
    rng = random.Random(case)
    data, done = original, []
    # Every tenth case is NUL bytes alone, so each seed gets them whatever else is drawn.
    chosen = [insert_nul] if case % 10 == 0 else rng.sample(MUTATIONS, rng.randint(1, 3))
    for mutation in chosen:
        data = mutation(data, rng)
        done.append(mutation.__name__)
    return data, done


def row_counts() -> dict[str, int]:
    """Rows of every model of the domain apps, their history included."""
    return {
        model._meta.label: model._base_manager.count()
        for app in DOMAIN_APPS
        for model in apps.get_app_config(app).get_models()
    }


def stored_controls() -> list[str]:
    """Any text value in the domain apps' records holding a control character."""
    bad = []
    for app in DOMAIN_APPS:
        for model in apps.get_app_config(app).get_models():
            names = [
                f.name
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField)
            ]
            for values in model._base_manager.values_list(*names) if names else []:
                for name, value in zip(names, values, strict=True):
                    if isinstance(value, str) and any(
                        ord(c) < 32 and c not in "\t\n\r" or 0x7F <= ord(c) <= 0x9F for c in value
                    ):
                        bad.append(f"{model._meta.label}.{name}: {value[:60]!r}")
    return bad


def import_or_refuse(path) -> str:
    """Import the file in a transaction rolled back afterwards; 'imported' or the one-line
    refusal. Anything else (a traceback) fails the test."""
    with transaction.atomic():
        before = row_counts()
        try:
            call_command("import_paper", str(path), stdout=io.StringIO())
        except CommandError as error:
            message = str(error)
            assert "\n" not in message and message.startswith(f"{path.name}: "), message
            assert row_counts() == before, f"refused ({message}) but wrote records"
            outcome = message
        else:
            assert stored_controls() == [], "a control character was stored"
            outcome = "imported"
        transaction.set_rollback(True)
    return outcome


@pytest.mark.parametrize("case", range(80))
def test_a_damaged_seed_is_imported_or_refused_in_one_line(tmp_path, case):
    seed = SEEDS[case % len(SEEDS)]
    data, done = damaged(case, seed_path(seed).read_bytes())
    path = tmp_path / f"{seed}_damaged.txt"
    path.write_bytes(data)
    outcome = import_or_refuse(path)
    print(seed, done, outcome)


def test_nul_bytes_in_a_seed_never_reach_the_database(tmp_path):
    # A NUL inside every line's text: stripped, so the paper imports as the original does.
    original = seed_path("000").read_bytes()
    path = tmp_path / "000_with_nul.txt"
    path.write_bytes(original.replace(b" ", b" \x00", 40).replace(b"\t", b"\x00\t", 20))
    with_nul = import_or_refuse(path)
    path.write_bytes(original)
    assert with_nul == import_or_refuse(path) == "imported"


@pytest.fixture(scope="module")
def paper_pdf() -> bytes:
    import datetime as dt

    rows = [
        (
            "6",
            "Review",
            "Commissioner, MPS",
            "To provide the survey.",
            ["A", "B"],
            "Ongoing.",
        ),
        ("7", "Plan", "Senior Policy Adviser", "That authority be delegated.", [], "Completed."),
    ]
    return html_to_pdf(paper_html(date=dt.date(2023, 5, 24), blocks=[(dt.date(2023, 3, 22), rows)]))


def test_the_undamaged_pdf_imports(tmp_path, paper_pdf):
    path = tmp_path / "paper.pdf"
    path.write_bytes(paper_pdf)
    assert import_or_refuse(path) == "imported"


@pytest.mark.parametrize("case", range(8))
def test_a_damaged_pdf_is_imported_or_refused_in_one_line(tmp_path, paper_pdf, case):
    rng = random.Random(1000 + case)
    mutation = [truncate, delete_bytes, change_bytes, insert_nul][case % 4]
    path = tmp_path / "paper.pdf"
    path.write_bytes(mutation(paper_pdf, rng))
    import_or_refuse(path)

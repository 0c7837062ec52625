"""A 1,000-row XLSX log: imported, then imported again, in bounded time and queries."""

import datetime as dt
import time

import pytest
from openpyxl import Workbook

from actions.models import Action
from papers.importing.services import paper_import

pytestmark = pytest.mark.django_db


def test_a_thousand_row_tracker_imports_and_reimports_without_duplicates(tmp_path):
    book = Workbook(write_only=True)
    sheet = book.create_sheet("Log")
    sheet.append(["Kestrel Housing Board action tracker"])
    sheet.append(["Meeting date", "Item", "Action", "Owner", "Due date", "Status"])
    for n in range(1000):
        meeting = dt.date(2024, 1 + n % 10, 15)
        sheet.append(
            [
                meeting,
                f"{n % 7 + 1}. Repairs",
                f"Action {n}: inspect block {n}.",
                "Repairs Lead",
                "March 2025",
                "Open" if n % 3 else "Completed",
            ]
        )
    book.save(tmp_path / "tracker.xlsx")
    start = time.perf_counter()
    first = paper_import(path=tmp_path / "tracker.xlsx")
    took = time.perf_counter() - start
    assert first.created["actions"] == 1000 and Action.objects.count() == 1000
    start = time.perf_counter()
    again = paper_import(path=tmp_path / "tracker.xlsx")
    took_again = time.perf_counter() - start
    assert again.action_counts == {"unchanged": 1000} and Action.objects.count() == 1000
    assert took < 30 and took_again < 10, (took, took_again)

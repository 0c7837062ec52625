"""The register's exports: typed spreadsheet cells, one date format in CSV, streamed,
and a query count that does not grow with the rows."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from actions.models import Action
from actiontracker.exports import Column, Exporter, number_or_text, render_csv, render_xlsx
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CorrespondenceFactory,
    DisclosureFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
)

pytestmark = pytest.mark.django_db


def xlsx_rows(response) -> list[tuple]:
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    return list(sheet.iter_rows())


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))


@pytest.fixture
def finished_action():
    return ActionFactory(
        agenda_item=AgendaItemFactory(number="7", meeting__date=dt.date(2023, 5, 24)),
        number="12",
        status=Action.Status.COMPLETED,
        last_chased_on=dt.date(2023, 6, 5),
        finished_on=dt.date(2023, 7, 1),
    )


def test_xlsx_dates_are_dates_and_item_numbers_numbers(member_client, finished_action):
    header, row = xlsx_rows(member_client.get(reverse("action-export-xlsx")))
    cells = {title.value: cell for title, cell in zip(header, row, strict=True)}

    meeting_date = cells["Meeting date"]
    assert meeting_date.is_date and meeting_date.value == dt.datetime(2023, 5, 24)
    assert meeting_date.number_format == "d mmmm yyyy"  # shown as "24 May 2023"
    assert cells["Last chased"].value == dt.datetime(2023, 6, 5)
    assert cells["Completed or closed on"].value == dt.datetime(2023, 7, 1)
    assert cells["Item No."].value == 7 and cells["Item No."].data_type == "n"
    assert cells["Action No."].value == 12
    assert cells["Status"].value == "Completed" and cells["Status"].data_type == "s"


def test_item_numbers_that_are_not_numbers_stay_as_typed(member_client):
    ActionFactory(agenda_item=AgendaItemFactory(number="5a"), number="")
    header, row = xlsx_rows(member_client.get(reverse("action-export-xlsx")))
    cells = {title.value: cell for title, cell in zip(header, row, strict=True)}
    assert cells["Item No."].value == "5a"
    assert cells["Action No."].value is None  # an empty cell, not an empty string


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("7", 7), ("10", 10), ("5a", "5a"), ("07", "07"), ("0", "0"), ("", None), ("2.1", "2.1")],
)
def test_number_or_text(typed, expected):
    assert number_or_text(typed) == expected


def test_every_csv_writes_dates_as_iso_8601(member_client, finished_action):
    committee = finished_action.agenda_item.meeting.committee
    CorrespondenceFactory(committee=committee, date=dt.date(2023, 5, 2))
    DisclosureFactory(committee=committee, contact_date=dt.date(2023, 3, 1))

    actions = csv_rows(member_client.get(reverse("action-export-csv")))
    row = dict(zip(actions[0], actions[1], strict=True))
    assert row["Meeting date"] == "2023-05-24"
    assert row["Last chased"] == "2023-06-05"
    assert row["Completed or closed on"] == "2023-07-01"
    assert row["Item No."] == "7"
    letters = csv_rows(member_client.get(reverse("correspondence-export")))
    assert dict(zip(letters[0], letters[1], strict=True))["Dated"] == "2023-05-02"
    disclosures = csv_rows(member_client.get(reverse("disclosure-export")))
    assert dict(zip(disclosures[0], disclosures[1], strict=True))["Contact date"] == "2023-03-01"


@pytest.mark.parametrize(
    "name",
    [
        "action-export-csv",
        "action-export-xlsx",
        "correspondence-export",
        "complaint-export",
        "disclosure-export",
        "report-export",
    ],
)
def test_exports_are_streamed_and_read_no_row_before_sending(officer_client, name):
    ActionFactory()
    with CaptureQueriesContext(connection) as before_reading:
        response = officer_client.get(reverse(name))
    assert response.status_code == 200
    assert response.streaming
    # The rows are read as the file is sent, not while the view runs.
    with CaptureQueriesContext(connection) as while_sending:
        content = response.getvalue()
    assert content
    assert len(while_sending.captured_queries) >= 1, [q["sql"] for q in before_reading]


def _export_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        response.getvalue()
    return len(queries.captured_queries)


@pytest.mark.parametrize(
    "name", ["action-export-csv", "action-export-xlsx", "correspondence-export"]
)
def test_an_export_costs_the_same_queries_for_few_or_many_rows(officer_client, name):
    def add(count):
        for _ in range(count):
            organisation = OrganisationFactory()
            ActionFactory(responsible_person=ResponsiblePersonFactory(organisation=organisation))
            CorrespondenceFactory(organisation=organisation)

    add(3)
    few = _export_queries(officer_client, reverse(name))
    add(60)
    many = _export_queries(officer_client, reverse(name))
    assert many == few


def test_rendering_is_apart_from_querying():
    exporter = Exporter(
        name="things",
        columns=[
            Column("Name", lambda thing: thing["name"]),
            Column("Due", lambda thing: thing["due"]),
            Column("Count", lambda thing: thing["count"]),
        ],
    )
    things = [
        {"name": "=SUM(A1)", "due": dt.date(2024, 2, 29), "count": 3},
        {"name": "Plain", "due": None, "count": -2},
    ]
    text = b"".join(render_csv(exporter.header, exporter.rows(things))).decode("utf-8-sig")
    assert text.splitlines() == ["Name,Due,Count", "'=SUM(A1),2024-02-29,3", "Plain,,-2"]

    xlsx = b"".join(render_xlsx(exporter.header, exporter.rows(things), widths=[9] * 3, title="T"))
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        ["Name", "Due", "Count"],
        ["=SUM(A1)", dt.datetime(2024, 2, 29), 3],
        ["Plain", None, -2],
    ]
    assert sheet["A2"].data_type == "s" and sheet["A2"].quotePrefix
    assert sheet["A1"].font.bold
    assert sheet.freeze_panes == "A2"


def test_a_large_csv_comes_in_several_chunks():
    rows = ([f"Row {n}", "x" * 100] for n in range(2000))
    chunks = list(render_csv(["Name", "Text"], rows))
    assert len(chunks) > 2
    assert max(len(chunk) for chunk in chunks) < 70_000

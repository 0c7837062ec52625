"""The CSV and spreadsheet exports hold each payload literally, and never a formula."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actiontracker import roles
from correspondence.models import (
    CommitteeReport,
)
from meetings.models import Organisation
from tests.escaping.world import (
    CODES,
    CONFIDENTIAL,
    World,
    codes_in,
    login,
)

pytestmark = pytest.mark.django_db


EXPORTS = {
    "action-export-csv": [
        "meetings.Committee.name",
        "meetings.AgendaItem.number",
        "meetings.AgendaItem.title",
        "actions.Action.number",
        "actions.ResponsiblePerson.name",
        "actions.Action.intro",
        "actions.Action.requested_items",
        "actions.Action.status_note",
        "actions.Action.timing",
    ],
    "correspondence-export": [
        "correspondence.Correspondence.sender",
        "correspondence.Correspondence.recipient",
        "correspondence.Correspondence.subject",
        "correspondence.Correspondence.reference",
    ],
    "complaint-export": [
        "correspondence.Complaint.concerning",
        "correspondence.Complaint.public_summary",
    ],
    "disclosure-export": [
        "correspondence.TransparencyDisclosure.member",
        "correspondence.TransparencyDisclosure.with_whom",
        "correspondence.TransparencyDisclosure.details",
    ],
    "report-export": ["correspondence.CommitteeReport.title"],
}


def csv_cells(content: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) >= 2
    return [cell for row in rows for cell in row]


def xlsx_cells(content: bytes) -> list:
    sheet = load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def assert_literal(cells: list[str], w: World, expected: list[str], where: str):
    """Each payload found is there in full, as typed; each expected field is there."""
    found = set()
    for cell in cells:
        for code in codes_in(cell):
            assert w.payloads[code] in cell, f"{where}: {code} altered in {cell!r}"
            found.add(code)
    missing = [name for name in expected if CODES[name] not in found]
    assert not missing, f"{where} lacks {missing}"
    assert CODES[CONFIDENTIAL] not in found, f"{where} exports confidential details"


@pytest.mark.parametrize("role", [roles.OFFICERS, roles.MONITORING])
def test_csv_exports_hold_the_payloads_literally(client, world, role):
    login(client, role)
    for name, expected in EXPORTS.items():
        response = client.get(reverse(name))
        if role == roles.MONITORING and response.status_code == 403:
            continue  # the Monitoring Officer keeps only the complaints register
        assert response.status_code == 200, name
        assert_literal(csv_cells(response.getvalue()), world["world"], expected, name)


def test_xlsx_export_holds_the_payloads_as_string_cells(officer_client, world):
    response = officer_client.get(reverse("action-export-xlsx"))
    cells = xlsx_cells(response.getvalue())
    for cell in cells:
        # Text, numbers (item numbers) and dates; never a formula.
        assert cell.data_type in ("s", "inlineStr", "n", "d"), cell.coordinate
        assert cell.data_type != "d" or cell.is_date
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert_literal(texts, world["world"], EXPORTS["action-export-csv"], "xlsx")


FORMULA = 'HYPERLINK("http://127.0.0.1/x","click")'


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_exported_cells_never_start_a_formula(officer_client, prefix):
    from tests.factories import (
        ActionFactory,
        CommitteeFactory,
        ComplaintFactory,
        CorrespondenceFactory,
        DisclosureFactory,
    )

    text = prefix + FORMULA
    committee = CommitteeFactory(name=text, slug="formula")
    ActionFactory(
        agenda_item__meeting__committee=committee, intro=text, status_note=text, timing=text
    )
    CorrespondenceFactory(committee=committee, subject=text, sender=text)
    ComplaintFactory(committee=committee, concerning=text, public_summary=text)
    DisclosureFactory(committee=committee, member=text, details=text)
    CommitteeReport.objects.create(
        committee=committee,
        title=text,
        responder=text,
        addressed_to=Organisation.objects.create(name=text, short_name=""),
    )
    for name in EXPORTS:
        cells = csv_cells(officer_client.get(reverse(name)).getvalue())
        assert ("'" + text) in cells, name
        assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    xlsx = officer_client.get(reverse("action-export-xlsx")).getvalue()
    cells = [c for row in load_workbook(io.BytesIO(xlsx)).active.iter_rows(min_row=2) for c in row]
    cells = [c for c in cells if isinstance(c.value, str)]  # not its dates and numbers
    # The text as typed (a workbook keeps line breaks as line feeds).
    assert [c.value for c in cells if c.value == text.replace("\r", "\n")]
    for cell in cells:
        assert cell.data_type == "s"
        assert cell.quotePrefix == cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_xlsx_export_survives_control_characters(officer_client):
    from tests.factories import ActionFactory

    # Word's manual line break (\x0b) pasted into a text box; a workbook may not hold it.
    ActionFactory(intro="Line one\x0bline two\x01", status_note="Note\x0c")
    response = officer_client.get(reverse("action-export-xlsx"))
    assert response.status_code == 200
    row = next(load_workbook(io.BytesIO(response.getvalue())).active.iter_rows(min_row=2))
    assert row[7].value == "Line oneline two" and row[9].value == "Note"

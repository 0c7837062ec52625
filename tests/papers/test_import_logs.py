"""Action logs of any layout: columns found by their header in any order, statuses as logs
write them, refusals that name the line and the cell and write nothing, text that cannot
be placed kept verbatim, large files in bounded time."""

import datetime as dt
import time

import pytest
from openpyxl import Workbook

from actions.models import Action
from meetings.models import AgendaItem, Committee, Meeting
from papers.importing.cells import PaperParseError
from papers.importing.columns import meeting_heading, read_header, read_status
from papers.importing.logs import parse_log
from papers.importing.services import paper_import
from papers.importing.summary import parse_summary
from tests.import_papers import paper_text

pytestmark = pytest.mark.django_db
D = dt.date


def write(tmp_path, text: str, name="log.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def nothing_written():
    return not (Committee.objects.exists() or Meeting.objects.exists() or Action.objects.exists())


@pytest.mark.parametrize(
    ("header", "fields"),
    [
        (
            ["Item No.", "Item Title", "Responsible Person", "Action(s)", "Status"],
            {"item": 0, "title": 1, "responsible": 2, "action": 3, "status": 4},
        ),
        (
            ["Action by", "Status", "Subject and action required", "Minute item"],
            {"responsible": 0, "status": 1, "action": 2, "item": 3},
        ),
        (
            ["Ref", "Description", "Owner", "Deadline", "Progress", "Comments"],
            {"ref": 0, "action": 1, "responsible": 2, "due": 3, "status": 4, "comments": 5},
        ),
        (
            ["Agenda item", "Actions", "Actionee", "Target date", "Update"],
            {"item": 0, "action": 1, "responsible": 2, "due": 3, "status": 4},
        ),
        (
            ["Relevant Item", "Action", "Responsibility", "Lead"],
            {"item": 0, "action": 1, "responsible": 2},
        ),
    ],
)
def test_columns_are_found_by_their_header_in_any_order(header, fields):
    layout = read_header(3, header)
    assert layout.fields == fields


def test_a_header_with_no_action_column_is_refused_naming_the_cells():
    with pytest.raises(PaperParseError) as caught:
        read_header(4, ["Ref", "Owner", "Widget", "Status"])
    message = str(caught.value)
    assert message.startswith("line 4: expected an action column")
    assert "cell 3 ('Widget')" in message


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Actions Arising from the Meeting Held on 22 March 2023", D(2023, 3, 22)),
        ("Meeting of 14 January 2021", D(2021, 1, 14)),
        ("Actions from meeting on 3 May 2022", D(2022, 5, 3)),
        ("Actions held over from previous meeting(s) on 25 October 2017", D(2017, 10, 25)),
        ("Actions held over from previous meetings on 25 October 2017", D(2017, 10, 25)),
        ("Parish Council meeting held on 12/03/2024", D(2024, 3, 12)),
        ("7. Question and Answer Session", None),
        ("The meeting of the Committee on 24 May 2023, a copy of the letter is attached.", None),
    ],
)
def test_meeting_headings(text, date):
    assert meeting_heading(text) == date


@pytest.mark.parametrize(
    ("text", "status", "note"),
    [
        (
            "Completed. This visit took place on 6 April 2023.",
            "completed",
            "This visit took place on 6 April 2023.",
        ),
        (
            "In progress. A follow up request was made on 11 February 2021.",
            "ongoing",
            "In progress. A follow up request was made on 11 February 2021.",
        ),
        ("Closed - no longer required", "closed", "no longer required"),
        ("Done", "completed", "Done"),
        ("", "ongoing", ""),
        ("Awaiting a reply from TfL", "ongoing", "Awaiting a reply from TfL"),
        ("Chased again", "ongoing", "Chased again"),
    ],
)
def test_statuses_as_logs_write_them(text, status, note):
    found = read_status(text)
    assert (found.status, found.note) == (status, note)


LOG = """Westmere Town Council – Action Log

Meeting of 2 February 2024
Ref\tAction\tOwner\tStatus
1\tPublish the budget. Status: completed\tClerk\t
2\tRepaint the bus shelter\tCllr Moss\tOpen

Note: the bus shelter is owned by the county.
"""


def test_a_log_keeps_what_it_cannot_place_verbatim():
    log = parse_log(LOG)
    [block] = log.blocks
    assert [r.status for r in block.rows] == ["completed", "ongoing"]
    assert block.rows[0].intro == "Publish the budget."
    assert [(u.line, u.text) for u in log.unplaced] == [
        (8, "Note: the bus shelter is owned by the county.")
    ]


def test_import_then_again_updates_instead_of_duplicating(tmp_path):
    path = write(tmp_path, LOG)
    first = paper_import(path=path)
    assert first.created["actions"] == 2 and first.kind == "log"
    assert Committee.objects.get().name == "Westmere Town Council"
    changed = write(tmp_path, LOG.replace("Cllr Moss\tOpen", "Cllr Moss\tCompleted"))
    second = paper_import(path=changed)
    assert second.created["actions"] == 0 and second.updated["actions"] == 1
    [update] = [a for g in second.outcomes for a in g.actions if a.outcome == "update"]
    assert ("Status", "ongoing", "completed") in update.changes
    assert Action.objects.count() == 2
    assert Action.objects.get(intro="Repaint the bus shelter").status == "completed"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "Task list\nFoo\tBar\tBaz\n1\t2\t3\n",
            r"^line 2: expected a header row naming the table's columns .* found 'Foo \| Bar",
        ),
        (
            "Log\nMeeting of 2 February 2024\nRef\tAction\tOwner\n",
            r"^line 3: expected at least one action under this header row",
        ),
        (
            "Log\nRef\tAction\tOwner\n1\tDo it\tClerk\n",
            r"^line 3: expected the meeting the action arose at",
        ),
        (
            "Log\nDate\tAction\tOwner\nsoon\tDo it\tClerk\n",
            r"^line 3: expected a date such as 22 March 2023 in the Date cell, found 'soon'",
        ),
        ("Dear Sir,\n\nThank you.\n", r"^line 1: expected a 'Summary List of Actions' paper"),
    ],
)
def test_refusals_name_the_line_and_write_nothing(tmp_path, text, message):
    with pytest.raises(PaperParseError, match=message):
        paper_import(path=write(tmp_path, text))
    assert nothing_written()


def test_a_sheet_refusal_names_the_sheet_row_and_cell(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.title = "Tracker"
    sheet.append(["Harbour Board actions"])
    sheet.append(["Date", "Action", "Owner"])
    sheet.append(["2024-01-09", "Survey the pontoon", "Harbour Master"])
    sheet.append(["next week", "Order the buoys", "Harbour Master"])
    book.save(tmp_path / "log.xlsx")
    with pytest.raises(PaperParseError, match=r"^sheet Tracker, row 4: expected a date .* 'next"):
        paper_import(path=tmp_path / "log.xlsx")
    assert nothing_written()


def test_control_characters_never_reach_the_database(tmp_path):
    path = tmp_path / "log.csv"
    path.write_bytes(
        b"Vale Parish Council action log\r\nMeeting of 5 May 2024\r\n"
        b"Agenda Item,Action,Councillor\r\n4. Paths,Clear the foot\x00path\x07,Cllr Dee\r\n"
    )
    paper_import(path=path)
    action = Action.objects.get()
    assert action.intro == "Clear the footpath"
    assert AgendaItem.objects.get().title == "Paths"


def test_five_megabytes_in_one_cell_are_imported_in_bounded_time(tmp_path):
    words = ("Provide the figures; and (status: <p see Appendix 1 - " * 90000)[: 5 * 1024 * 1024]
    path = write(
        tmp_path,
        "Tarn Valley Board action log\nMeeting of 1 March 2024\n"
        f"Item\tAction\tOwner\tStatus\n3. Finance\t{words}\tTreasurer\tOngoing\n",
    )
    start = time.perf_counter()
    paper_import(path=path, dry_run=True)
    assert time.perf_counter() - start < 10


def test_five_megabytes_of_rows_no_header_names_are_refused_in_bounded_time(tmp_path):
    rows = "".join(f"{n},alpha {n},beta {n},gamma\n" for n in range(260000))
    path = write(tmp_path, "Rows\n" + rows, "big.csv")
    assert path.stat().st_size > 5 * 1024 * 1024
    start = time.perf_counter()
    with pytest.raises(PaperParseError, match=r"^row 2: expected a header row"):
        paper_import(path=path)
    assert time.perf_counter() - start < 10


def test_item_rows_above_actions_that_repeat_the_item_number(tmp_path):
    path = tmp_path / "summary.csv"
    path.write_text(
        "Meeting of 14 January 2021\n"
        "Minute item,Subject and action required,Status,Action by\n"
        "7. Question and Answer Session with the Commissioner,,,\n"
        '7.,The Commissioner agreed to provide the figures.,In progress,"Commissioner, TfL"\n'
        "8.,Agree the work programme.,Completed,Committee Officer\n",
        encoding="utf-8",
    )
    paper_import(path=path, committee_slug="transport-committee")
    items = dict(AgendaItem.objects.values_list("number", "title"))
    assert items == {"7": "Question and Answer Session with the Commissioner", "8": "Item 8"}
    assert Committee.objects.get().slug == "transport-committee"
    statuses = dict(Action.objects.values_list("agenda_item__number", "status"))
    assert statuses == {"7": "ongoing", "8": "completed"}


def test_headers_of_unlisted_words_are_read_by_their_keywords(tmp_path):
    path = tmp_path / "log.csv"
    path.write_text(
        "Key,Meaning\nRed,Overdue\n\n"
        "Min Ref,Meeting,Agreed Action,Lead Officer(s),Target Completion Date,Latest Update\n"
        "12/24,3 December 2024,Publish the grant criteria.,Grants Officer,January 2025,Done\n",
        encoding="utf-8",
    )
    report = paper_import(path=path, committee_slug="grants-panel")
    action = Action.objects.get()
    assert (action.agenda_item.number, action.responsible_person.name) == (
        "12/24",
        "Grants Officer",
    )
    assert (action.status, action.timing) == ("completed", "January 2025")
    assert action.agenda_item.meeting.date == D(2024, 12, 3)
    assert [u.text for u in report.unplaced] == ["Key\tMeaning", "Red\tOverdue"]


def test_an_item_cell_merged_down_over_its_actions_gives_each_row_its_item():
    text = paper_text(
        [
            (
                "22 March 2023",
                [
                    "6\tIndependent Review\tDeputy Commissioner, MPS\tTo provide the survey.\t"
                    "Ongoing.",
                    "\t\tSenior Policy Adviser\tThat authority be delegated.\tClosed. Not used.",
                ],
            )
        ]
    )
    [block] = parse_summary(text).blocks
    assert [(r.item_number, r.item_title, r.person) for r in block.rows] == [
        ("6", "Independent Review", "Deputy Commissioner, MPS"),
        ("6", "Independent Review", "Senior Policy Adviser"),
    ]
    log = parse_log(
        "Log\nMeeting of 1 May 2024\nAgenda Item\tAction\tCouncillor\n"
        "4. Paths\tClear the footpath.\tCllr Dee\n\tMend the stile.\tCllr Roe\n",
        paged=False,
    )
    assert [(r.item_number, r.item_title) for r in log.blocks[0].rows] == [
        ("4", "Paths"),
        ("4", "Paths"),
    ]


def test_spreadsheet_short_dates_are_read():
    from papers.importing.logtable import cell_date

    assert cell_date("12-Mar-24") == D(2024, 3, 12)
    assert cell_date("3 Sept 2023") == D(2023, 9, 3)
    assert cell_date("next week") is None


def test_a_log_section_headed_by_a_date_alone():
    log = parse_log(
        "Abbotsford Scrutiny Panel actions\nTuesday 12 March 2024\nAction\tOwner\n"
        "Review the grant scheme.\tPanel Clerk\n12 April 2024\nAction\tOwner\n"
        "Invite the auditor.\tChair\n"
    )
    assert [(b.date, len(b.rows)) for b in log.blocks] == [(D(2024, 3, 12), 1), (D(2024, 4, 12), 1)]


def test_the_command_prints_each_meeting_of_a_log(tmp_path):
    import io

    from django.core.management import call_command

    out = io.StringIO()
    call_command("import_paper", str(write(tmp_path, LOG)), stdout=out)
    assert "Meeting of 2 February 2024: 2 actions (2 created, 0 updated, 0 unchanged)" in (
        out.getvalue()
    )


def test_a_log_whose_only_item_column_says_what_is_to_be_done():
    layout = read_header(2, ["Agenda Item", "Councillor", "Due Date", "Completed"])
    assert layout.fields == {"action": 0, "responsible": 1, "due": 2, "completed": 3}

"""Papers and logs of every layout the issue names, as text, Word and Word-made PDF (one
table per meeting, header row repeated on each page, rows split across pages), CSV and
XLSX: each format of a layout gives the same records, nothing unplaced, and importing it
again changes nothing."""

import datetime as dt
from pathlib import Path

import pytest

from actions.models import Action
from meetings.models import Committee, Meeting
from papers.importing.services import paper_import
from papers.models import Paper, PaperCorrespondence

pytestmark = pytest.mark.django_db
D = dt.date
LAYOUTS = Path(__file__).resolve().parent.parent / "fixtures" / "layouts"


def records() -> list[tuple]:
    """The register as a reader sees it, one tuple per action."""
    return sorted(
        (
            a.agenda_item.meeting.committee.name,
            a.agenda_item.meeting.date,
            a.agenda_item.number,
            a.agenda_item.title,
            str(a.responsible_person),
            a.intro,
            tuple(a.requested_items),
            a.status,
            a.status_note,
            a.timing,
            a.finished_on,
            a.number,
        )
        for a in Action.objects.select_related(
            "agenda_item__meeting__committee", "responsible_person__organisation"
        )
    )


def imported(name: str):
    report = paper_import(path=LAYOUTS / name)
    assert report.unplaced == [], report.unplaced
    return report


def by_meeting() -> dict[dt.date, int]:
    return {
        m.date: Action.objects.filter(agenda_item__meeting=m).count() for m in Meeting.objects.all()
    }


@pytest.mark.parametrize("suffix", ["txt", "docx", "pdf"])
def test_the_summary_list_with_two_letters_in_one_section_4_paragraph(suffix):
    report = imported(f"la_summary_list.{suffix}")
    assert report.kind == "summary"
    assert by_meeting() == {D(2022, 5, 11): 4, D(2022, 4, 6): 1, D(2022, 6, 15): 0}
    listed = Action.objects.get(intro="The Committee requested the following:")
    # The row Word split over three pages, its header repeated on each: one action.
    assert len(listed.requested_items) == 16
    assert listed.requested_items[-1].startswith("An update on the estates strategy")
    assert listed.status_note.endswith("before the next meeting of the Committee.")
    paper = Paper.objects.get()
    letters = PaperCorrespondence.objects.filter(paper=paper, in_additional_section=True)
    wording = sorted(pl.paragraph_text for pl in letters)
    assert wording == [
        "The Committee wrote to the Mayor on 20 April 2022 about the funding of cladding "
        "remediation, a copy of which is attached at Appendix 2.",
        "The Mayor wrote to the Chair on 13 May 2022 in reply, a copy of which is attached "
        "at Appendix 3.",
    ]
    assert "The Mayor wrote to the Chair on 13 May 2022" in paper.published_html
    assert "There is no additional correspondence to report" not in paper.published_html


@pytest.mark.parametrize("suffix", ["txt", "docx", "pdf"])
def test_the_meeting_of_layout_imports_its_actions(suffix):
    report = imported(f"la_meeting_of.{suffix}")
    assert report.kind == "summary"
    assert by_meeting() == {D(2021, 2, 10): 4, D(2021, 1, 14): 1, D(2021, 3, 10): 0}
    first = Action.objects.filter(agenda_item__meeting__date=D(2021, 2, 10))
    assert sorted({(a.agenda_item.number, a.agenda_item.title) for a in first}) == [
        ("6", "Question and Answer Session with the Commissioner for Transport"),
        ("7", "Work Programme"),
    ]
    chased = first.get(intro__startswith="During the course")
    assert chased.status == "ongoing" and chased.last_chased_on == D(2021, 3, 3)
    assert chased.status_note.startswith("In progress. A follow up request")
    assert first.get(agenda_item__number="7").status == "closed"
    assert len(first.get(intro="The Committee requested the following:").requested_items) == 16
    cycling = Action.objects.get(agenda_item__meeting__date=D(2021, 1, 14))
    assert cycling.requested_items == [
        "the list of Streetspace schemes removed since 2020; and",
        "the criteria used to review them.",
    ]


@pytest.mark.parametrize("suffix", ["txt", "docx", "pdf"])
def test_relevant_item_log_with_status_in_the_text_and_held_over_actions(suffix):
    report = imported(f"relevant_item.{suffix}")
    assert report.kind == "log"
    assert Paper.objects.count() == 0
    assert Committee.objects.get().name == "Northbridge Community Safety Partnership Board"
    assert by_meeting() == {D(2017, 12, 6): 3, D(2017, 10, 25): 1}
    agreed = Action.objects.get(agenda_item__number="5")
    assert (agreed.status, agreed.intro) == (
        "completed",
        "Agree the terms of reference of the working group.",
    )
    held = Action.objects.get(agenda_item__meeting__date=D(2017, 10, 25))
    assert held.agenda_item.title == "Hate crime"
    assert held.status == "ongoing"
    assert held.status_note == "in progress – awaiting data from the police"
    assert "Status" not in held.intro
    listed = Action.objects.get(responsible_person__name="Borough Commander")
    assert len(listed.requested_items) == 16
    assert listed.status_note == "in progress – the police will reply by January."


@pytest.mark.parametrize("suffix", ["txt", "docx", "pdf"])
def test_numbered_log_with_the_meeting_date_in_a_column(suffix):
    imported(f"numbered_log.{suffix}")
    assert by_meeting() == {D(2023, 1, 12): 2, D(2023, 3, 9): 1}
    shared = Action.objects.get(number="1")
    assert shared.status == "completed" and shared.finished_on == D(2023, 2, 2)
    assert shared.status_note == "Circulated by e-mail."
    assert shared.timing == "February 2023" and shared.due_date == D(2023, 2, 28)
    assert shared.agenda_item.title == "Winter Pressures Update"
    assert Action.objects.get(number="2").agenda_item == shared.agenda_item
    assert Action.objects.get(number="3").status == "ongoing"


@pytest.mark.parametrize("suffix", ["txt", "docx", "pdf", "csv"])
def test_parish_log(suffix):
    imported(f"parish.{suffix}")
    assert Committee.objects.get().name == "Little Haverley Parish Council"
    assert by_meeting() == {D(2024, 3, 7): 2, D(2024, 4, 4): 1}
    assert Action.objects.get(agenda_item__number="6").status == "completed"
    swings = Action.objects.get(agenda_item__number="8")
    assert (swings.status, str(swings.responsible_person)) == ("ongoing", "Cllr Whitfield")
    assert swings.due_date == D(2024, 4, 30)
    insurance = Action.objects.get(agenda_item__number="5")
    assert (insurance.status, insurance.finished_on) == ("completed", D(2024, 5, 15))


def test_xlsx_tracker_keeps_a_column_it_has_no_field_for_in_the_note():
    imported("xlsx_tracker.xlsx")
    assert Committee.objects.get().name == "Eastfield Borough Council Audit Committee"
    assert by_meeting() == {D(2023, 9, 19): 2, D(2023, 11, 28): 1}
    risk = Action.objects.get(number="A2")
    assert risk.status == "ongoing" and risk.status_note == "Open RAG: Amber"
    assert risk.timing == "December 2023" and risk.due_date == D(2023, 12, 31)
    done = Action.objects.get(number="A1")
    assert done.status == "completed" and done.status_note == "RAG: Green"


@pytest.mark.parametrize(
    "layout", ["la_summary_list", "la_meeting_of", "relevant_item", "numbered_log", "parish"]
)
def test_each_format_gives_the_same_records_and_a_second_import_changes_nothing(layout):
    seen = []
    for suffix in ("txt", "docx", "pdf"):
        imported(f"{layout}.{suffix}")
        seen.append(records())
        again = paper_import(path=LAYOUTS / f"{layout}.{suffix}")
        assert again.created["actions"] == 0 and again.updated["actions"] == 0
        assert again.action_counts == {"unchanged": sum(by_meeting().values())}
        assert records() == seen[-1]
        Action.all_objects.all().delete()
        PaperCorrespondence.objects.all().delete()
        Paper.all_objects.all().delete() if hasattr(Paper, "all_objects") else None
        Paper.objects.all().delete()
        Meeting.objects.all().delete()
    assert seen[0] == seen[1] == seen[2]


def test_a_table_drawn_without_borders_is_read_by_its_header_words():
    imported("la_meeting_of.txt")
    from_text = records()
    Action.all_objects.all().delete()
    Paper.objects.all().delete()
    Meeting.objects.all().delete()
    imported("la_meeting_of_borderless.pdf")
    assert records() == from_text


def test_sliver_columns_of_misaligned_borders_are_dropped_only_under_a_header():
    from papers.importing.pdftext import _without_slivers

    header = ["Item No.", None, "Item Title", "Responsible Person", "Action(s)", "Status"]
    row = ["6", "", "Review", "MPS", "To provide the survey.", "Ongoing."]
    assert _without_slivers([header, row]) == [
        ["Item No.", "Item Title", "Responsible Person", "Action(s)", "Status"],
        ["6", "Review", "MPS", "To provide the survey.", "Ongoing."],
    ]
    # A page holding only the end of a split row: its empty cells are its place.
    continued = [[None, None, None, "and the vetting figures.", None]]
    assert _without_slivers(continued) == continued


def test_the_meeting_heading_as_a_table_row_repeated_on_each_page():
    imported("la_summary_list.txt")
    from_text = records()
    Action.all_objects.all().delete()
    PaperCorrespondence.objects.all().delete()
    Paper.objects.all().delete()
    Meeting.objects.all().delete()
    imported("la_summary_list_heading_rows.pdf")
    assert records() == from_text

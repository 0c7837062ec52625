"""Summary Lists of other shapes: a table of another layout under one header, meeting
headings repeated on each page, "None" under the appendix list, section 4 paragraphs naming
several letters or none it can read."""

import datetime as dt

import pytest

from papers.importing.cells import PaperParseError
from papers.importing.summary import parse_summary
from tests.import_papers import paper_text

D = dt.date


def test_a_summary_list_whose_tables_cannot_be_read_is_refused_not_imported_empty():
    text = paper_text([]).replace(
        "3. Summary List of Actions\n",
        "3. Summary List of Actions\nTable 1 shows the actions arising from 4 May 2023\n",
    )
    with pytest.raises(PaperParseError, match=r"line \d+: expected an action table"):
        parse_summary(text)


def test_none_under_the_list_of_appendices_is_accepted():
    text = paper_text([("22 March 2023", [])]).replace(
        "5. Legal Implications",
        "List of appendices to this report:\n\nNone\n\n5. Legal Implications",
    )
    text = text.replace(
        "Item No.:\tItem Title\tResponsible Person\tAction(s)\tStatus\n",
        "Item No.:\tItem Title\tResponsible Person\tAction(s)\tStatus\n"
        "6\tReview\tMPS\tTo provide the survey.\tOngoing.\n",
    )
    paper = parse_summary(text)
    assert paper.action_count == 1 and paper.letters == []


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "The Committee wrote to the Mayor on 20 January 2021 about rough sleeping, a copy "
            "of which is attached at Appendix 2. The Mayor wrote to the Chairman on 10 "
            "February 2021 in reply, a copy of which is attached at Appendix 3.",
            [("sent", D(2021, 1, 20), 2), ("received", D(2021, 2, 10), 3)],
        ),
        (
            "On 24 March 2023, the Chairman wrote to the Mayor about knife crime, attached at "
            "Appendix 3, and on 2 April 2023 the Mayor replied, attached at Appendix 4.",
            [("sent", D(2023, 3, 24), 3)],
        ),
    ],
)
def test_a_section_4_paragraph_naming_several_letters_is_kept_verbatim(paragraph, expected):
    from papers.importing.letters import paragraph_letters

    letters = paragraph_letters(4, paragraph)
    assert [(x.direction, x.date, x.appendix) for x in letters] == expected
    assert " ".join(x.paragraph for x in letters) == paragraph


def test_a_section_4_paragraph_it_cannot_read_is_shown_not_dropped():
    text = paper_text(
        [("22 March 2023", ["6\tReview\tMPS\tTo provide the survey.\tOngoing."])],
        correspondence=["The Chairman met the Commissioner informally in April."],
    )
    paper = parse_summary(text)
    assert [(u.where, u.text) for u in paper.unplaced] == [
        ("section 4", "The Chairman met the Commissioner informally in April.")
    ]


def test_a_meeting_heading_repeated_with_the_header_on_each_page_continues_the_table():
    heading = "Actions Arising from the Meeting Held on 22 March 2023"
    header = "Item No.:\tItem Title\tResponsible Person\tAction(s)\tStatus"
    text = paper_text([]).replace(
        "3. Summary List of Actions\n",
        f"3. Summary List of Actions\n{heading}\n{header}\n"
        "6\tReview\tMPS\tThe Committee requested the following: • the survey;\tOngoing. "
        "Followed-up on\n"
        f"{heading}\n{header}\n"
        "\t\t\t• the vetting figures.\t4 May 2023.\n",
    )
    [block] = parse_summary(text).blocks
    [row] = block.rows
    assert row.requested_items == ["the survey;", "the vetting figures."]
    assert row.status_note == "Followed-up on 4 May 2023."


def test_a_summary_list_whose_header_comes_once_above_its_meetings_rows():
    text = paper_text([]).replace(
        "3. Summary List of Actions\n",
        "3. Summary List of Actions\n"
        "Minute item\tSubject and action required\tStatus\tAction by\n"
        "Meeting of 14 January 2021\t\t\t\n"
        "7. Question and Answer Session\t\t\t\n"
        "\tTo provide the stop and search figures.\tIn progress.\tCommissioner, MPS\n"
        "Meeting of 9 December 2020\t\t\t\n"
        "5. Knife Crime\t\t\t\n"
        "\tTo share the funding review.\tCompleted.\tChief Executive, MOPAC\n",
    )
    paper = parse_summary(text)
    assert [(b.date, [(r.item_number, r.item_title) for r in b.rows]) for b in paper.blocks] == [
        (D(2021, 1, 14), [("7", "Question and Answer Session")]),
        (D(2020, 12, 9), [("5", "Knife Crime")]),
    ]

"""The paper parser on what extracted text really looks like (no database)."""

import datetime as dt

import pytest

from papers.importing.cells import (
    PaperParseError,
    find_date_list,
    parse_date,
    split_action,
    timing_due_date,
)
from papers.importing.summary import parse_summary
from tests.import_papers import HEADER_ROW, paper_text, row

D = dt.date


def rows_of(text: str):
    return [r for block in parse_summary(text).blocks for r in block.rows]


def test_leftover_html_with_attributes_is_removed_and_li_are_items():
    action = (
        '<p class="x">The Committee requested the following:</p> '
        '<ul style="list-style-type: disc"><li class="item">Figures for 2022;</li>'
        "<li>Figures for 2023 &amp; 2024.</li></ul>"
    )
    [parsed] = rows_of(
        paper_text([("22 March 2023", [row("6", "Q&A", "MPS", action, "Ongoing.")])])
    )
    assert parsed.intro == "The Committee requested the following:"
    assert parsed.requested_items == ["Figures for 2022;", "Figures for 2023 & 2024."]


@pytest.mark.parametrize("glyph", ["•", "●", "▪", "\uf0b7", "\uf0a7", "-", "–"])
def test_bullet_glyphs_of_several_kinds_split_requested_items(glyph):
    intro, items = split_action(
        f"The Committee requested: {glyph} Details of A; {glyph} Figures for 2023-2025; and "
        f"{glyph} A re-joining policy."
    )
    assert intro == "The Committee requested:"
    assert items == ["Details of A;", "Figures for 2023-2025; and", "A re-joining policy."]


def test_items_run_together_on_one_line_split_on_semicolon_and():
    intro, items = split_action(
        '<p>The Committee requested the following:</p> <ul style="list-style-type: none"> '
        "Further information on the work MOPAC is doing; and A list of actions MOPAC is taking."
    )
    assert intro == "The Committee requested the following:"
    assert items == [
        "Further information on the work MOPAC is doing; and",
        "A list of actions MOPAC is taking.",
    ]


def test_plain_action_has_no_items():
    intro, items = split_action("That authority be delegated to the Chairman, in consultation.")
    assert items == [] and intro.startswith("That authority")


def test_table_broken_across_pages_rejoins_action_and_status_note():
    text = paper_text(
        [
            (
                "22 March 2023",
                [
                    row(
                        "7",
                        "Q&A Session",
                        "Deputy Commissioner, MPS",
                        "The Committee requested: • Details of A; • Details",
                        "Ongoing. Followed-up on 4",
                    ),
                    "Page 2 of 5",
                    HEADER_ROW,
                    "\t\t\tof B; and • Details of C.\tMay 2023.",
                    row("7", "Q&A Session", "Commissioner, MPS", "To provide X.", "Completed."),
                ],
            )
        ]
    )
    first, second = rows_of(text)
    assert first.requested_items == ["Details of A;", "Details of B; and", "Details of C."]
    assert (first.status, first.status_note) == ("ongoing", "Followed-up on 4 May 2023.")
    assert first.followed_up_on == D(2023, 5, 4)
    assert (second.person, second.status) == ("Commissioner, MPS", "completed")


def test_header_row_then_a_genuinely_new_row_for_the_same_item():
    text = paper_text(
        [
            (
                "22 March 2023",
                [
                    row("6", "Review", "MPS", "First action.", "Ongoing."),
                    HEADER_ROW,
                    row("6", "Review", "MPS", "Second action.", "Closed. Delegation not used."),
                ],
            )
        ]
    )
    first, second = rows_of(text)
    assert [first.intro, second.intro] == ["First action.", "Second action."]
    assert (second.status, second.status_note) == ("closed", "Delegation not used.")


def test_rows_whose_cells_wrap_onto_the_next_line():
    text = paper_text(
        [
            (
                "22 March 2023",
                [
                    "6\tIndependent Review of Prevent\tMPS\tTo arrange a visit to the",
                    "Operations Centre.\tCompleted. This visit took place",
                    "on 6 April 2023.",
                    row(
                        "9",
                        "Any Other Business",
                        "Senior Committee Officer",
                        "To respond.",
                        "Ongoing.",
                    ),
                ],
            )
        ]
    )
    first, second = rows_of(text)
    assert first.intro == "To arrange a visit to the Operations Centre."
    assert first.status_note == "This visit took place on 6 April 2023."
    assert second.item_number == "9"


def test_dates_in_several_forms():
    assert parse_date("22 March 2023") == D(2023, 3, 22)
    assert parse_date("4th June 2019") == D(2019, 6, 4)
    assert parse_date("4 June, 2019") == D(2019, 6, 4)
    assert parse_date("04/06/2019") == D(2019, 6, 4)
    assert parse_date("4 Sept 2019") == D(2019, 9, 4)
    assert find_date_list("Responses from the MPS, received 2 & 9 May 2023") == [
        D(2023, 5, 2),
        D(2023, 5, 9),
    ]
    assert timing_due_date("August/Sept 2022") == D(2022, 9, 30)
    assert timing_due_date("Completed") is None
    blocks = parse_summary(
        paper_text(
            [("4th June 2019", [row("5", "T", "MPS", "A.", "Ongoing.")])], date="4 July, 2019"
        )
    )
    assert blocks.blocks[0].date == D(2019, 6, 4) and blocks.date == D(2019, 7, 4)


def test_status_is_case_insensitive_and_anything_else_names_the_line():
    [parsed] = rows_of(
        paper_text([("22 March 2023", [row("5", "T", "MPS", "A.", "COMPLETED - see Item 8.")])])
    )
    assert (parsed.status, parsed.status_note) == ("completed", "see Item 8.")
    text = paper_text([("22 March 2023", [row("5", "T", "MPS", "A.", "Pending review")])])
    line = text.splitlines().index(row("5", "T", "MPS", "A.", "Pending review")) + 1
    with pytest.raises(PaperParseError, match=rf"line {line}: expected a status"):
        parse_summary(text)


def test_row_before_any_meeting_heading_is_refused_with_its_line():
    text = paper_text([]).replace(
        "3. Summary List of Actions\n", "3. Summary List of Actions\n" + HEADER_ROW + "\n"
    )
    with pytest.raises(PaperParseError, match=r"line \d+: expected an 'Actions Arising"):
        parse_summary(text)


@pytest.mark.parametrize(
    "text",
    [
        "Dear Sir,\n\nThank you for your letter.\n",
        "Subject: Mayor's Question Time\nReport to:\tPolice and Crime Committee\nDate:\t4 May 2023",
        "",
    ],
)
def test_not_a_paper_is_refused(text):
    with pytest.raises(PaperParseError, match="line 1: expected a 'Summary List of Actions'"):
        parse_summary(text)


def test_a_paper_with_no_actions_left_is_still_read():
    text = paper_text([])
    paper = parse_summary(text)
    assert paper.blocks == [] and paper.period_end == D(2023, 5, 9)


def test_header_period_correspondence_and_appendices():
    paper = parse_summary(
        paper_text(
            [("22 March 2023", [row("6", "T", "MPS", "A.", "Ongoing.")])],
            correspondence=[
                "On 24 March 2023, the former Chairman of the Committee invited the Mayor of "
                "London to attend the meeting, a copy of the letter is attached at **Appendix 3**."
            ],
            appendices=[
                "Responses from the MPS, received 2 & 9 May 2023",
                "Correspondence from Chief Executive, MOPAC, dated 4 May 2023",
                "Correspondence to the Mayor, dated 24 March 2023",
            ],
        )
    )
    assert (paper.report_to, paper.date) == ("Police and Crime Committee", D(2023, 5, 24))
    assert (paper.period_start, paper.period_end) == (D(2023, 3, 9), D(2023, 5, 9))
    summary = [(x.appendix, x.direction, x.date, x.party) for x in paper.letters]
    assert summary == [
        (1, "received", D(2023, 5, 2), "the MPS"),
        (1, "received", D(2023, 5, 9), "the MPS"),
        (2, "received", D(2023, 5, 4), "Chief Executive, MOPAC"),
        (3, "sent", D(2023, 3, 24), "the Mayor of London"),
    ]
    assert paper.letters[-1].in_additional_section
    assert paper.contact_officers[0].email == "lauren.harvey@london.gov.uk"


def test_page_furniture_between_rows_is_ignored_and_heading_variants_are_read():
    text = paper_text(
        [
            (
                "4th June, 2019",
                [
                    row("10(a)", "Q&A", "MPS", "To provide A.", "Ongoing. A follow up request"),
                    "City Hall, The Queen's Walk, London SE1 2AA",
                    "Enquiries: 020 7983 4100 minicom: 020 7983 4458 www.london.gov.uk",
                    "7",
                    "LONDONASSEMBLY",
                    HEADER_ROW,
                    "\t\t\t\tfor the actions was made on 8 June 2021.",
                ],
            )
        ]
    ).replace("Actions Arising from the Meeting Held on", "Actions arising from the meeting of")
    [parsed] = rows_of(text)
    assert parsed.item_number == "10(a)"
    assert parsed.status_note == "A follow up request for the actions was made on 8 June 2021."
    assert parsed.followed_up_on == D(2021, 6, 8)
    assert parse_summary(text).blocks[0].date == D(2019, 6, 4)


def test_annex_letter_variants():
    from papers.importing.annex import parse_annex

    letter = parse_annex(
        "Our ref: ABC-1\n\n3 February 2023\n\nDear Jo\n\nThis follows the meeting of the "
        "Finance and Change Oversight Board held on 19 December.\n\nYours sincerely,\n\nSam\n"
        "Sam Smith\nDeputy Mayor\n\nNo.\tActions\tDeadline\tOwner\n"
        "1\tMOPAC to share the plan.\tEnd of January 2023\tMOPAC\n"
        "2\tMPS to confirm the figures.\t4th March 2023\tMPS & MOPAC\n"
        "\tFor discussion in March.\t\t\n"
    )
    assert letter.board_name == "Finance and Change Oversight Board"
    assert letter.meeting_date == D(2022, 12, 19)
    assert [a.due_date for a in letter.actions] == [D(2023, 1, 31), D(2023, 3, 4)]
    assert letter.actions[1].leads == ["MPS", "MOPAC"]
    assert letter.actions[1].text == "MPS to confirm the figures. For discussion in March."


def test_continuation_row_that_lost_its_empty_leading_cells_is_right_aligned():
    text = paper_text(
        [
            (
                "22 March 2023",
                [
                    row(
                        "7",
                        "Q&A",
                        "MPS",
                        "The Committee requested: • A; • B",
                        "Ongoing. Followed-up on 4",
                    ),
                    HEADER_ROW,
                    "and more of B.\tMay 2023.",
                    row(
                        "8", "Work Programme", "Senior Policy Adviser", "That authority.", "Closed."
                    ),
                ],
            )
        ]
    )
    first, second = rows_of(text)
    assert first.requested_items == ["A;", "B and more of B."]
    assert first.status_note == "Followed-up on 4 May 2023."
    assert second.item_number == "8"


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "On 2 May 2023, the MPS responded to the Chairman's letter of 24 March 2023, a copy "
            "of which is attached at Appendix 1.",
            ("received", D(2023, 5, 2), "MPS", 1),
        ),
        (
            "On 11 June 2021, the Chairman wrote to the Deputy Mayor for Policing and Crime "
            "regarding knife crime; a copy of the letter is attached at Appendix 2.",
            ("sent", D(2021, 6, 11), "the Deputy Mayor for Policing and Crime", 2),
        ),
        (
            "On 4 May 2023, the Committee received a response from the Chief Executive, MOPAC, "
            "attached as Appendix 3.",
            ("received", D(2023, 5, 4), "the Chief Executive, MOPAC", 3),
        ),
        (
            "On 3rd March 2023 the Chair sent a letter to the Commissioner, MPS about vetting. "
            "This is attached at Appendix 4.",
            ("sent", D(2023, 3, 3), "the Commissioner, MPS", 4),
        ),
    ],
)
def test_correspondence_paragraph_direction_party_and_appendix(paragraph, expected):
    from papers.importing.letters import paragraph_letter

    letter = paragraph_letter(1, paragraph)
    assert (letter.direction, letter.date, letter.party, letter.appendix) == expected

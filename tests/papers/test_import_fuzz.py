"""The parsers either read a text or refuse it with their own error: never anything else."""

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from papers.importing.annex import parse_annex
from papers.importing.cells import PaperParseError, split_action
from papers.importing.report import parse_report
from papers.importing.summary import parse_summary
from tests.import_papers import HEADER_ROW, paper_text, row

FRAGMENTS = [
    "",
    "\t",
    "\t\t\t",
    HEADER_ROW,
    "Actions Arising from the Meeting Held on 22 March 2023",
    "Actions Arising from the Meeting Held on 31 February 2023",
    "Subject: Summary List of Actions",
    "Date:\t24 May 2023",
    "Date:\tsoon",
    "Report to:\tPolice and Crime Committee",
    "3. Summary List of Actions",
    "4. Additional Correspondence",
    "- 4.1 On 24 March 2023, the Chairman wrote to the MPS, attached at Appendix 9.",
    "List of appendices to this report:",
    "Appendix 1 – Responses from the MPS, received 2 & 9 May 2023",
    "Appendix 2 – ",
    "Subject and Action Required\tStatus\tResponsible Person\tDeadline",
    "<p>Transparency Procedure</p>\t<p>No disclosures for the period from 9 March to 1 May.</p>",
    "Contact Officer:\tA and B, Officers",
    "E-mail:\ta@example.org and b@example.org",
    "No.\tAction\tTiming\tLead",
    "1\tMPS to act.\tAugust/Sept 2022\tMPS and MOPAC",
    "Recommendation 1",
    "- a sub-point",
    "Page 2 of 3",
    row(
        "6", "T", "MPS", "<ul><li>A;</li><li>B</li></ul>", "Ongoing. Followed-up on 4th June 2019."
    ),
    row("", "", "", "continued", "note"),
    "6\tT\tMPS\tA wrapped",
    "cell\tClosed.",
    "• \uf0b7 ● - – ; and",
]

lines = st.lists(
    st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=40)), min_size=0, max_size=30
)


def parses_or_refuses(parser, text: str) -> None:
    try:
        parser(text)
    except PaperParseError as error:
        assert str(error).startswith(f"line {error.line}: expected ")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines)
def test_summary_parser_only_raises_its_own_error(parts):
    parses_or_refuses(parse_summary, "\n".join(parts))


@settings(max_examples=80, deadline=None)
@given(lines, st.integers(min_value=0, max_value=40))
def test_summary_parser_survives_damage_to_a_real_paper(parts, at):
    text = paper_text([("22 March 2023", [row("6", "T", "MPS", "A.", "Ongoing.")])]).split("\n")
    text[at:at] = parts
    parses_or_refuses(parse_summary, "\n".join(text))


@settings(max_examples=100, deadline=None)
@given(lines)
def test_annex_and_report_parsers_only_raise_their_own_error(parts):
    text = "\n".join(parts)
    parses_or_refuses(
        parse_annex, "20 July 2022\nthe Oversight Board meeting we held on 24 June\n" + text
    )
    parses_or_refuses(parse_report, text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_split_action_always_returns_text(text):
    intro, items = split_action(text)
    assert isinstance(intro, str) and all(isinstance(item, str) and item for item in items)

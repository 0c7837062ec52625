"""From records to the paper: the context, the HTML (one template for preview and PDF)
and the PDF."""

from dataclasses import dataclass
from itertools import groupby

from django.template.loader import render_to_string

from actions.models import Action
from actions.services import format_date
from actiontracker.pdf import html_to_pdf
from correspondence import paper_rows
from correspondence.models import Correspondence
from meetings.models import Meeting
from papers import appendices as appx
from papers import section_four, selectors
from papers.models import Paper

DOCUMENT_TEMPLATE = "papers/summary_document.html"
PAPER_TEMPLATE = "papers/summary_paper.html"


@dataclass
class Row:
    action: Action
    status: str


def join_words(words: list[str]) -> str:
    if len(words) <= 1:
        return "".join(words)
    return ", ".join(words[:-1]) + " and " + words[-1]


def correspondence_word(letters) -> str:
    """ "sent", "received" or "sent and received", from the letters of section 4."""
    directions = {pl.letter.direction for pl in letters if pl.in_additional_section}
    words = [
        word
        for direction, word in (
            (Correspondence.Direction.SENT, "sent"),
            (Correspondence.Direction.RECEIVED, "received"),
        )
        if direction in directions
    ]
    return " and ".join(words)


def generated_summary(paper: Paper) -> str:
    return (
        "This report updates the Committee on the progress made on actions arising from "
        f"previous meetings of the {paper.meeting.committee.name}."
    )


def generated_recommendation(actions: list[Action], letters) -> str:
    statuses = {a.status for a in actions}
    kinds = [
        word
        for status, word in (
            (Action.Status.COMPLETED, "completed"),
            (Action.Status.ONGOING, "outstanding"),
            (Action.Status.CLOSED, "closed"),
        )
        if status in statuses
    ]
    text = "That the Committee notes the "
    text += f"{join_words(kinds)} actions" if kinds else "actions"
    text += " arising from its previous meetings"
    word = correspondence_word(letters)
    if word:
        text += f", and the additional correspondence {word}"
    return text + "."


def complaints_status(paper, complaints, start, end) -> list[str]:
    if paper.complaints_status_text.strip():
        return _paragraphs(paper.complaints_status_text)
    return paper_rows.complaints_status_paragraphs(complaints, start, end)


def transparency_status(paper, disclosures, start, end) -> list[str]:
    if paper.transparency_status_text.strip():
        return _paragraphs(paper.transparency_status_text)
    return paper_rows.disclosures_status_paragraphs(disclosures, start, end)


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def correspondence_paragraphs(letters, numbers) -> list[tuple[str, str, str]]:
    """Section 4: one paragraph per letter chosen for it, ending with its appendix."""
    return [
        section_four.paragraph(pl.letter, numbers[pl.letter.pk].number, pl.paragraph_text)
        for pl in letters
        if pl.in_additional_section
    ]


def section_four_paragraphs(paper: Paper, letters, numbers) -> list[tuple[str, str, str]]:
    """Section 4 as the paper shows it, each paragraph (text before, appendix, text after):
    the paper's own text before the letters, the letters' paragraphs, its own text after
    them, then the closing "asked to note" line, or "There is no additional correspondence"
    when there is nothing else."""
    before = [(text, "", "") for text in _paragraphs(paper.additional_correspondence_intro)]
    after = [(text, "", "") for text in _paragraphs(paper.additional_correspondence_text)]
    found = correspondence_paragraphs(letters, numbers)
    shown = before + found + after
    if found:
        word = correspondence_word(letters)
        shown.append((f"The Committee is asked to note the correspondence {word}.", "", ""))
    elif not shown:
        shown.append(("There is no additional correspondence to report.", "", ""))
    return shown


@dataclass
class SectionFourText:
    """A letter of section 4 as the edit page offers it: the generated paragraph and the
    one the paper shows now (the officer's, once edited)."""

    letter: Correspondence
    generated: str
    shown: str
    edited: bool


def section_four_texts(paper: Paper) -> list[SectionFourText]:
    """The paragraphs of a saved paper's section 4, in paper order."""
    letters = selectors.paper_letters(paper)
    actions = selectors.paper_actions(paper)
    numbers = appx.appendix_of(appx.number_appendices(actions, letters))
    texts = []
    for pl in letters:
        if not pl.in_additional_section:
            continue
        number = numbers[pl.letter.pk].number
        generated = section_four.paragraph_text(section_four.paragraph(pl.letter, number))
        shown = section_four.paragraph(pl.letter, number, pl.paragraph_text)
        edited = bool(pl.paragraph_text.strip())
        texts.append(
            SectionFourText(pl.letter, generated, section_four.paragraph_text(shown), edited)
        )
    return texts


def paper_context(paper: Paper) -> dict:
    """Everything the paper template shows, read in a fixed number of queries."""
    actions = selectors.paper_actions(paper)
    letters = selectors.paper_letters(paper) if paper.pk else []
    start, end = selectors.paper_period(paper)
    if paper.pk is None:
        letters = [
            selectors.PaperLetter(letter, i, letter.direction == Correspondence.Direction.SENT)
            for i, letter in enumerate(selectors.default_letters(paper, start, end))
        ]
    appendices = appx.number_appendices(actions, letters)
    numbers = appx.appendix_of(appendices)
    rows = [Row(a, appx.status_with_appendix(a, letters, numbers)) for a in actions]
    blocks = [
        (format_date(meeting.date), list(block))
        for meeting, block in groupby(rows, key=lambda r: r.action.agenda_item.meeting)
    ]
    committee = paper.meeting.committee
    return {
        "paper": paper,
        "draft": not paper.is_published,
        "committee": committee,
        "report_to": paper.report_to or committee.name,
        "report_of": paper.report_of or committee.report_of,
        "meeting_date": format_date(paper.meeting.date),
        "summary_paragraphs": _paragraphs(paper.summary_text) or [generated_summary(paper)],
        "recommendation_paragraphs": _paragraphs(paper.recommendation_text)
        or [generated_recommendation(actions, letters)],
        "blocks": blocks,
        "complaints_status": complaints_status(
            paper, selectors.complaints_in_period(paper, start, end), start, end
        ),
        "transparency_status": transparency_status(
            paper, selectors.disclosures_in_period(paper, start, end), start, end
        ),
        "section_four_paragraphs": section_four_paragraphs(paper, letters, numbers),
        "appendices": appendices,
        "legal_paragraphs": _paragraphs(paper.legal_text),
        "financial_paragraphs": _paragraphs(paper.financial_text),
        "background_paragraphs": _paragraphs(paper.background_papers) or ["None"],
        "contact_officers": selectors.contact_officers(paper),
        "period_start": start,
        "period_end": end,
    }


def render_paper_html(paper: Paper) -> str:
    """The paper as a standalone HTML document (the PDF's source)."""
    return render_to_string(DOCUMENT_TEMPLATE, paper_context(paper))


def render_paper_pdf(paper: Paper) -> bytes:
    """The paper as a tagged PDF."""
    return html_to_pdf(render_paper_html(paper))


@dataclass
class PublishedCopy:
    """What a paper shows at the moment it is published: its HTML (the page shows it, the
    PDF is made from it), the actions it lists, and those of them it reports finished."""

    html: str
    action_ids: list[int]
    finished: list[Action]


def published_copy(paper: Paper) -> PublishedCopy:
    """The paper as the records show it now, to be frozen."""
    context = paper_context(paper)
    actions = [row.action for _, rows in context["blocks"] for row in rows]
    return PublishedCopy(
        html=render_to_string(PAPER_TEMPLATE, context),
        action_ids=[a.pk for a in actions],
        finished=[a for a in actions if a.status != Action.Status.ONGOING],
    )


def published_document(paper: Paper, html: str, *, pack: bool = False) -> str:
    """The standalone document (the PDF's source) around a paper's published HTML."""
    committee = paper.meeting.committee
    return render_to_string(
        DOCUMENT_TEMPLATE,
        {
            "paper": paper,
            "report_to": paper.report_to or committee.name,
            "report_of": paper.report_of or committee.report_of,
            "meeting_date": format_date(paper.meeting.date),
            "published_html": html,
            "pack": pack,
        },
    )


def paper_for_meeting(meeting: Meeting) -> Paper:
    """The meeting's summary paper, or an unsaved one with the defaults."""
    paper = (
        Paper.objects.filter(meeting=meeting, kind=Paper.Kind.SUMMARY)
        .select_related("meeting__committee")
        .first()
    )
    return paper or Paper(meeting=meeting, kind=Paper.Kind.SUMMARY)


def summary_html(meeting: Meeting) -> str:
    """The registry's renderer for ``--paper summary``."""
    return render_paper_html(paper_for_meeting(meeting))


def paper_filename(paper: Paper, suffix: str = "summary-list-of-actions") -> str:
    return f"{paper.meeting.date:%Y-%m-%d}-{suffix}.pdf"

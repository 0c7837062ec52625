"""Section 4 of the paper (Additional Correspondence): one paragraph per letter chosen for
it, in the papers' English ("On 30 September 2026, the Deputy Mayor for Policing and Crime
wrote to the Chair of the Police and Crime Committee about …"), ending with the letter's
appendix. An officer may replace a letter's wording for one paper (``paragraph_text``)."""

import re

from actions.services import format_date
from correspondence.models import Correspondence
from papers.appendices import APPENDIX_IN_NOTE, letter_day

# A party whose name starts with one of these is a post ("the Chair of …"); any other is
# a named person or body, written as it is ("Baroness Casey", "Sophie Linden").
POST_WORDS = frozenset(
    {
        "acting",
        "assistant",
        "borough",
        "chair",
        "chairman",
        "chairperson",
        "chairwoman",
        "chief",
        "clerk",
        "commander",
        "commissioner",
        "deputy",
        "director",
        "executive",
        "head",
        "interim",
        "leader",
        "mayor",
        "member",
        "minister",
        "monitoring",
        "president",
        "secretary",
        "vice",
    }
)


def party(name: str) -> str:
    """A sender or recipient as the middle of a sentence: a post gets "the"."""
    name = " ".join(name.split())
    first = name.split(" ", 1)[0].rstrip(",").lower() if name else ""
    if first == "the":
        return "the" + name[3:]
    if first in POST_WORDS:
        return f"the {name}"
    return name


def about(subject: str) -> str:
    """ "about “Response to the Committee’s report, …”" (empty without a subject)."""
    subject = " ".join(subject.split()).strip(" .,;:")
    return f" about “{subject}”" if subject else ""


def generated_wording(letter: Correspondence) -> str:
    """The sentence the records give, without the appendix: the letter's own summary when
    it has one (an imported paper's paragraph, kept verbatim), else who wrote to whom."""
    summary = letter.summary.strip().rstrip(".")
    if summary:
        # It follows "On <date>, ": a leading "The" goes lower case, the rest is as written.
        return "the" + summary[3:] if summary.startswith("The ") else summary
    return f"{party(letter.sender)} wrote to {party(letter.recipient)}{about(letter.subject)}"


def paragraph(letter: Correspondence, number: int, edited: str = "") -> tuple[str, str, str]:
    """(text before, "Appendix N", text after): the reference is shown in bold.

    An edited paragraph is the officer's words: an "Appendix N" in it is renumbered to
    agree with the paper, and one without gets the appendix sentence added.
    """
    reference = f"Appendix {number}"
    edited = edited.strip()
    if edited:
        found = APPENDIX_IN_NOTE.search(edited)
        if found:
            return edited[: found.start()], reference, edited[found.end() :]
        if not edited.endswith((".", "!", "?")):
            edited += "."
        return f"{edited} A copy of the letter is attached at ", reference, "."
    if letter.summary.strip():
        # The papers' own form, kept for summaries written (or imported) in it.
        day = format_date(letter_day(letter))
        return (
            f"On {day}, {generated_wording(letter)}, a copy of the letter is attached at ",
            reference,
            ".",
        )
    received = ""
    if letter.received_on and letter.received_on != letter.date:
        received = f", received on {format_date(letter.received_on)},"
    before = f"On {format_date(letter.date)}, {generated_wording(letter)}. "
    before += f"A copy of the letter{received} is attached at "
    return before, reference, "."


def paragraph_text(parts: tuple[str, str, str]) -> str:
    """The paragraph as one plain string (what the edit form offers to change)."""
    return re.sub(r"\s+", " ", "".join(parts)).strip()

"""Letters a Summary List of Actions names: section 4 paragraphs and the appendix list."""

import datetime
import re
from dataclasses import dataclass

from papers.importing.cells import (
    PaperParseError,
    find_date_list,
    find_dates,
    parse_date,
)

APPENDIX_RE = re.compile(r"^\s*appendix\s+(\d+)\s*[–—:-]?\s*(.*)$", re.I)
SENT_VERBS = (
    r"invited|wrote to|has written to|sent (?:a letter|correspondence|an email) to|asked|requested"
)


@dataclass
class LetterData:
    """A letter named in the Additional Correspondence section or the appendix list."""

    line: int
    direction: str  # "sent" or "received"
    date: datetime.date | None  # None until the appendix list or the paper gives it
    party: str
    subject: str
    summary: str = ""
    appendix: int | None = None
    in_additional_section: bool = False
    paragraph: str = ""  # the paper's own section 4 wording, kept verbatim when not "On …,"


@dataclass
class SectionFour:
    """Section 4 as read: its letters, and its other paragraphs (with their lines),
    verbatim, which the paper keeps as its own section 4 text: those before the first
    letter's paragraph, and the others."""

    letters: list[LetterData]
    before: list[tuple[int, str]]
    after: list[tuple[int, str]]


def read_section_four(texts: list[tuple[int, str]]) -> SectionFour:
    """The letters of section 4's paragraphs and the paragraphs that name none, leaving
    out the closing lines the paper writes itself ("There is no additional
    correspondence…"; "… asked to note the correspondence…" when there are letters)."""
    found = SectionFour([], [], [])
    for number, text in texts:
        letters = paragraph_letters(number, text)
        if letters:
            found.letters.extend(letters)
        elif "no additional correspondence" not in text.lower():
            (found.after if found.letters else found.before).append((number, text))
    if found.letters:
        found.after = [(n, text) for n, text in found.after if "asked to note" not in text.lower()]
    return found


_ON_DATE_RE = re.compile(r"^on\s+([^,]+?\d{4}),?\s+(.*)$", re.I)
# The mention ends the paragraph: found from its end ("attached at Appendix 2."), then its
# opening words are looked for before it. In one pattern, each "copy of" of a long paragraph
# scanned to its end, quadratic.
_ATTACHED_RE = re.compile(r"attached\s+(?:at|as)\s+appendix\s+(\d+)\.?\s*$", re.I)
_ATTACHED_OPENING_RE = re.compile(
    r"[,;.]?\s*(?:and\s+)?(?:(?:a\s+)?cop(?:y|ies)\s+of\s+.*?|this\s+|which\s+|it\s+)?"
    r"(?:is\s+|are\s+)?$",
    re.I,
)
_SENDER_RE = re.compile(r"\b(?:chair(?:man|woman)?|committee)\b", re.I)
_SENT_RE = re.compile(rf"\b({SENT_VERBS})\s+(.+)", re.I)
# Where the other party's name ends: a verb's complement, punctuation, or a comma that is not
# followed by an organisation's short name ("the Chief Executive, MOPAC").
_PARTY_END = (
    r"(?:\s+(?:to|regarding|about|asking|requesting|seeking|concerning|following|on|"
    r"attached|dated)\b|,(?!\s*[A-Z][A-Za-z]*[A-Z]\b)|[;.]|$)"
)


def paragraph_letter(number: int, text: str) -> LetterData | None:
    text = " ".join(text.split())  # no run of spaces for the patterns to split every way
    match = _ON_DATE_RE.match(text)
    if not match:
        return None
    date = parse_date(match.group(1))
    if date is None:
        return None
    body = match.group(2).strip()
    appendix = None
    mention = _appendix_mention(body)
    if mention:
        appendix, start = mention
        body = body[:start].strip()
    else:
        loose = re.search(r"appendix\s+(\d+)", body, re.I)
        appendix = int(loose.group(1)) if loose else None
    body = body.rstrip(" .,;")
    # The verb after the first "Chairman" or "Committee": one search each, not the verb
    # looked for after every one of them.
    sender = _SENDER_RE.search(body)
    sent = _SENT_RE.search(body, sender.end()) if sender else None
    received = re.search(r"\b(?:received|responded|replied)\b", body, re.I)
    if sent and not (received and received.start() < sender.start()):
        party = _party(sent.group(2))
        direction = "sent"
    else:
        party_match = re.search(rf"\bfrom\s+(.+?){_PARTY_END}", body)
        party = party_match.group(1) if party_match else ""
        if not party:
            lead = re.match(r"^(?:the\s+)?(.+?)\s+(?:wrote|responded|replied|sent)\b", body, re.I)
            party = lead.group(1) if lead else ""
        direction = "received"
    return LetterData(
        line=number,
        direction=direction,
        date=date,
        party=party.strip() or "Unknown",
        subject=_subject(body),
        summary=body,
        appendix=appendix,
        in_additional_section=True,
    )


def _appendix_mention(body: str) -> tuple[int, int] | None:
    """The appendix an ending such as ", a copy of which is attached at Appendix 2." names,
    and where that ending starts."""
    attached = _ATTACHED_RE.search(body)
    if attached is None:
        return None
    opening = _ATTACHED_OPENING_RE.search(body, 0, attached.start())
    return int(attached.group(1)), opening.start() if opening else attached.start()


def _party(text: str) -> str:
    # "the Mayor of London to attend the meeting …" -> "the Mayor of London"
    match = re.match(rf"(.+?){_PARTY_END}", text)
    return (match.group(1) if match else text).strip()


def _subject(body: str) -> str:
    text = body[0].upper() + body[1:] if body else "Letter"
    return text if len(text) <= 500 else text[:497] + "…"


def add_appendix_letters(
    letters: list[LetterData], appendix_lines: list[tuple[int, str]], paper_date: datetime.date
) -> None:
    """Add the letters of the appendix list, merged with those section 4 names."""
    by_appendix = {letter.appendix: letter for letter in letters if letter.appendix}
    for number, text in appendix_lines:
        match = APPENDIX_RE.match(text)
        if not match:
            raise PaperParseError(number, "an appendix line such as 'Appendix 1 – …'", text)
        appendix = int(match.group(1))
        description = " ".join(match.group(2).split()).rstrip(".")
        existing = by_appendix.get(appendix)
        dates = find_date_list(description) or find_dates(description)
        if existing is not None:
            existing.subject = description or existing.subject
            if existing.date is None:
                existing.date = dates[0] if dates else paper_date
            continue
        lowered = description.lower()
        direction = "sent" if re.search(r"\b(?:to|sent)\b", lowered.split(",")[0]) else "received"
        if re.search(r"\b(?:response|responses|reply|replies|from)\b", lowered.split(",")[0]):
            direction = "received"
        party_match = re.search(
            r"\b(?:from|to)\s+(.+?)(?:,\s*(?:received|dated|sent)\b|\s+(?:received|dated)\b|$)",
            description,
            re.I,
        )
        party = party_match.group(1).strip() if party_match else description
        if not dates:
            dates = [paper_date]
        for date in dates:
            letters.append(
                LetterData(
                    line=number,
                    direction=direction,
                    date=date,
                    party=party,
                    subject=description or f"Appendix {appendix}",
                    appendix=appendix,
                )
            )
    for letter in letters:
        if letter.date is None:
            letter.date = paper_date  # named in section 4 with no date, not in the list
    letters.sort(key=lambda letter: (letter.appendix is None, letter.appendix or 0))


# Where one letter's sentence ends in a paragraph naming several: after its "Appendix N".
_MENTION_END_RE = re.compile(r"\bappendix\s+\d+\s*\*{0,2}\s*\.?(?=\s+[A-Z(]|\s*$)", re.I)
_LOOSE_SENT_RE = re.compile(
    r"^(?:on\s+[^,]{4,40},\s*)?(?:the\s+)?(?:former\s+|deputy\s+)?(?:chair(?:man|woman)?|"
    r"committee)\b[^.]{0,80}?\b(?:wrote|has\s+written|sent|invited|asked|requested)\b",
    re.I,
)
_LOOSE_TO_RE = re.compile(rf"\b(?:wrote|written|sent\s+\w+(?:\s+\w+)?)\s+to\s+(.+?){_PARTY_END}")
_LOOSE_FROM_RE = re.compile(
    r"^(?:on\s+[^,]{4,40},\s*)?(?:the\s+)?(.{2,120}?)\s+(?:wrote|has\s+written|responded|"
    r"replied|sent)\b",
    re.I,
)


def paragraph_letters(number: int, text: str) -> list[LetterData]:
    """The letters a section 4 paragraph names: one ("On 24 March 2023, the Chairman wrote
    to …, attached at Appendix 3."), or several in one paragraph ("The Committee wrote to
    the Mayor … attached at Appendix 3. The Mayor wrote to the Chairman … attached at
    Appendix 4."). A letter not written "On <date>, …" keeps the paper's sentence verbatim
    as its section 4 wording. [] when the paragraph names no letter it can read."""
    text = " ".join(text.replace("**", "").split())
    parts, start = [], 0
    for match in _MENTION_END_RE.finditer(text):
        parts.append(text[start : match.end()].strip())
        start = match.end()
    if text[start:].strip():
        parts.append(text[start:].strip())
    if len(parts) <= 1:
        letter = paragraph_letter(number, text) or _loose_letter(number, text)
        named = re.findall(r"\bappendix\s+(\d+)", text, re.I)
        if letter and len(set(named)) > 1:
            # Several letters in a sentence it cannot split: the first is this one, the
            # paragraph kept as written (the others come from the appendix list).
            letter.paragraph, letter.appendix = text, int(named[0])
        return [letter] if letter else []
    letters = []
    for part in parts:
        letter = paragraph_letter(number, part) or _loose_letter(number, part)
        if letter is None:
            return []  # a sentence it cannot read: the caller keeps the paragraph whole
        letter.paragraph = part
        letters.append(letter)
    return letters


def _loose_letter(number: int, text: str) -> LetterData | None:
    """A letter written in other words, found by its appendix: who wrote to whom, the date
    if the sentence gives one; the sentence itself kept as the section 4 wording."""
    mention = re.search(r"\bappendix\s+(\d+)", text, re.I)
    if mention is None:
        return None
    dates = find_dates(text)
    if _LOOSE_SENT_RE.search(text):
        direction = "sent"
        to = _LOOSE_TO_RE.search(text)
        party = to.group(1) if to else ""
    else:
        direction = "received"
        sender = _LOOSE_FROM_RE.search(text)
        party = sender.group(1) if sender else ""
    ending = _appendix_mention(text.rstrip(" .*") + ".")
    body = text[: ending[1] if ending else mention.start()].rstrip(" ,;.")
    return LetterData(
        line=number,
        direction=direction,
        date=dates[0] if dates else None,
        party=party.strip(" ,") or "Unknown",
        subject=_subject(body),
        appendix=int(mention.group(1)),
        in_additional_section=True,
        paragraph=text,
    )

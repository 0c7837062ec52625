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
    date: datetime.date
    party: str
    subject: str
    summary: str = ""
    appendix: int | None = None
    in_additional_section: bool = False


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
        if existing is not None:
            existing.subject = description or existing.subject
            continue
        dates = find_date_list(description) or find_dates(description)
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
    letters.sort(key=lambda letter: (letter.appendix is None, letter.appendix or 0))

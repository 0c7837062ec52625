"""Appendices of the paper: which letters, grouped how, numbered in order of first mention,
and worded like the papers ("Appendix 1 – Responses from the MPS, received 2 & 9 May 2023")."""

import datetime as dt
import re
from dataclasses import dataclass, field

from actions.models import Action
from actions.services import format_date
from correspondence.models import Correspondence
from papers import selectors
from papers.models import Paper
from papers.selectors import PaperLetter

APPENDIX_IN_NOTE = re.compile(r"Appendix\s*\d+", re.IGNORECASE)


@dataclass
class Appendix:
    """One appendix: one letter, or several received from the same sender or organisation."""

    number: int
    letters: list[Correspondence] = field(default_factory=list)

    @property
    def title(self) -> str:
        return appendix_title(self.letters)

    @property
    def heading(self) -> str:
        return f"Appendix {self.number} – {self.title}"


def letter_day(letter: Correspondence) -> dt.date:
    """The date the paper gives a letter: received on, for replies; dated, for the rest."""
    if letter.direction == Correspondence.Direction.RECEIVED and letter.received_on:
        return letter.received_on
    return letter.date


def format_dates(dates: list[dt.date]) -> str:
    """ "2 & 9 May 2023", "28 April & 2 May 2023", "30 December 2022 & 4 January 2023"."""
    dates = sorted(set(dates))
    parts = []
    for i, day in enumerate(dates):
        nxt = dates[i + 1] if i + 1 < len(dates) else None
        if nxt and (nxt.year, nxt.month) == (day.year, day.month):
            parts.append(str(day.day))
        elif nxt and nxt.year == day.year:
            parts.append(f"{day.day} {day:%B}")
        else:
            parts.append(format_date(day))
    if len(parts) == 1:
        return parts[0]
    return ", ".join(parts[:-1]) + " & " + parts[-1]


def organisation_phrase(letter: Correspondence) -> str:
    org = letter.organisation
    if org is None:
        return letter.sender
    if org.short_name and org.short_name.isupper():
        return f"the {org.short_name}"  # "the MPS", "the VRU"
    return org.name


def appendix_title(letters: list[Correspondence]) -> str:
    """ "dated" gives the date a letter bears, "received" the day it arrived; a reply
    received the day it is dated says only the one that matters."""
    first = letters[0]
    dated = format_dates([x.date for x in letters])
    if first.direction == Correspondence.Direction.SENT:
        return f"Correspondence to {first.recipient}, dated {dated}"
    arrived = [x.received_on or x.date for x in letters]
    late = any(x.received_on and x.received_on != x.date for x in letters)
    if len(letters) == 1:
        title = f"Correspondence from {first.sender}, dated {dated}"
        return f"{title}, received {format_dates(arrived)}" if late else title
    if not any(x.received_on for x in letters):
        return f"Responses from {organisation_phrase(first)}, dated {dated}"
    title = f"Responses from {organisation_phrase(first)}"
    if late:
        title += f", dated {dated}"
    return f"{title}, received {format_dates(arrived)}"


def group_key(letter: Correspondence) -> tuple:
    # Letters received from one organisation (or one sender) share an appendix; letters
    # sent each get their own, as each is a paragraph of section 4.
    if letter.direction == Correspondence.Direction.RECEIVED:
        return ("received", letter.organisation_id or letter.sender.strip().lower())
    return ("sent", letter.pk)


def mentions(action: Action, letter: PaperLetter, assume: set[int]) -> bool:
    if action.pk not in letter.answers:
        return False
    return action.pk in assume or bool(APPENDIX_IN_NOTE.search(action.status_note))


def number_appendices(
    actions: list[Action], letters: list[PaperLetter], assume: frozenset[int] = frozenset()
) -> list[Appendix]:
    """Appendices numbered in order of first mention: the actions' status notes in paper
    order, then the paragraphs of section 4, then any other letter chosen, in its order."""
    groups: dict[tuple, Appendix] = {}
    order: list[Appendix] = []

    def mention(letter: Correspondence):
        key = group_key(letter)
        appendix = groups.get(key)
        if appendix is None:
            appendix = groups[key] = Appendix(number=len(order) + 1)
            order.append(appendix)
        if letter not in appendix.letters:
            appendix.letters.append(letter)

    answering = [pl for pl in letters if pl.answers]
    for action in actions:
        for pl in answering:
            if mentions(action, pl, assume):
                mention(pl.letter)
    for pl in letters:
        if pl.in_additional_section:
            mention(pl.letter)
    for pl in letters:
        mention(pl.letter)
    for appendix in order:
        appendix.letters.sort(key=lambda x: (letter_day(x), x.pk))
    return order


def appendix_of(appendices: list[Appendix]) -> dict[int, Appendix]:
    """Letter id -> its appendix."""
    return {letter.pk: a for a in appendices for letter in a.letters}


def status_with_appendix(action: Action, letters: list[PaperLetter], numbers: dict) -> str:
    """The Status cell, with "Appendix N" made to agree with this paper's numbering."""
    text = action.status_text
    for pl in letters:
        if action.pk in pl.answers and pl.letter.pk in numbers:
            number = numbers[pl.letter.pk].number
            return APPENDIX_IN_NOTE.sub(f"Appendix {number}", text)
    return text


def next_paper(letter: Correspondence) -> Paper | None:
    """The committee's next summary paper still in draft: the one the letter will go into."""
    return (
        Paper.objects.filter(
            kind=Paper.Kind.SUMMARY,
            status=Paper.Status.DRAFT,
            meeting__committee_id=letter.committee_id,
            meeting__date__gte=letter_day(letter),
        )
        .select_related("meeting__committee")
        .order_by("meeting__date")
        .first()
    )


def next_appendix_number(letter: Correspondence, actions: list[Action] | None = None) -> int:
    """The number ``letter`` gets in the next paper, counting the actions it answers (and
    ``actions``, about to be completed with it) as mentions."""
    paper = next_paper(letter)
    assume = {a.pk for a in actions or []}
    if paper is None:
        # No draft yet: the next paper will start from the letters not yet published.
        pending = Correspondence.objects.filter(committee_id=letter.committee_id).exclude(
            papers__status=Paper.Status.PUBLISHED
        )
        keys = []
        for other in pending.filter(date__lte=letter.date).order_by("date", "id"):
            if group_key(other) not in keys:
                keys.append(group_key(other))
        key = group_key(letter)
        return keys.index(key) + 1 if key in keys else len(keys) + 1
    shown = selectors.paper_actions(paper)
    letters = selectors.paper_letters(paper)
    answers = set(letter.answers.values_list("pk", flat=True)) | assume
    found = next((pl for pl in letters if pl.letter.pk == letter.pk), None)
    if found is None:
        letters.append(PaperLetter(letter, len(letters), False, answers))
    else:
        found.answers |= answers
    numbers = appendix_of(number_appendices(shown, letters, frozenset(assume)))
    return numbers[letter.pk].number

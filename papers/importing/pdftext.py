"""PDF to the text form the parsers read: tables become tab-separated rows, other text stays
as lines, in reading order, page footers dropped."""

import re
from pathlib import Path

from papers.importing.cells import PaperParseError, is_page_footer
from papers.importing.columns import meeting_heading, read_header


def _cell(value: str | None) -> str:
    # Cells of a PDF table wrap over several lines; the parser wants one line per row.
    text = re.sub(r"(?<=[a-z]-)\n(?=[a-z])", "", (value or "").replace("\t", " "))
    return " ".join(text.split())


def pdf_to_text(path: Path) -> str:
    """Extract a paper PDF with pdfplumber, using its table finder where tables exist."""
    import pdfplumber

    out: list[str] = []
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                out.extend(_page_lines(page))
    except Exception as error:
        # pdfminer raises many kinds of error on a damaged or foreign file; every one of them
        # means the same to the user: this is not a PDF we can read.
        raise PaperParseError(1, f"a readable PDF ({error})") from error
    return "\n".join(out)


def _page_lines(page) -> list[str]:
    # A row broken at the foot of a page has no bottom border: close every open cell at the
    # bottom of the vertical borders, so the table finder still sees that row.
    verticals = [edge for edge in page.edges if edge["orientation"] == "v"]
    bottoms = sorted({round(edge["bottom"], 1) for edge in verticals})
    tables = page.find_tables(table_settings={"explicit_horizontal_lines": bottoms})
    placed: list[tuple[float, int, str]] = []
    boxes = [table.bbox for table in tables]

    def outside(obj) -> bool:
        middle_x = (obj["x0"] + obj["x1"]) / 2
        middle_y = (obj["top"] + obj["bottom"]) / 2
        return not any(
            x0 <= middle_x <= x1 and top <= middle_y <= bottom for x0, top, x1, bottom in boxes
        )

    placed.extend(_untabled_lines(page.filter(outside)))
    for table in tables:
        for row, cells in zip(table.rows, _without_slivers(table.extract()), strict=False):
            text = "\t".join(_cell(cell) for cell in cells)
            if text.strip():
                placed.append((row.bbox[1], 1, text))
    placed.sort(key=lambda entry: (entry[0], entry[1]))
    lines: list[str] = []
    for _, kind, text in placed:
        if kind == 0 and _is_label_line(text):
            text = text.replace(": ", ":\t", 1)
        lines.append(text)
    return lines


def _without_slivers(rows: list[list]) -> list[list]:
    """The table without columns empty in every row, even its header: slivers the table
    finder makes of borders that do not line up (Word draws them a point apart from row to
    row), which would give a row more cells than its header names."""
    if not rows:
        return rows
    width = max(len(row) for row in rows)
    rows = [list(row) + [None] * (width - len(row)) for row in rows]
    empty = {i for i in range(width) if not any(_cell(row[i]) for row in rows)}
    kept = [i for i in range(width) if i not in empty]
    if not empty or not any(_is_header([_cell(row[i]) for i in kept]) for row in rows):
        return rows  # no header row names the other columns: keep the table as it is
    return [[row[i] for i in kept] for row in rows]


def _is_header(cells: list[str]) -> bool:
    try:
        return all(cells) and read_header(0, cells, guess=False) is not None
    except PaperParseError:
        return False


# Header rows of the tables a paper holds, as the first word of each column. Tables drawn
# without vertical borders (rules between rows only, or none) are split at these columns.
_SIGNATURES = [
    [r"item", r"(item|title)", r"responsible", r"action", r"status"],
    [r"subject", r"status", r"responsible", r"deadline"],
    [r"no\.?", r"action", r"timing", r"lead"],
]
_HEADER_WORDS = {"no.", "no", "title", "person", "required", "if", "applicable", "and", "action(s)"}
_STOP_RE = re.compile(
    r"^(?:actions?\s+arising|complaints\s+about|\d{1,2}\.\s+[A-Z]|list\s+of|contact|"
    r"local\s+government|page\s+\d)",
    re.I,
)


def _word_lines(page) -> list[tuple[float, list[dict]]]:
    """Words grouped into lines, top to bottom, each line left to right."""
    lines: list[tuple[float, list[dict]]] = []
    for word in sorted(page.extract_words(), key=lambda w: (round(w["top"]), w["x0"])):
        if lines and abs(lines[-1][0] - word["top"]) <= 2.5:
            lines[-1][1].append(word)
        else:
            lines.append((word["top"], [word]))
    return [(top, sorted(words, key=lambda w: w["x0"])) for top, words in lines]


def _signature_columns(words: list[dict]) -> list[float] | None:
    for signature in _SIGNATURES:
        columns, index = [], 0
        for word in words:
            if index < len(signature) and re.fullmatch(
                signature[index] + r".*", word["text"], re.I
            ):
                columns.append(word["x0"] - 1)
                index += 1
        if index == len(signature) and re.fullmatch(signature[0] + r".*", words[0]["text"], re.I):
            return columns
    return None


# Words closer than this (points) are one cell's; a column starts after a wider gap.
_CELL_GAP = 7


def _groups(words: list[dict]) -> list[list[dict]]:
    groups: list[list[dict]] = []
    for word in words:
        if groups and word["x0"] - groups[-1][-1]["x1"] < _CELL_GAP:
            groups[-1].append(word)
        else:
            groups.append([word])
    return groups


def _header_columns(words: list[dict]) -> list[float] | None:
    """The columns of a border-less table of any layout, from a header row whose cells are
    column names ("Minute item", "Subject and action required", "Status", "Action by")."""
    groups = _groups(words)
    if len(groups) < 3:
        return None
    try:
        layout = read_header(0, [" ".join(w["text"] for w in group) for group in groups])
    except PaperParseError:
        return None
    if layout is None or len(layout.fields) < 3:
        return None
    return [group[0]["x0"] - 1 for group in groups]


_SECTION_RE = re.compile(
    r"^\d{1,2}\.\s+(?:additional|legal|financial|background|equalit|risk|recommendation|"
    r"summary|contact|list\s+of|appendi|other\s+implications|issues)",
    re.I,
)


def _ends_table(text: str, any_layout: bool) -> bool:
    """A heading after the table: a section, a list, the next meeting's heading."""
    if meeting_heading(text):
        return True
    if not _STOP_RE.match(text):
        return False
    numbered = re.match(r"\d{1,2}\.\s", text)
    return not (any_layout and numbered) or bool(_SECTION_RE.match(text))


def _runs_across(words: list[dict], columns: list[float]) -> bool:
    """One run of text from the first column across the next ones: a spanning row."""
    return (
        len(columns) > 1
        and len(_groups(words)) == 1
        and words[0]["x0"] < columns[1]
        and words[-1]["x1"] > columns[1] + _CELL_GAP
    )


def _untabled_lines(page) -> list[tuple[float, int, str]]:
    """Text outside bordered tables; rows of border-less tables come out tab-separated."""
    placed = []
    columns: list[float] | None = None
    any_layout = False  # columns from a header of any layout: its item rows look numbered
    for top, words in _word_lines(page):
        text = " ".join(word["text"] for word in words).strip()
        if not text or is_page_footer(text):
            continue
        found = _signature_columns(words)
        generic = _header_columns(words) if not found else None
        if found or generic:
            columns, any_layout = found or generic, bool(generic)
        elif columns and _ends_table(text, any_layout):
            columns = None
        elif columns and _runs_across(words, columns):
            placed.append((top, 0, text))  # a full-width row: an item's title
            continue
        elif columns and all(w["text"].lower() in _HEADER_WORDS for w in words):
            continue  # the header row's second line ("No.", "Person")
        if columns is None:
            placed.append((top, 0, text))
            continue
        cells = [[] for _ in columns]
        for word in words:
            index = max([i for i, x in enumerate(columns) if x <= word["x0"]] or [0])
            cells[index].append(word["text"])
        placed.append((top, 1, "\t".join(" ".join(cell) for cell in cells)))
    return placed


def _is_label_line(text: str) -> bool:
    label = text.split(":", 1)[0].lower()
    return ":" in text and label in {
        "report to",
        "report of",
        "date",
        "public access",
        "subject",
        "contact officer",
        "telephone",
        "e-mail",
        "email",
    }

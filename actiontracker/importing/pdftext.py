"""PDF to the text form the parsers read: tables become tab-separated rows, other text stays
as lines, in reading order, page footers dropped."""

from pathlib import Path

from actiontracker.importing.cells import PaperParseError, is_page_footer


def _cell(value: str | None) -> str:
    # Cells of a PDF table wrap over several lines; the parser wants one line per row.
    return " ".join((value or "").replace("\t", " ").split())


def pdf_to_text(path: Path) -> str:
    """Extract a paper PDF with pdfplumber, using its table finder where tables exist."""
    import pdfplumber
    from pdfminer.pdfparser import PDFSyntaxError

    out: list[str] = []
    try:
        with pdfplumber.open(path) as pdf:
            for page in pdf.pages:
                out.extend(_page_lines(page))
    except (PDFSyntaxError, ValueError, KeyError, TypeError) as error:
        raise PaperParseError(1, f"a readable PDF ({error.__class__.__name__})") from error
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

    for line in page.filter(outside).extract_text_lines():
        text = line["text"].strip()
        if text and not is_page_footer(text):
            placed.append((line["top"], 0, text))
    for table in tables:
        for row, cells in zip(table.rows, table.extract(), strict=False):
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

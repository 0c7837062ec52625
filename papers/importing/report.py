"""A "Response to the Committee's Report" paper: the committee's report with its numbered
recommendations and their sub-points, and the body that must respond."""

import datetime
import re
from dataclasses import dataclass, field

from papers.importing.cells import PaperParseError, is_page_footer, parse_date
from papers.importing.common import (
    ContactOfficerData,
    parse_contact_block,
    parse_header_line,
    section_heading,
    split_inline_date,
    strip_list_marker,
)

# "#" then spaces as one optional group: "\s*#*\s*" split a run of spaces every way.
RECOMMENDATION_RE = re.compile(r"^\s*(?:#+\s*)?recommendation\s+(\d{1,3})\s*:?\s*(.*)$", re.I)
_FOOTNOTE_RE = re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+\s")
_FOOTER_RE = re.compile(r"^(?:city hall,|enquiries:)", re.I)
_SUB_POINT_RE = re.compile(r"^(?:[-–•●▪*]|\(?[a-z]\)|\(?[ivx]+\))\s+")


@dataclass
class RecommendationData:
    line: int
    number: int
    text: str
    sub_points: list[str] = field(default_factory=list)


@dataclass
class ReportPaper:
    """The response-to-report paper and the report it concerns."""

    subject: str
    report_title: str
    report_to: str
    report_of: str
    date: datetime.date
    public_access: str = ""
    agreed_on: datetime.date | None = None
    addressed_to: str = ""
    responder: str = ""
    background: str = ""
    recommendations: list[RecommendationData] = field(default_factory=list)
    contact_officers: list[ContactOfficerData] = field(default_factory=list)


def looks_like_report(text: str) -> bool:
    return sum(1 for line in text.splitlines() if RECOMMENDATION_RE.match(line)) >= 1 and bool(
        re.search(r"^subject:.*report", text, re.I | re.M)
    )


def _clean(text: str) -> str:
    return " ".join(text.replace("*", "").split())


def parse_report(text: str) -> ReportPaper:
    """Parse a response-to-report paper."""
    header: dict[str, str] = {}
    recommendations: list[RecommendationData] = []
    background: list[str] = []
    contact: list[str] = []
    public_access = ""
    section = 0
    in_contact = False
    last_key = ""
    lines = text.replace("\r\n", "\n").split("\n")
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or is_page_footer(line) or _FOOTNOTE_RE.match(line) or _FOOTER_RE.match(line):
            continue
        parsed = parse_header_line(line)
        if parsed and section == 0:
            key, value = parsed
            if key == "report of":
                value, date_text = split_inline_date(value)
                if date_text:
                    header["date"] = date_text
            header[key] = value
            last_key = key
            continue
        if section == 0 and line.lower().startswith("this report will be considered"):
            public_access = line
            continue
        if section == 0 and last_key and section_heading(line) is None:
            # A header value that wrapped onto the next line.
            header[last_key] = f"{header[last_key]} {_clean(line)}"
            continue
        if line.lower().startswith("contact officer"):
            in_contact = True
        if in_contact:
            contact.append(line)
            continue
        heading = section_heading(line)
        if heading is not None:
            section = heading
            continue
        rec = RECOMMENDATION_RE.match(line)
        if rec and section == 3:
            recommendations.append(
                RecommendationData(line=number, number=int(rec.group(1)), text=_clean(rec.group(2)))
            )
            continue
        if recommendations and section == 3:
            current = recommendations[-1]
            if _SUB_POINT_RE.match(line):
                current.sub_points.append(_clean(_SUB_POINT_RE.sub("", line, count=1)))
            elif current.sub_points:
                # The recommendation's text comes before its sub-points: a line after them
                # continues the last one.
                current.sub_points[-1] = f"{current.sub_points[-1]} {_clean(line)}"
            else:
                current.text = f"{current.text} {_clean(line)}".strip()
            continue
        if section == 3:
            paragraph = _clean(strip_list_marker(line))
            if background and not re.match(r"^\d+\.\d+\s", paragraph):
                background[-1] = f"{background[-1]} {paragraph}"  # a wrapped paragraph
            else:
                background.append(paragraph)
    subject = header.get("subject", "")
    if not recommendations:
        raise PaperParseError(1, "numbered 'Recommendation 1' headings in section 3")
    date = parse_date(header.get("date", ""))
    if date is None:
        raise PaperParseError(1, "a 'Date:' giving the meeting that considers the response")
    body = " ".join(text.split())
    title = subject.split(":", 1)[1].strip() if ":" in subject else subject
    # Each lazy gap is bounded: unbounded, every repeat of the opening words with no end
    # after it scanned to the end of the paper, quadratic in a long paragraph.
    agreed = re.search(r"agreed its (?:response|report)[^.]{0,300}?\bon\s+([^.⁰¹²³⁴⁵⁶⁷⁸⁹]+)", body)
    responder = re.search(r"note[sd]? the response from (the .{1,300}?) to its report", body, re.I)
    addressed = re.search(
        r"(?:submission|report or recommendations[^.]{0,300}?|recommendations)"
        r"\s+to\s+([A-Z]{2,}\w*)",
        body,
    )
    return ReportPaper(
        subject=subject,
        report_title=title.replace("*", ""),
        report_to=header.get("report to", ""),
        report_of=header.get("report of", ""),
        date=date,
        public_access=public_access or header.get("public access", ""),
        agreed_on=parse_date(agreed.group(1)) if agreed else None,
        addressed_to=addressed.group(1) if addressed else "MOPAC",
        responder=responder.group(1) if responder else "",
        background="\n\n".join(_strip_number(p) for p in background if p),
        recommendations=recommendations,
        contact_officers=parse_contact_block(contact),
    )


def _strip_number(text: str) -> str:
    return re.sub(r"^\d+\.\d+\s+", "", text)

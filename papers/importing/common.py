"""Pieces every paper shares: header lines, section headings, the contact officer block."""

import re
from dataclasses import dataclass

HEADER_KEYS = ("subject", "report to", "report of", "date", "public access")
_HEADER_RE = re.compile(
    r"^(subject|report\s+to|report\s+of|date|public\s+access)\s*:\s*(.*)$", re.I
)
_INLINE_DATE_RE = re.compile(r"\s+date\s*:\s*", re.I)
_SECTION_RE = re.compile(r"^#*\s*(\d{1,2})\.?\s+([A-Z][A-Za-z ,&'’()-]{2,80})$")
_LIST_MARKER_RE = re.compile(r"^(?:[-*•]\s+)")


def parse_header_line(line: str) -> tuple[str, str] | None:
    """("report to", "Police and Crime Committee") from "Report to:<TAB>Police and Crime
    Committee"; None for any other line."""
    match = _HEADER_RE.match(line.replace("\t", " ").strip())
    if not match:
        return None
    key = " ".join(match.group(1).lower().split())
    return key, " ".join(match.group(2).split())


def split_inline_date(value: str) -> tuple[str, str]:
    """ "Executive Director of Secretariat Date: 29 March 2017" -> (title, date text)."""
    parts = _INLINE_DATE_RE.split(value, maxsplit=1)
    return (parts[0].strip(), parts[1].strip()) if len(parts) == 2 else (value, "")


def section_heading(line: str) -> int | None:
    """3 for "3. Summary List of Actions"; None for anything else."""
    match = _SECTION_RE.match(line.strip())
    if not match or "\t" in line:
        return None
    return int(match.group(1))


def strip_list_marker(line: str) -> str:
    """Paragraph lines sometimes arrive as "- 4.1 On 24 March …"."""
    return _LIST_MARKER_RE.sub("", line.strip(), count=1)


@dataclass
class ContactOfficerData:
    """A contact officer at the foot of a paper."""

    name: str
    title: str = ""
    telephone: str = ""
    email: str = ""


def _split_and(text: str) -> list[str]:
    return [part.strip() for part in re.split(r"\s+and\s+|\s*;\s*|\s*&\s*", text) if part.strip()]


def parse_contact_block(lines: list[str]) -> list[ContactOfficerData]:
    """Contact Officer / Telephone / E-mail lines, possibly naming two officers ("Joanna Brown
    and Teresa Young, Senior Committee Officers")."""
    fields: dict[str, str] = {}
    for line in lines:
        key, sep, value = line.replace("\t", " ").partition(":")
        if not sep:
            continue
        key = key.strip().lower().replace("-", "").replace(" ", "")
        value = " ".join(value.split())
        if key.startswith("contactofficer"):
            fields["name"] = value
        elif key in {"telephone", "tel", "phone"}:
            fields["telephone"] = value
        elif key in {"email", "emailaddress"}:
            fields["email"] = value
    if not fields.get("name"):
        return []
    names, _, title = fields["name"].partition(",")
    people = _split_and(names)
    title = title.strip()
    if len(people) > 1 and title.endswith("s"):
        title = title[:-1]  # "Senior Committee Officers" names each one an Officer
    emails = _split_and(fields.get("email", ""))
    phones = _split_and(fields.get("telephone", ""))
    officers = []
    for index, name in enumerate(people):
        officers.append(
            ContactOfficerData(
                name=name,
                title=title,
                telephone=phones[min(index, len(phones) - 1)] if phones else "",
                email=emails[index] if index < len(emails) else "",
            )
        )
    return officers

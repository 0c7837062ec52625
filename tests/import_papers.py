"""Small Summary List of Actions papers, written the way extracted text looks, for the
import tests."""

from pathlib import Path

HEADER_ROW = "Item No.:\tItem Title\tResponsible Person\tAction(s)\tStatus"


# The public seed papers, copied into the repository so the suite needs nothing beside it.
SEEDS = Path(__file__).resolve().parent / "fixtures" / "seeds"


def seed_path(prefix: str) -> Path:
    """The seed paper whose file name starts with ``prefix`` (000, 002, 003, 004)."""
    [path] = sorted(SEEDS.glob(f"{prefix}_*.txt"))
    return path


def paper_text(
    blocks: list[tuple[str, list[str]]],
    *,
    date: str = "24 May 2023",
    committee: str = "Police and Crime Committee",
    period: str = "No disclosures to report for the period from 9 March to 9 May 2023.",
    complaints: str = "No complaints to report.",
    correspondence: list[str] = (),
    appendices: list[str] = (),
) -> str:
    """A paper: header, one table per (meeting date, row lines) block, standing rows,
    correspondence paragraphs, appendix list and contact officer."""
    lines = [
        "Subject: Summary List of Actions",
        "",
        f"Report to:\t{committee}",
        "Report of:\tExecutive Director of Assembly Secretariat",
        f"Date:\t{date}",
        "Public Access:\tThis report will be considered in public",
        "",
        "1. Summary",
        "",
        "- 1.1 This report updates the Committee on the progress made on actions.",
        "",
        "2. Recommendation",
        "",
        "- 2.1 **That the Committee notes the completed, outstanding and closed actions.**",
        "",
        "3. Summary List of Actions",
        "",
    ]
    for meeting, rows in blocks:
        lines += [f"Actions Arising from the Meeting Held on {meeting}", "", HEADER_ROW, *rows, ""]
    lines += [
        "Complaints about the Mayor’s Office for Policing and Crime and the Deputy Mayor for "
        "Policing and Crime",
        "",
        "Subject and Action Required\tStatus\tResponsible Person\tDeadline, if applicable",
        "<p>Complaints about MOPAC</p> <p>The Committee agreed to delegate.</p>\t"
        f"<p>{complaints}</p>\t<p>Monitoring Officer</p>\t<p>N/A</p>",
        "<p>Transparency Procedure</p> <p>The Committee agreed Members disclose.</p>\t"
        f"<p>{period}</p>\t<p>Executive Director of Assembly Secretariat</p>\t<p>N/A</p>",
        "",
        "4. Additional Correspondence",
        "",
    ]
    for number, paragraph in enumerate(
        [*correspondence, "The Committee is asked to note the correspondence sent."], start=1
    ):
        lines += [f"- 4.{number} {paragraph}", ""]
    lines += [
        "5. Legal Implications",
        "",
        "- 5.1 The Committee has the power to do what is recommended in this report.",
        "",
        "6. Financial Implications",
        "",
        "- 6.1 There are no financial implications arising from this report.",
        "",
    ]
    if appendices:
        lines += ["List of appendices to this report:", ""]
        for number, appendix in enumerate(appendices, start=1):
            lines += [f"Appendix {number} – {appendix}", ""]
    lines += [
        "Local Government (Access to Information) Act 1985",
        "",
        "List of Background Papers:",
        "",
        "None",
        "",
        "Contact Information",
        "",
        "Contact Officer:\tLauren Harvey, Senior Committee Officer",
        "E-mail:\tlauren.harvey@london.gov.uk",
    ]
    return "\n".join(lines)


def row(number, title, person, action, status) -> str:
    return "\t".join([number, title, person, action, status])

"""The "Response to the Committee's Report" paper (seed 003), rendered from a committee
report, its recommendations and, when one exists, the response paper's own texts."""

from collections import Counter

from django.db import models
from django.template.loader import render_to_string

from actions.services import format_date
from correspondence.models import CommitteeReport, Recommendation
from meetings.models import Meeting
from papers.models import (
    DEFAULT_BACKGROUND_PAPERS,
    DEFAULT_FINANCIAL,
    DEFAULT_LEGAL,
    DEFAULT_PUBLIC_ACCESS,
    Paper,
)


class NoReportForMeeting(LookupError):
    """No committee report's response is considered at the meeting."""


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


def _with_the(name: str) -> str:
    return name if name.lower().startswith("the ") else f"the {name}"


def responder_text(report: CommitteeReport) -> str:
    """Who responded, as a sentence names them: "the Deputy Mayor for Policing and Crime"."""
    if report.responder:
        return report.responder
    return _with_the(report.addressed_to.name)


def _join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def outcome_summary(recommendations: list[Recommendation]) -> str:
    """One sentence on the outcomes recorded, or "" while every response is awaited."""
    counts = Counter(r.outcome for r in recommendations)
    outcome = Recommendation.Outcome
    if not recommendations or counts[outcome.AWAITING] == len(recommendations):
        return ""
    parts = [
        f"{counts[value]} {'was' if counts[value] == 1 else 'were'} {label}"
        for value, label in [
            (outcome.ACCEPTED, "accepted"),
            (outcome.PARTLY, "partly accepted"),
            (outcome.NOT_ACCEPTED, "not accepted"),
        ]
        if counts[value]
    ]
    if counts[outcome.AWAITING]:
        waiting = counts[outcome.AWAITING]
        parts.append(f"{waiting} {'awaits' if waiting == 1 else 'await'} a response")
    total = len(recommendations)
    noun = "recommendation" if total == 1 else "recommendations"
    return f"Of the Committee's {total} {noun}, {_join(parts)}."


def contact_lines(officers) -> dict:
    """The contact officer block: names with their title(s), telephone(s), e-mail(s)."""
    officers = list(officers)
    if not officers:
        return {}
    titles = {o.title for o in officers}
    if len(officers) > 1 and len(titles) == 1 and officers[0].title:
        title = officers[0].title
        names = (
            f"{_join([o.name for o in officers])}, {title if title.endswith('s') else title + 's'}"
        )
    else:
        names = _join([f"{o.name}, {o.title}" if o.title else o.name for o in officers])
    phones = list(dict.fromkeys(o.telephone for o in officers if o.telephone))
    emails = [o.email for o in officers if o.email]
    return {
        "names": names,
        "telephone": " / ".join(phones),
        "email": _join(emails) if emails else "",
    }


def response_context(report: CommitteeReport, paper: Paper | None = None) -> dict:
    """Everything the paper shows, worded from the records; the paper's texts override."""
    committee = report.committee
    meeting = report.response_meeting
    recommendations = list(report.recommendations.all())
    responder = responder_text(report)
    title = report.title

    background = _paragraphs(report.background)
    if not background:
        agreed = f" at its meeting on {format_date(report.agreed_on)}" if report.agreed_on else ""
        background = [
            f"The Committee agreed its report, {title}, for submission to "
            f"{_with_the(report.addressed_to.name)}{agreed}."
        ]
    section_3 = [(f"3.{n}", text) for n, text in enumerate(background, start=1)]
    recommendations_number = f"3.{len(section_3) + 1}"

    issues = _paragraphs(report.issues_for_consideration)
    summary = outcome_summary(recommendations)
    if summary:
        issues.append(summary)
    section_4 = [(f"4.{n}", text) for n, text in enumerate(issues, start=1)]
    appendix_number = f"4.{len(section_4) + 1}"

    officers = []
    if paper is not None:
        officers = list(paper.contact_officers.all())
    if not officers:
        officers = list(committee.contact_officers.all())

    return {
        "report": report,
        "paper": paper,
        "draft": not (paper is not None and paper.is_published),
        "subject": (
            paper.subject
            if paper and paper.subject and paper.subject != Paper._meta.get_field("subject").default
            else f"Response to the Committee's Report: {title}"
        ),
        "title": title,
        "report_to": (paper.report_to if paper and paper.report_to else committee.name),
        "report_of": (paper.report_of if paper and paper.report_of else committee.report_of),
        "date": format_date(meeting.date) if meeting else "To be confirmed",
        "public_access": paper.public_access if paper else DEFAULT_PUBLIC_ACCESS,
        "responder": responder,
        "summary_text": _paragraphs(paper.summary_text) if paper else [],
        "recommendation_text": _paragraphs(paper.recommendation_text) if paper else [],
        "section_3": section_3,
        "recommendations_number": recommendations_number,
        "recommendations": recommendations,
        "section_4": section_4,
        "appendix_number": appendix_number,
        "legal": _paragraphs(paper.legal_text if paper else DEFAULT_LEGAL),
        "financial": _paragraphs(paper.financial_text if paper else DEFAULT_FINANCIAL),
        "background_papers": (paper.background_papers if paper else DEFAULT_BACKGROUND_PAPERS),
        "contact": contact_lines(officers),
    }


def report_response_html(report: CommitteeReport) -> str:
    """The response paper of one committee report as HTML, ready for ``html_to_pdf``."""
    return render_to_string(
        "papers/response.html", response_context(report, response_paper(report))
    )


def response_paper(report: CommitteeReport) -> Paper | None:
    """The response paper holding this report's texts, if one has been made."""
    if not report.response_meeting_id:
        return None
    return (
        Paper.objects.filter(meeting_id=report.response_meeting_id, kind=Paper.Kind.RESPONSE)
        .filter(models.Q(committee_report=report) | models.Q(committee_report__isnull=True))
        .prefetch_related("contact_officers")
        .first()
    )


def report_for_meeting(meeting: Meeting) -> CommitteeReport:
    """The report whose response the meeting considers: the response paper's, else the
    report naming the meeting."""
    paper = Paper.objects.filter(
        meeting=meeting, kind=Paper.Kind.RESPONSE, committee_report__isnull=False
    ).first()
    reports = CommitteeReport.objects.select_related(
        "committee", "addressed_to", "response_meeting"
    ).prefetch_related("recommendations", "committee__contact_officers")
    if paper is not None:
        return reports.get(pk=paper.committee_report_id)
    report = reports.filter(response_meeting=meeting).order_by("id").first()
    if report is None:
        raise NoReportForMeeting(
            f"No committee report's response is considered at {meeting}: set the report's "
            "response meeting first."
        )
    return report


def response_html(meeting: Meeting) -> str:
    """The response-to-report paper considered at ``meeting`` as HTML."""
    return report_response_html(report_for_meeting(meeting))

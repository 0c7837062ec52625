"""The standing rows of the Summary List of Actions that come from these registers: the
complaints row and the Transparency Procedure row, for a reporting period.

Reads and wording only; the paper decides where they go. Confidential complaint details are
never read here.
"""

import datetime

from django.db.models import Q

from actions.services import format_date
from correspondence.models import Complaint, TransparencyDisclosure
from correspondence.tables import disclosure_timeliness


def period_text(start: datetime.date, end: datetime.date) -> str:
    """ "9 March to 9 May 2023", or with both years when they differ."""
    if start.year == end.year:
        return f"{start.day} {start:%B} to {format_date(end)}"
    return f"{format_date(start)} to {format_date(end)}"


def complaints_in_period(*, committee, start: datetime.date, end: datetime.date):
    """Complaints received or decided in the period, without their confidential details."""
    in_period = Q(received_on__range=(start, end)) | Q(decided_on__range=(start, end))
    return (
        Complaint.objects.filter(in_period, committee=committee)
        .defer("confidential_details")
        .order_by("received_on", "id")
    )


def complaints_status_paragraphs(complaints, start: datetime.date, end: datetime.date):
    """The Status cell of the complaints row: the public summaries, or nothing to report."""
    summaries = [c.public_summary.strip() for c in complaints if c.public_summary.strip()]
    return summaries or [f"No complaints to report for the period from {period_text(start, end)}."]


def disclosures_in_period(*, committee, start: datetime.date, end: datetime.date):
    """Disclosures made in the period, oldest first."""
    return (
        TransparencyDisclosure.objects.filter(committee=committee)
        .select_related("committee")
        .in_period(start, end)
        .order_by("disclosed_on", "contact_date", "id")
    )


def disclosure_sentence(disclosure: TransparencyDisclosure) -> str:
    text = (
        f"{disclosure.member} disclosed contact with {disclosure.with_whom} on "
        f"{format_date(disclosure.contact_date)}: {disclosure.details.strip().rstrip('.')}."
    )
    if disclosure.is_late:
        text += f" {disclosure_timeliness(disclosure)} (due within {disclosure.due.amount} days)."
    return text


def disclosures_status_paragraphs(disclosures, start: datetime.date, end: datetime.date):
    """The Status cell of the Transparency Procedure row, as the paper words it."""
    sentences = [disclosure_sentence(d) for d in disclosures]
    return sentences or [f"No disclosures to report for the period from {period_text(start, end)}."]

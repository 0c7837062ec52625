"""Reads of the registers. Pages, CSV exports and papers all filter here."""

import datetime

from django.db.models import Count, OuterRef, Prefetch, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from correspondence.filters import (
    ComplaintFilter,
    CorrespondenceFilter,
    DisclosureFilter,
    ReportFilter,
)
from correspondence.models import (
    LETTERS_FOLDER,
    CommitteeReport,
    Complaint,
    Correspondence,
    Recommendation,
    TransparencyDisclosure,
)


def count_of(related) -> Coalesce:
    """``(SELECT COUNT(*) FROM … WHERE …)`` for each row, ``related`` being a queryset of
    ``.values(<the column naming the row>)``: worked out only for the rows read (a page's
    50), where a ``Count`` over a join groups and counts every row before one page."""
    counts = related.order_by().annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counts), 0)


def correspondence_register(*, data=None) -> CorrespondenceFilter:
    """Letters filtered by ``data``, with the joins the register shows and each letter's
    count of live replies."""
    replies = Correspondence.objects.filter(in_reply_to=OuterRef("pk")).values("in_reply_to")
    queryset = Correspondence.objects.select_related("committee", "organisation").annotate(
        reply_count=count_of(replies)
    )
    return CorrespondenceFilter(data=data, queryset=queryset)


def correspondence_detail_queryset():
    """Every letter, deleted ones too (papers and follow-ups link to them), with its live
    replies."""
    return Correspondence.all_objects.select_related(
        "committee", "organisation", "in_reply_to"
    ).prefetch_related(
        Prefetch("replies", queryset=Correspondence.objects.all()),
        "answers__agenda_item__meeting",
        "answers__responsible_person__organisation",
    )


def overdue_replies(*, today: datetime.date):
    """Letters we sent whose reply due date has passed with no reply linked."""
    return (
        Correspondence.objects.overdue(today)
        .select_related("committee", "organisation")
        .order_by("reply_due", "id")
    )


def deleted_letters():
    """Deleted letters, most recently deleted first, for officers to restore."""
    return (
        Correspondence.all_objects.filter(deleted_at__isnull=False)
        .select_related("committee")
        .order_by("-deleted_at", "-id")
    )


def complaint_register(*, data=None) -> ComplaintFilter:
    """Complaints filtered by ``data``. Confidential details are deferred: the register
    never shows them, so they are never read for it."""
    queryset = Complaint.objects.select_related("committee").defer("confidential_details")
    return ComplaintFilter(data=data, queryset=queryset)


def disclosure_register(*, data=None) -> DisclosureFilter:
    """Transparency disclosures filtered by ``data``."""
    queryset = TransparencyDisclosure.objects.select_related("committee")
    return DisclosureFilter(data=data, queryset=queryset)


def report_register(*, data=None) -> ReportFilter:
    """Committee reports filtered by ``data``, with counts of recommendations by outcome."""
    recommendations = Recommendation.objects.filter(report=OuterRef("pk")).values("report")
    awaiting = recommendations.filter(outcome=Recommendation.Outcome.AWAITING)
    queryset = CommitteeReport.objects.select_related(
        "committee", "addressed_to", "response_meeting", "response_letter"
    ).annotate(
        recommendation_count=count_of(recommendations),
        awaiting_count=count_of(awaiting),
    )
    return ReportFilter(data=data, queryset=queryset)


def report_with_recommendations():
    return CommitteeReport.objects.select_related(
        "committee", "addressed_to", "response_meeting", "response_letter"
    ).prefetch_related(Prefetch("recommendations", queryset=Recommendation.objects.all()))


def orphan_letter_files(*, storage=None, older_than=datetime.timedelta(hours=1)) -> list[str]:
    """Files in the letters' storage folder that no letter names. A file younger than
    ``older_than`` may belong to an upload whose record is not committed yet, so it is not
    counted an orphan until it has aged."""
    storage = storage or Correspondence._meta.get_field("file").storage
    try:
        _dirs, files = storage.listdir(LETTERS_FOLDER)
    except FileNotFoundError:
        return []
    names = {f"{LETTERS_FOLDER}/{name}" for name in files}
    referenced = set(
        Correspondence.objects.filter(file__startswith=f"{LETTERS_FOLDER}/").values_list(
            "file", flat=True
        )
    )
    cutoff = timezone.now() - older_than
    orphans = []
    for name in sorted(names - referenced):
        try:
            if older_than and storage.get_modified_time(name) > cutoff:
                continue
        except NotImplementedError:
            if older_than:
                continue  # no age to go by: only an explicit --older-than 0 removes it
        orphans.append(name)
    return orphans

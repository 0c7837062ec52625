"""Filters of the registers. Each FilterSet serves its register page and its CSV export."""

import datetime as dt

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from actiontracker.datefilter import GovukDateFilter
from correspondence.models import (
    CommitteeReport,
    Complaint,
    Correspondence,
    Recommendation,
    TransparencyDisclosure,
)
from meetings.models import Committee, Organisation


def date_range(field_name: str, label: str) -> tuple[GovukDateFilter, GovukDateFilter]:
    """A register's date range: "<label> from" and "<label> to", each its own fieldset,
    both days included."""
    return (
        GovukDateFilter(field_name=field_name, lookup_expr="gte", label=f"{label} from"),
        GovukDateFilter(field_name=field_name, lookup_expr="lte", label=f"{label} to"),
    )


def _words(queryset, value: str, fields: list[str]):
    for word in value.split():
        condition = Q()
        for field in fields:
            condition |= Q(**{f"{field}__icontains": word})
        queryset = queryset.filter(condition)
    return queryset


class CommitteeFilterMixin(django_filters.FilterSet):
    committee = django_filters.ModelChoiceFilter(
        to_field_name="slug", queryset=Committee.objects.all(), label="Committee"
    )

    def today(self) -> dt.date:
        return timezone.localdate()


class CorrespondenceFilter(CommitteeFilterMixin):
    q = django_filters.CharFilter(label="Search", method="filter_search")
    direction = django_filters.ChoiceFilter(
        choices=Correspondence.Direction.choices, empty_label="Sent and received"
    )
    organisation = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), label="Organisation"
    )
    date_after, date_before = date_range("date", "Dated")
    awaiting_reply = django_filters.BooleanFilter(
        method="filter_awaiting", label="Awaiting a reply", widget=forms.CheckboxInput
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue", label="Reply overdue", widget=forms.CheckboxInput
    )

    class Meta:
        model = Correspondence
        fields = []

    def filter_search(self, queryset, name, value):
        return _words(queryset, value, ["subject", "reference", "sender", "recipient", "summary"])

    def filter_awaiting(self, queryset, name, value):
        # An unticked box means "any", not "not awaiting".
        return queryset.awaiting_reply() if value else queryset

    def filter_overdue(self, queryset, name, value):
        return queryset.overdue(self.today()) if value else queryset


class ComplaintFilter(CommitteeFilterMixin):
    # Searching confidential details would reveal them through the results, so it is not offered.
    q = django_filters.CharFilter(label="Search", method="filter_search")
    decision = django_filters.ChoiceFilter(choices=Complaint.Decision.choices)
    received_on_after, received_on_before = date_range("received_on", "Received")

    class Meta:
        model = Complaint
        fields = []

    def filter_search(self, queryset, name, value):
        return _words(queryset, value, ["concerning", "public_summary", "reasons"])


class DisclosureFilter(CommitteeFilterMixin):
    q = django_filters.CharFilter(label="Search", method="filter_search")
    member = django_filters.CharFilter(lookup_expr="icontains", label="Member")
    disclosed_on_after, disclosed_on_before = date_range("disclosed_on", "Disclosed")
    late = django_filters.BooleanFilter(
        method="filter_late", label="Late (over 28 days)", widget=forms.CheckboxInput
    )

    class Meta:
        model = TransparencyDisclosure
        fields = []

    def filter_search(self, queryset, name, value):
        return _words(queryset, value, ["member", "with_whom", "details"])

    def filter_late(self, queryset, name, value):
        return queryset.late() if value else queryset


class ReportFilter(CommitteeFilterMixin):
    q = django_filters.CharFilter(field_name="title", lookup_expr="icontains", label="Title")
    addressed_to = django_filters.ModelChoiceFilter(
        queryset=Organisation.objects.all(), label="Addressed to"
    )
    awaiting = django_filters.BooleanFilter(
        method="filter_awaiting",
        label="Recommendations awaiting a response",
        widget=forms.CheckboxInput,
    )

    class Meta:
        model = CommitteeReport
        fields = []

    def filter_awaiting(self, queryset, name, value):
        if not value:
            return queryset
        awaiting = Recommendation.objects.filter(
            report=OuterRef("pk"), outcome=Recommendation.Outcome.AWAITING
        )
        return queryset.filter(Exists(awaiting))

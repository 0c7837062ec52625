"""The action register's filters. One FilterSet serves the register, its exports, the
dashboard's links and anything else that lists actions."""

import datetime as dt

import django_filters
from django import forms
from django.db import connection
from django.db.models import DateField, F, Q
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils import timezone

from actions.models import Action, ResponsiblePerson
from actiontracker.datefilter import GovukDateFilter
from meetings.models import AgendaItem, Committee, Meeting, Organisation

# Age of an outstanding action, from the meeting it arose at: (label, min months, max months).
AGE_BANDS = {
    "0-3": ("Under 3 months", 0, 3),
    "3-6": ("3 to 6 months", 3, 6),
    "6-12": ("6 to 12 months", 6, 12),
    "12-24": ("1 to 2 years", 12, 24),
    "24+": ("Over 2 years", 24, None),
}


NO_ORGANISATION = "Secretariat / no organisation"


def months_before(day: dt.date, months: int) -> dt.date:
    """The same day ``months`` calendar months earlier (clamped to the month's end)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def age_band_range(band: str, today: dt.date) -> tuple[dt.date | None, dt.date]:
    """Meeting dates (after, up to and including) of actions in an age band."""
    _label, low, high = AGE_BANDS[band]
    newest = months_before(today, low)
    oldest = months_before(today, high) if high is not None else None
    return oldest, newest


# The date of the meeting an action arose at: the action's own copy of it (see
# Action.committee), which the register, its filters and the dashboard all read, so they
# agree, and sort and filter on an indexed column of the action, not on a joined table.
MEETING_DATE = "meeting_date"


def last_activity(meeting_date: str = MEETING_DATE):
    """The newest of the last chase and the meeting date: when the action was last pursued."""
    return Coalesce("last_chased_on", meeting_date, output_field=DateField())


# The conditions below are shared by the register's filters and the dashboard's
# aggregates, so a figure on the dashboard always equals the rows its link lists.


def age_band_q(band: str, today: dt.date, meeting_date: str = MEETING_DATE) -> Q:
    """Ongoing actions whose meeting falls in the age band."""
    oldest, newest = age_band_range(band, today)
    condition = Q(status=Action.Status.ONGOING, **{f"{meeting_date}__lte": newest})
    if oldest is not None:
        condition &= Q(**{f"{meeting_date}__gt": oldest})
    return condition


def not_chased_q(days: int, today: dt.date) -> Q:
    """Ongoing actions last pursued more than ``days`` days ago; needs the
    ``last_pursued`` alias (``last_activity()``) on the queryset."""
    cutoff = today - dt.timedelta(days=int(days))
    return Q(status=Action.Status.ONGOING, last_pursued__lt=cutoff)


# Answered: completed or closed, on a recorded day; the dashboard's reply performance counts
# these, and its links list them with the register's "answered" filter.
ANSWERED = {
    "yes": "Answered (completed or closed)",
    "with_due_date": "Answered, with a due date",
    "in_time": "Answered by its due date",
    "late": "Answered after its due date",
}


def answered_q(kind: str = "yes") -> Q:
    """Actions answered, of the kind named in ANSWERED."""
    condition = Q(
        status__in=[Action.Status.COMPLETED, Action.Status.CLOSED], finished_on__isnull=False
    )
    if kind == "yes":
        return condition
    condition &= Q(due_date__isnull=False)
    if kind == "in_time":
        condition &= Q(finished_on__lte=F("due_date"))
    elif kind == "late":
        condition &= Q(finished_on__gt=F("due_date"))
    return condition


class ActionFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label="Search", method="filter_search")
    committee = django_filters.ModelChoiceFilter(
        field_name="committee",
        to_field_name="slug",
        queryset=Committee.objects.all(),
        label="Committee",
    )
    meeting = django_filters.ModelChoiceFilter(
        field_name="agenda_item__meeting",
        queryset=Meeting.objects.all(),
        label="Meeting",
        widget=forms.HiddenInput,
    )
    # Typed in GOV.UK's day, month and year boxes (the same in every browser and locale);
    # ``?meeting_date_after=2026-01-31`` in a link (the dashboard's) is read too.
    meeting_date_after = GovukDateFilter(
        field_name=MEETING_DATE, lookup_expr="gte", label="Meeting date from"
    )
    meeting_date_before = GovukDateFilter(
        field_name=MEETING_DATE, lookup_expr="lte", label="Meeting date to"
    )
    status = django_filters.MultipleChoiceFilter(
        choices=Action.Status.choices,
        widget=forms.CheckboxSelectMultiple,
        # A column of the action itself: no join to repeat rows, so no DISTINCT to sort.
        distinct=False,
    )
    responsible_person = django_filters.ModelChoiceFilter(
        queryset=ResponsiblePerson.objects.select_related("organisation"),
        label="Responsible person",
    )
    organisation = django_filters.ModelChoiceFilter(
        field_name="responsible_person__organisation",
        queryset=Organisation.objects.all(),
        label="Responsible organisation",
        # "organisation=null": owed by a secretariat post or a person of no organisation.
        null_label=NO_ORGANISATION,
    )
    internal = django_filters.BooleanFilter(
        field_name="responsible_person__is_internal",
        label="Owed by the secretariat",
        widget=forms.HiddenInput,
    )
    overdue = django_filters.BooleanFilter(
        method="filter_overdue",
        label="Overdue (past its timing)",
        widget=forms.CheckboxInput,
    )
    not_chased_days = django_filters.NumberFilter(
        method="filter_not_chased", label="Not chased for more than (days)", min_value=0
    )
    age = django_filters.ChoiceFilter(
        method="filter_age",
        choices=[(key, label) for key, (label, _l, _h) in AGE_BANDS.items()],
        label="Outstanding for",
    )
    finished_after = django_filters.DateFilter(
        field_name="finished_on",
        lookup_expr="gt",
        label="Completed or closed after",
        widget=forms.HiddenInput,
    )
    answered = django_filters.ChoiceFilter(
        method="filter_answered",
        choices=list(ANSWERED.items()),
        label="Answered",
        widget=forms.HiddenInput,
    )

    class Meta:
        model = Action
        fields = []

    def today(self) -> dt.date:
        return timezone.localdate()

    def filter_search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        if connection.vendor == "postgresql":
            from django.contrib.postgres.search import SearchQuery, SearchVector, SearchVectorField

            query = SearchQuery(value, search_type="websearch", config="english")
            # Each part is answered from its own table, then the parts are joined by id.
            # The action's words are the stored, indexed column of migration 0004.
            document = RawSQL("search_document", [], output_field=SearchVectorField())
            texts = Action.all_objects.annotate(search=document).filter(search=query)
            items = AgendaItem.objects.annotate(
                search=SearchVector("title", config="english")
            ).filter(search=query)
            people = ResponsiblePerson.objects.filter(name__icontains=value)
            return queryset.filter(
                Q(pk__in=texts.values("pk"))
                | Q(agenda_item__in=items.values("pk"))
                | Q(responsible_person__in=people.values("pk"))
            )
        words = value.split()
        for word in words:
            queryset = queryset.filter(
                Q(intro__icontains=word)
                | Q(requested_items__icontains=word)
                | Q(status_note__icontains=word)
                | Q(agenda_item__title__icontains=word)
                | Q(responsible_person__name__icontains=word)
            )
        return queryset

    def filter_overdue(self, queryset, name, value):
        # An unticked box means "any", not "not overdue".
        if not value:
            return queryset
        return queryset.filter(status=Action.Status.ONGOING, due_date__lt=self.today())

    def filter_not_chased(self, queryset, name, value):
        if value is None:
            return queryset
        return queryset.alias(last_pursued=last_activity()).filter(
            not_chased_q(value, self.today())
        )

    def filter_answered(self, queryset, name, value):
        return queryset.filter(answered_q(value)) if value else queryset

    def filter_age(self, queryset, name, value):
        if not value:
            return queryset
        return queryset.filter(age_band_q(value, self.today()))

"""A register filter's date, typed in GOV.UK's day, month and year boxes."""

import django_filters

from actiontracker.govuk import GovukDateField


class GovukDateFilter(django_filters.DateFilter):
    """A date typed in GOV.UK's day, month and year boxes; ``?<name>=2026-01-31`` (a link,
    a script) is read too."""

    field_class = GovukDateField

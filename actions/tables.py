"""The action register as a django-tables2 table, in GOV.UK table style."""

import django_tables2 as tables
from django.utils.html import format_html

from actions.models import Action
from actions.services import format_date
from actiontracker.backlinks import with_back
from actiontracker.tablespeed import RenderedRowsMixin

# MOJ badges: the status in words, its colour only a second cue.
TAG_CLASSES = {
    Action.Status.ONGOING: "moj-badge--blue",
    Action.Status.COMPLETED: "moj-badge--green",
    Action.Status.CLOSED: "moj-badge--grey",
}


def status_html(action: Action) -> str:
    """The status as words in a tag, then its note: never colour alone."""
    tag = format_html(
        '<strong class="moj-badge {}">{}</strong>',
        TAG_CLASSES.get(action.status, ""),
        action.get_status_display(),
    )
    if not action.status_note:
        return tag
    return format_html('{} <span class="app-status-note">{}</span>', tag, action.status_note)


class ActionTable(RenderedRowsMixin, tables.Table):
    pages_label = "actions"
    # The register's address, carried by each action's link so its back link keeps the filters.
    back_path = ""

    select = tables.Column(
        accessor="pk",
        # MOJ's multi-select puts its "Select all" box in this header (#select-all, by the
        # table template; JavaScript only: each row's box works without it).
        verbose_name="Select",
        orderable=False,
        attrs={"th": {"class": "govuk-table__header"}},
    )
    # Sorting reads the action's own indexed columns (its copy of the meeting's date, its
    # status): a sort on a joined table's column would sort every action for one page.
    meeting_date = tables.Column(
        verbose_name="Meeting date",
        order_by=("meeting_date", "item_position", "position", "id"),
    )
    item = tables.Column(
        accessor="agenda_item__number",
        verbose_name="Item",
        order_by=("meeting_date", "item_position", "position", "id"),
    )
    item_title = tables.Column(accessor="agenda_item__title", verbose_name="Item title")
    responsible_person = tables.Column(
        verbose_name="Responsible person", order_by=("responsible_person__name",)
    )
    action = tables.Column(accessor="intro", verbose_name="Action")
    status = tables.Column(verbose_name="Status", order_by=("status", "meeting_date", "id"))
    last_chased = tables.Column(
        accessor="last_chased_on", verbose_name="Last chased", empty_values=()
    )
    # Shown only where the page's actions come from several committees (see
    # show_committee_if_several); read from the prefetched meeting, so no query.
    committee = tables.Column(
        accessor="agenda_item__meeting__committee__name",
        verbose_name="Committee",
        orderable=False,
    )

    class Meta:
        model = Action
        fields = ()
        sequence = (
            "select",
            "committee",
            "meeting_date",
            "item",
            "item_title",
            "responsible_person",
            "action",
            "status",
            "last_chased",
        )
        template_name = "django_tables2/govuk.html"
        attrs = {"class": "govuk-table app-register", "data-module": "moj-multi-select"}
        empty_text = "No actions match these filters."

    def show_committee_if_several(self) -> None:
        """Hide the Committee column when the page's actions share one committee."""
        rows = self.page.object_list if self.page else []
        if len({row.record.agenda_item.meeting.committee_id for row in rows}) < 2:
            self.columns.hide("committee")

    # Cells are built with format_html, not templates: 50 rows x 8 cells of template
    # rendering was most of the register's time.
    def render_select(self, record):
        if record.status != Action.Status.ONGOING:
            return ""
        item = record.agenda_item
        return format_html(
            '<div class="govuk-checkboxes govuk-checkboxes--small" data-module="govuk-checkboxes">'
            '<div class="govuk-checkboxes__item"><input class="govuk-checkboxes__input" '
            'id="select-{pk}" name="actions" type="checkbox" value="{pk}" form="bulk-follow-up">'
            '<label class="govuk-label govuk-checkboxes__label" for="select-{pk}">'
            '<span class="govuk-visually-hidden">Select action from item {number} of {date}'
            "</span></label></div></div>"
            # The version shown, so a bulk change refuses an action changed since.
            '<input type="hidden" name="v{pk}" value="{version}" form="bulk-follow-up">',
            pk=record.pk,
            version=record.version,
            number=item.number,
            date=format_date(item.meeting.date),
        )

    def render_meeting_date(self, value):
        return format_date(value)

    def render_action(self, record):
        # What the action asks, readable out of context ("The Committee requested the
        # following:" alone says nothing): the short text names the first requested items.
        return format_html(
            '<a class="govuk-link" href="{}">{}</a>',
            with_back(record.get_absolute_url(), self.back_path),
            record.short_text,
        )

    def render_status(self, record):
        return status_html(record)

    def render_last_chased(self, value):
        return format_date(value) if value else "Not chased"

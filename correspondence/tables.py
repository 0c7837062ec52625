"""django-tables2 tables of the registers, in GOV.UK table markup."""

import django_tables2 as tables
from django.utils.html import format_html

from actions.services import format_date
from actiontracker.backlinks import with_back
from correspondence.models import (
    CommitteeReport,
    Complaint,
    Correspondence,
    TransparencyDisclosure,
)

GOVUK_ATTRS = {"class": "govuk-table app-register"}


class PaperDateColumn(tables.DateColumn):
    """Dates as the papers write them."""

    def render(self, value):
        return format_date(value) if value else "—"


def record_link(record, table) -> str:
    """The record's page, carrying the register's address so its back link keeps the
    register's filters."""
    return with_back(record.get_absolute_url(), table.back_path)


class RegisterTable(tables.Table):
    """Every register in one look: the action register's table template, with sortable
    headers (aria-sort and an arrow) and cards labelled by their headers on a phone."""

    pages_label = "records"
    back_path = ""
    # Shown only where the listed records come from several committees (the selectors
    # join the committee, so it costs no query).
    committee = tables.Column(accessor="committee__name", verbose_name="Committee")

    class Meta:
        attrs = GOVUK_ATTRS
        empty_text = "Nothing matches these filters."
        template_name = "django_tables2/govuk.html"
        sequence = ("...", "committee")

    def show_committee_if_several(self) -> None:
        """Hide the Committee column when the page's records share one committee."""
        if len({row.record.committee_id for row in self.page.object_list}) < 2:
            self.columns.hide("committee")


def disclosure_timeliness(record: TransparencyDisclosure) -> str:
    """The lateness flag as text: late disclosures must stand out without colour."""
    days = record.days_to_disclose
    unit = "day" if days == 1 else "days"
    if record.is_late:
        return f"Late: disclosed {days} {unit} after contact"
    return f"On time: disclosed {days} {unit} after contact"


class CorrespondenceTable(RegisterTable):
    # Newest first, the same day's letters newest entered first, so pages never overlap.
    date = PaperDateColumn(verbose_name="Dated", order_by=("date", "id"))
    direction = tables.Column(verbose_name="Sent or received")
    subject = tables.Column(linkify=record_link)
    party = tables.Column(verbose_name="From / to", empty_values=(), orderable=False)
    reference = tables.Column()
    reply_due = PaperDateColumn(verbose_name="Reply due")
    reply = tables.Column(
        verbose_name="Reply", accessor="reply_count", orderable=False, empty_values=()
    )

    class Meta(RegisterTable.Meta):
        model = Correspondence
        fields = ["date", "direction", "subject", "party", "reference", "reply_due", "reply"]
        order_by = "-date"

    def render_party(self, record):
        if record.direction == Correspondence.Direction.SENT:
            return f"To {record.recipient}"
        return f"From {record.sender}"

    def render_reply(self, record, value):
        if record.direction != Correspondence.Direction.SENT or record.reply_due is None:
            return "—"
        if value:
            return format_html('<strong class="moj-badge moj-badge--green">Replied</strong>')
        return format_html('<strong class="moj-badge moj-badge--blue">Awaiting reply</strong>')


class ComplaintTable(RegisterTable):
    """The complaints register. It has no column for confidential details, by design."""

    received_on = PaperDateColumn(verbose_name="Received", linkify=record_link)
    concerning = tables.Column()
    public_summary = tables.Column(verbose_name="Public summary")
    decision = tables.Column()
    decided_on = PaperDateColumn(verbose_name="Decided")

    class Meta(RegisterTable.Meta):
        model = Complaint
        fields = ["received_on", "concerning", "public_summary", "decision", "decided_on"]
        order_by = "-received_on"


class DisclosureTable(RegisterTable):
    member = tables.Column(linkify=record_link)
    contact_date = PaperDateColumn(verbose_name="Contact")
    with_whom = tables.Column(verbose_name="With whom")
    details = tables.Column()
    disclosed_on = PaperDateColumn(verbose_name="Disclosed")
    timeliness = tables.Column(verbose_name="Within 28 days?", empty_values=(), orderable=False)

    class Meta(RegisterTable.Meta):
        model = TransparencyDisclosure
        fields = ["member", "contact_date", "with_whom", "details", "disclosed_on", "timeliness"]
        order_by = "-disclosed_on"

    def render_timeliness(self, record):
        text = disclosure_timeliness(record)
        if record.is_late:
            return format_html('<strong class="app-late">{}</strong>', text)
        return text


class ReportTable(RegisterTable):
    title = tables.Column(linkify=record_link)
    agreed_on = PaperDateColumn(verbose_name="Agreed")
    addressed_to = tables.Column(verbose_name="Addressed to")
    recommendation_count = tables.Column(verbose_name="Recommendations")
    awaiting_count = tables.Column(verbose_name="Awaiting response")
    response_meeting = tables.Column(verbose_name="Response considered at")

    class Meta(RegisterTable.Meta):
        model = CommitteeReport
        fields = [
            "title",
            "agreed_on",
            "addressed_to",
            "recommendation_count",
            "awaiting_count",
            "response_meeting",
        ]
        order_by = "-agreed_on"

    def render_response_meeting(self, value):
        return format_date(value.date)

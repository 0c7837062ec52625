from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from correspondence.models import (
    CommitteeReport,
    Complaint,
    Correspondence,
    Recommendation,
    TransparencyDisclosure,
)


@admin.register(Correspondence)
class CorrespondenceAdmin(SimpleHistoryAdmin):
    list_display = [
        "date",
        "direction",
        "sender",
        "recipient",
        "subject",
        "reference",
        "reply_due",
        "committee",
    ]
    list_filter = ["direction", "committee", "organisation"]
    list_select_related = ["committee", "organisation"]
    search_fields = ["subject", "reference", "sender", "recipient", "summary"]
    date_hierarchy = "date"
    autocomplete_fields = ["answers", "in_reply_to"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "committee",
                    "direction",
                    ("date", "received_on"),
                    ("sender", "recipient"),
                    "organisation",
                    "subject",
                    "reference",
                    "summary",
                    "file",
                ]
            },
        ),
        ("Replies", {"fields": ["answers", "in_reply_to", "reply_due"]}),
        (
            "Drafting and clearance",
            {
                "fields": [
                    ("drafted_by", "drafted_on"),
                    ("cleared_by_line_manager", "cleared_by_line_manager_on"),
                    ("cleared_by_chief_executive", "cleared_by_chief_executive_on"),
                ]
            },
        ),
    ]


@admin.register(Complaint)
class ComplaintAdmin(SimpleHistoryAdmin):
    list_display = ["received_on", "concerning", "decision", "decided_on", "deadline", "committee"]
    list_filter = ["decision", "committee"]
    list_select_related = ["committee"]
    search_fields = ["concerning", "public_summary"]
    date_hierarchy = "received_on"

    def get_fields(self, request, obj=None):
        fields = [
            "committee",
            "received_on",
            "concerning",
            "public_summary",
            "decision",
            "reasons",
            "decided_on",
            "responsible_officer",
            "deadline",
        ]
        # Confidential details are the Monitoring Officer's alone.
        if request.user.has_perm("correspondence.view_confidential_complaint"):
            fields.insert(4, "confidential_details")
        return fields


@admin.register(TransparencyDisclosure)
class TransparencyDisclosureAdmin(SimpleHistoryAdmin):
    list_display = ["disclosed_on", "member", "contact_date", "with_whom", "late", "committee"]
    list_filter = ["committee"]
    list_select_related = ["committee"]
    search_fields = ["member", "with_whom", "details"]
    date_hierarchy = "disclosed_on"

    @admin.display(description="Late (over 28 days)", boolean=True)
    def late(self, obj):
        return obj.is_late


class RecommendationInline(admin.StackedInline):
    model = Recommendation
    extra = 0
    fields = [("number", "outcome"), "text", "sub_points", "response"]


@admin.register(CommitteeReport)
class CommitteeReportAdmin(admin.ModelAdmin):
    list_display = ["title", "agreed_on", "addressed_to", "committee"]
    list_filter = ["committee", "addressed_to"]
    list_select_related = ["committee", "addressed_to"]
    search_fields = ["title"]
    autocomplete_fields = ["response_letter"]
    inlines = [RecommendationInline]


@admin.register(Recommendation)
class RecommendationAdmin(admin.ModelAdmin):
    list_display = ["report", "number", "outcome"]
    list_filter = ["outcome", "report"]
    list_select_related = ["report"]
    search_fields = ["text", "response"]

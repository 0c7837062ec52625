"""Views of the secretariat workspace: the register, the action page and the edits."""

from actions.views.edit import (
    ActionDeleteView,
    ActionEditView,
    ActionRestoreView,
    ActionStatusView,
    DeletedActionListView,
    FollowUpView,
)
from actions.views.meeting_page import MeetingDetailView
from actions.views.meetings import MeetingCreateView
from actions.views.register import ActionDetailView, ActionExportView, ActionListView

__all__ = [
    "ActionDeleteView",
    "ActionDetailView",
    "ActionEditView",
    "ActionExportView",
    "ActionListView",
    "ActionRestoreView",
    "ActionStatusView",
    "DeletedActionListView",
    "FollowUpView",
    "MeetingCreateView",
    "MeetingDetailView",
]

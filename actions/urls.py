from django.urls import include, path

from actions import views
from actions.views.bulk import ActionBulkStatusView
from actions.views.chases import ChasesDueView
from actions.views.mine import MyActionsView, SettingsView
from actions.views.portal_links import PortalLinksView

urlpatterns = [
    path("", include("actions.dashboard.urls")),
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting-create"),
    path("meetings/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("actions/", views.ActionListView.as_view(), name="action-list"),
    path(
        "actions/export.csv",
        views.ActionExportView.as_view(),
        {"format": "csv"},
        name="action-export-csv",
    ),
    path(
        "actions/export.xlsx",
        views.ActionExportView.as_view(),
        {"format": "xlsx"},
        name="action-export-xlsx",
    ),
    path("actions/follow-up/", views.FollowUpView.as_view(), name="action-follow-up"),
    path("actions/bulk-status/", ActionBulkStatusView.as_view(), name="action-bulk-status"),
    path("actions/chases/", ChasesDueView.as_view(), name="chases-due"),
    path("actions/portal-links/", PortalLinksView.as_view(), name="portal-links"),
    path("actions/mine/", MyActionsView.as_view(), name="my-actions"),
    path("account/", SettingsView.as_view(), name="account-settings"),
    path("actions/deleted/", views.DeletedActionListView.as_view(), name="action-deleted"),
    path("actions/<int:pk>/", views.ActionDetailView.as_view(), name="action-detail"),
    path("actions/<int:pk>/edit/", views.ActionEditView.as_view(), name="action-edit"),
    path("actions/<int:pk>/status/", views.ActionStatusView.as_view(), name="action-status"),
    path("actions/<int:pk>/delete/", views.ActionDeleteView.as_view(), name="action-delete"),
    path("actions/<int:pk>/restore/", views.ActionRestoreView.as_view(), name="action-restore"),
]

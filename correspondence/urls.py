from django.urls import path

from correspondence.views import complaints, disclosures, letters, portal_answers, reports

urlpatterns = [
    path("actions/answers/", portal_answers.AnswersView.as_view(), name="portal-answers"),
    path(
        "actions/answers/<int:pk>/accept/",
        portal_answers.AnswerAcceptView.as_view(),
        name="portal-answer-accept",
    ),
    path(
        "actions/answers/<int:pk>/reject/",
        portal_answers.AnswerRejectView.as_view(),
        name="portal-answer-reject",
    ),
    path(
        "actions/answers/<int:pk>/file/",
        portal_answers.AnswerFileView.as_view(),
        name="portal-answer-file",
    ),
    path("registers/", letters.RegistersIndexView.as_view(), name="registers"),
    path("correspondence/", letters.CorrespondenceListView.as_view(), name="correspondence-list"),
    path(
        "correspondence/export.csv",
        letters.CorrespondenceCsvView.as_view(),
        name="correspondence-export",
    ),
    path(
        "correspondence/overdue/",
        letters.OverdueRepliesView.as_view(),
        name="correspondence-overdue",
    ),
    path(
        "correspondence/new/",
        letters.CorrespondenceCreateView.as_view(),
        name="correspondence-create",
    ),
    path(
        "correspondence/action-search/",
        letters.ActionSearchView.as_view(),
        name="correspondence-action-search",
    ),
    path(
        "correspondence/<int:pk>/",
        letters.CorrespondenceDetailView.as_view(),
        name="correspondence-detail",
    ),
    path(
        "correspondence/<int:pk>/edit/",
        letters.CorrespondenceUpdateView.as_view(),
        name="correspondence-edit",
    ),
    path(
        "correspondence/deleted/",
        letters.DeletedCorrespondenceListView.as_view(),
        name="correspondence-deleted",
    ),
    path(
        "correspondence/<int:pk>/delete/",
        letters.CorrespondenceDeleteView.as_view(),
        name="correspondence-delete",
    ),
    path(
        "correspondence/<int:pk>/restore/",
        letters.CorrespondenceRestoreView.as_view(),
        name="correspondence-restore",
    ),
    path(
        "correspondence/<int:pk>/letter.pdf",
        letters.LetterFileView.as_view(),
        name="correspondence-file",
    ),
    path("complaints/", complaints.ComplaintListView.as_view(), name="complaint-list"),
    path("complaints/export.csv", complaints.ComplaintCsvView.as_view(), name="complaint-export"),
    path("complaints/new/", complaints.ComplaintCreateView.as_view(), name="complaint-create"),
    path("complaints/<int:pk>/", complaints.ComplaintDetailView.as_view(), name="complaint-detail"),
    path(
        "complaints/<int:pk>/edit/",
        complaints.ComplaintUpdateView.as_view(),
        name="complaint-edit",
    ),
    path("disclosures/", disclosures.DisclosureListView.as_view(), name="disclosure-list"),
    path(
        "disclosures/export.csv",
        disclosures.DisclosureCsvView.as_view(),
        name="disclosure-export",
    ),
    path("disclosures/new/", disclosures.DisclosureCreateView.as_view(), name="disclosure-create"),
    path(
        "disclosures/<int:pk>/",
        disclosures.DisclosureDetailView.as_view(),
        name="disclosure-detail",
    ),
    path(
        "disclosures/<int:pk>/edit/",
        disclosures.DisclosureUpdateView.as_view(),
        name="disclosure-edit",
    ),
    path("reports/", reports.ReportListView.as_view(), name="report-list"),
    path("reports/export.csv", reports.ReportCsvView.as_view(), name="report-export"),
    path("reports/new/", reports.ReportCreateView.as_view(), name="report-create"),
    path("reports/<int:pk>/", reports.ReportDetailView.as_view(), name="report-detail"),
    path("reports/<int:pk>/edit/", reports.ReportUpdateView.as_view(), name="report-edit"),
]


from correspondence import chaser_urls  # noqa: E402

urlpatterns += chaser_urls.urlpatterns

from django.urls import include, path

from papers import views
from papers.views import board, imports, response

urlpatterns = [
    path("", include("papers.renderjobs.urls")),
    path("papers/", views.CommitteeListView.as_view(), name="paper-committees"),
    path("papers/committee/<slug:slug>/", views.PaperListView.as_view(), name="paper-list"),
    path("papers/meeting/<int:pk>/create/", views.PaperCreateView.as_view(), name="paper-create"),
    path("papers/<int:pk>/", views.PaperDetailView.as_view(), name="paper-detail"),
    path("papers/<int:pk>/edit/", views.PaperUpdateView.as_view(), name="paper-edit"),
    path("papers/<int:pk>/pdf/", views.PaperPdfView.as_view(), name="paper-pdf"),
    path(
        "papers/<int:pk>/agenda-pack/",
        views.PaperAgendaPackView.as_view(),
        name="paper-agenda-pack",
    ),
    path("papers/replies/<int:pk>/answers/", views.ReplyLinkView.as_view(), name="reply-link"),
    path("papers/<int:pk>/publish/", views.PaperPublishView.as_view(), name="paper-publish"),
    path(
        "reports/<int:pk>/response-paper/",
        response.ResponsePaperView.as_view(),
        name="report-response-paper",
    ),
    path(
        "reports/<int:pk>/response-paper/texts/",
        response.ResponsePaperTextsView.as_view(),
        name="report-response-texts",
    ),
    path("papers/import/", imports.ImportStartView.as_view(), name="import-start"),
    path("papers/imports/", imports.ImportListView.as_view(), name="import-list"),
    path("papers/imports/<int:pk>/", imports.ImportDetailView.as_view(), name="import-detail"),
    path(
        "papers/imports/<int:pk>/confirm/",
        imports.ImportConfirmView.as_view(),
        name="import-confirm",
    ),
    path(
        "papers/imports/<int:pk>/cancel/", imports.ImportCancelView.as_view(), name="import-cancel"
    ),
    path("papers/imports/<int:pk>/file/", imports.ImportFileView.as_view(), name="import-file"),
    path("board-meetings/", board.BoardMeetingListView.as_view(), name="board-meeting-list"),
    path("board-meetings/<int:pk>/annex-a/", board.AnnexView.as_view(), name="board-annex"),
]

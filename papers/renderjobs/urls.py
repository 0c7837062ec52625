from django.urls import path

from papers.renderjobs import views

urlpatterns = [
    path("papers/<int:paper_pk>/render/", views.RenderJobStartView.as_view(), name="render-start"),
    path("render-jobs/<int:pk>/", views.RenderJobDetailView.as_view(), name="render-job"),
    path(
        "render-jobs/<int:pk>/download/",
        views.RenderJobDownloadView.as_view(),
        name="render-job-download",
    ),
]

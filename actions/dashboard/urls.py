from django.urls import path

from actions.dashboard import views

urlpatterns = [
    path("dashboard/", views.DashboardView.as_view(), name="dashboard"),
    path("dashboard/pdf/", views.DashboardPdfView.as_view(), name="dashboard-pdf"),
]

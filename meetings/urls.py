from django.urls import path

from meetings import views

urlpatterns = [
    path("meetings/new/", views.MeetingCreateView.as_view(), name="meeting-create"),
]

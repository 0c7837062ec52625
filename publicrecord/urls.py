from django.urls import path, re_path

from publicrecord import feeds, views

urlpatterns = [
    path("", views.committee_list, name="open-committees"),
    path("<slug:slug>/", views.committee_page, name="open-committee"),
    path("<slug:slug>/meetings.ics", feeds.meetings_calendar, name="open-meetings-ics"),
    path("<slug:slug>/papers.atom", feeds.papers_feed, name="open-papers-atom"),
    path("<slug:slug>/papers/<int:pk>/", views.paper_page, name="open-paper"),
    re_path(
        r"^(?P<slug>[-a-zA-Z0-9_]+)/meetings/(?P<date>\d{4}-\d{2}-\d{2})/$",
        views.meeting_page,
        name="open-meeting",
    ),
]

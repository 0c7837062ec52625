from django.urls import path, re_path

from publicrecord import downloads, feeds, views

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
    # The same lists as the JSON API, as CSV files.
    path("committees.csv", downloads.committees_csv, name="open-committees-csv"),
    path("<slug:slug>/actions.csv", downloads.actions_csv, name="open-actions-csv"),
    path("<slug:slug>/meetings.csv", downloads.meetings_csv, name="open-meetings-csv"),
    path("<slug:slug>/papers.csv", downloads.papers_csv, name="open-papers-csv"),
    path(
        "<slug:slug>/organisations.csv", downloads.organisations_csv, name="open-organisations-csv"
    ),
    path("<slug:slug>/people.csv", downloads.people_csv, name="open-people-csv"),
    path(
        "<slug:slug>/papers/<int:pk>/actions.csv",
        downloads.paper_actions_csv,
        name="open-paper-actions-csv",
    ),
]

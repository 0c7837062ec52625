"""The response portal's URLs, under /respond/: a link carries its token in the path, and
an action is named by its reference on that link, never by its id."""

from django.urls import path

from actions.views.portal import RespondAnswerView, RespondNewDateView, RespondView

urlpatterns = [
    path("<str:token>/", RespondView.as_view(), name="respond"),
    path(
        "<str:token>/actions/<str:ref>/answer/",
        RespondAnswerView.as_view(),
        name="respond-answer",
    ),
    path(
        "<str:token>/actions/<str:ref>/new-date/",
        RespondNewDateView.as_view(),
        name="respond-new-date",
    ),
]

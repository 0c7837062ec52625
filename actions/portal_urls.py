"""The response portal's URLs, under /respond/: a link carries its token in the path."""

from django.urls import path

from actions.views.portal import RespondView

urlpatterns = [
    path("<str:token>/", RespondView.as_view(), name="respond"),
]

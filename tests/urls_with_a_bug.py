"""The project's URLs and error pages plus one page with a bug, to see how the service
answers a fault that is not the database's (``pytest.mark.urls`` names this module in
place of ROOT_URLCONF)."""

from django.urls import path

from actiontracker.urls import *  # noqa: F403
from actiontracker.urls import urlpatterns as project_urlpatterns


def page_with_a_bug(request):
    raise ValueError("a bug")


urlpatterns = [path("a-page-with-a-bug/", page_with_a_bug), *project_urlpatterns]

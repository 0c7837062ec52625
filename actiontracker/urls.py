"""Root URLs."""

from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from actiontracker import views

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("", views.home, name="home"),
    path("accounts/login/", auth_views.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("admin/", admin.site.urls),
    path("", include("actions.urls")),
    path("", include("correspondence.urls")),
    path("", include("papers.urls")),
    path("respond/", include("actions.portal_urls")),
    path("open/", include("publicrecord.urls")),
    path("api/v1/", include("publicrecord.api_urls")),
    path("calendar/", include("publicrecord.calendar_urls")),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

# A database outage met outside a view still gets the 503 page, not a bare 500.
handler500 = "actiontracker.middleware.server_error"
handler400 = "actiontracker.errors.bad_request"
handler403 = "actiontracker.errors.permission_denied"
handler404 = "actiontracker.errors.page_not_found"

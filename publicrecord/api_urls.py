"""The JSON API's URLs, included at /api/v1/ under the namespace ``api-v1``."""

from publicrecord.api import urlpatterns as api_urlpatterns

app_name = "api-v1"
urlpatterns = api_urlpatterns()

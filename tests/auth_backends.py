"""Test-only authentication backend."""

from axes.backends import AxesStandaloneBackend


class AxesOrTestClientBackend(AxesStandaloneBackend):
    """django-axes for every sign-in through a view (those pass the request), while the test
    client's ``login()``, which calls ``authenticate()`` without one, goes straight to the
    model backend instead of being refused."""

    def authenticate(self, request=None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)

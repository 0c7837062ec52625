"""Test settings: fast hashing, mail kept in memory, files in a temporary folder."""

import tempfile

from .base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="actiontracker-media-"))  # noqa: F405
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# The sign-in views still go through django-axes; see tests/auth_backends.py.
AUTHENTICATION_BACKENDS = [
    "tests.auth_backends.AxesOrTestClientBackend",
    # Permissions read afresh on every request, as the query-count tests expect:
    # tests/test_permissions_cache.py runs with the production backend, which caches them.
    "django.contrib.auth.backends.ModelBackend",
]
# Background tasks run at once, in the test's own transaction.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}

"""A fixed-window request counter in Django's cache: enough to slow a script down on the
pages anyone may reach without signing in (the response portal)."""

import hashlib
import time

from django.core.cache import cache


def over_limit(scope: str, key: str, *, limit: int, window: int) -> bool:
    """Count one request for ``key`` in the current window of ``window`` seconds; true once
    more than ``limit`` were counted. Keys are hashed, so a secret (a link's token) never
    reaches the cache's table."""
    digest = hashlib.sha256(key.encode()).hexdigest()[:32]
    slot = int(time.time() // window)
    name = f"ratelimit:{scope}:{digest}:{slot}"
    # add() is a no-op when the key exists. The database cache's incr() reads then writes,
    # so two requests at the same instant may count once: a limit, not an exact count.
    cache.add(name, 0, timeout=window)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between the two calls
        cache.set(name, 1, timeout=window)
        count = 1
    return count > limit

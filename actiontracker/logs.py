"""No portal token in any log: a chase's link carries its token in the path
(/respond/<token>/), and whoever reads a log line must not be able to use the link.

Django's request loggers (a 404 or 429 names the path), the development server's request
lines and gunicorn's access log all pass through here and write ``/respond/[link]/``.
"""

import logging
import re

from gunicorn.glogging import Logger as GunicornBaseLogger

# The token's alphabet is Django's signing one (URL-safe base64 and ":"); whatever follows
# /respond/ up to the next slash, query or space is the token.
PORTAL_PATH = re.compile(r"(/respond/)[^/?#\s\"']+")
REDACTED = r"\1[link]"


def redact(text):
    """``text`` with every portal token replaced; anything not a string is left alone."""
    if isinstance(text, str):
        return PORTAL_PATH.sub(REDACTED, text)
    return text


class RedactPortalTokens(logging.Filter):
    """A logging filter that takes portal tokens out of a record's message and arguments
    (and drops the request it carries, whose path would name the token)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.msg = redact(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(redact(arg) for arg in record.args)
        elif isinstance(record.args, dict):
            record.args = {key: redact(value) for key, value in record.args.items()}
        if hasattr(record, "request"):
            record.request = None
        return True


class GunicornLogger(GunicornBaseLogger):
    """gunicorn's logger with portal tokens taken out of its access log lines
    (`make serve` passes it as --logger-class)."""

    def atoms(self, resp, req, environ, request_time):
        return {
            key: redact(value)
            for key, value in super().atoms(resp, req, environ, request_time).items()
        }

"""The e-mail to users who asked to be told when a paper is published (their settings page),
sent through Django's e-mail framework once the publishing has committed."""

import logging

from django.conf import settings
from django.core import mail
from django.template.loader import render_to_string

from actions.owners import holders_of
from papers.models import Paper

logger = logging.getLogger(__name__)


def publication_recipients():
    """Users who opted in, have an e-mail address and may read papers."""
    return (
        holders_of("papers.view_paper")
        .filter(tracker_settings__notify_on_publish=True)
        .exclude(email="")
        .order_by("pk")
    )


def publication_messages(paper: Paper) -> list[mail.EmailMultiAlternatives]:
    """One message per recipient, so no one sees who else is told."""
    committee = paper.meeting.committee
    context = {
        "paper": paper,
        "committee": committee,
        "link": settings.SITE_URL + paper.get_absolute_url(),
    }
    # Header text on one line whatever the titles hold.
    subject = " ".join(f"Published: {paper.subject} – {committee.name}".split())
    text = render_to_string("papers/published_email.txt", context)
    html = render_to_string("papers/published_email.html", context)
    messages = []
    for user in publication_recipients():
        message = mail.EmailMultiAlternatives(subject=subject, body=text, to=[user.email])
        message.attach_alternative(html, "text/html")
        messages.append(message)
    return messages


def paper_notify_published(*, paper_id: int) -> int:
    """Tell every opted-in user the paper is published; returns how many were sent. A mail
    server that fails is logged: the paper stays published all the same."""
    paper = Paper.objects.select_related("meeting__committee").get(pk=paper_id)
    messages = publication_messages(paper)
    if not messages:
        return 0
    try:
        with mail.get_connection() as connection:
            return connection.send_messages(messages) or 0
    except Exception:  # any failure of the mail server
        logger.exception("Could not e-mail that paper %s was published", paper_id)
        return 0

"""A committee's public calendar (iCalendar, RFC 5545) and its feed of newly published
papers (Atom): each event and entry links back to its public page."""

import datetime as dt

from django.http import HttpResponse
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from icalendar import Calendar, Event

from publicrecord import selectors
from publicrecord.caching import committee_freshness, public

FEED_ENTRIES = 50


def meeting_url(request, meeting) -> str:
    return request.build_absolute_uri(
        reverse("open-meeting", args=[meeting.committee.slug, meeting.date.isoformat()])
    )


@public
def meetings_calendar(request, slug):
    """Every meeting of the committee as an all-day event linking to its public page."""
    committee = selectors.open_committee(slug)
    calendar = Calendar()
    calendar.add("prodid", "-//Action Tracker//Open record//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", f"{committee.name} meetings")
    # When the calendar last changed, so the same ETag always means the same bytes.
    stamp = committee_freshness(request, slug)[1].astimezone(dt.UTC).replace(microsecond=0)
    host = request.get_host().split(":")[0]
    for meeting in selectors.public_meetings(committee):
        meeting.committee = committee
        event = Event()
        event.add("uid", f"meeting-{meeting.pk}@{host}")
        event.add("dtstamp", stamp)
        event.add("dtstart", meeting.date)
        event.add("dtend", meeting.date + dt.timedelta(days=1))
        summary = committee.name + (f": {meeting.title}" if meeting.title else "")
        event.add("summary", summary)
        event.add("url", meeting_url(request, meeting))
        calendar.add_component(event)
    return HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")


@public
def papers_feed(request, slug):
    """The committee's published papers, newest publication first."""
    committee = selectors.open_committee(slug)
    page = request.build_absolute_uri(reverse("open-committee", args=[slug]))
    feed = Atom1Feed(
        title=f"{committee.name}: published papers",
        link=page,
        description=f"Papers published by the {committee.name}.",
        feed_url=request.build_absolute_uri(),
        language="en-gb",
    )
    papers = sorted(
        selectors.published_papers(committee), key=lambda p: p.published_at, reverse=True
    )
    for paper in papers[:FEED_ENTRIES]:
        link = request.build_absolute_uri(reverse("open-paper", args=[slug, paper.pk]))
        feed.add_item(
            title=f"{paper.subject} – {paper.meeting.date:%-d %B %Y}",
            link=link,
            description=f"{paper.get_kind_display()} for the meeting of "
            f"{paper.meeting.date:%-d %B %Y}, published {paper.published_at:%-d %B %Y}.",
            unique_id=link,
            pubdate=paper.published_at,
            updateddate=paper.published_at,
        )
    return HttpResponse(
        feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8"
    )

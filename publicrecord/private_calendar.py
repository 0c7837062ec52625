"""A user's private calendar (iCalendar, RFC 5545), at a secret link from their settings
page: the meetings and deadlines of the committees they may see (letters awaiting a reply,
action due dates, disclosure deadlines, report responses) and the actions they own, each
event linking back to its page. The link's token opens this feed and nothing else: it
signs nobody in, and a replaced or turned-off link answers 404."""

import datetime as dt

from django.conf import settings
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.utils import timezone
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event

from actions.account import user_for_calendar_token
from actions.models import Action
from correspondence.models import CommitteeReport, Correspondence, TransparencyDisclosure
from meetings import deadlines
from meetings.models import Committee, Meeting

# How far back the calendar reaches: a year of the past, and everything to come.
PAST_DAYS = 365


def committees_of(user):
    """The committees whose dates the user cares about: their own, or every one when they
    belong to none."""
    own = Committee.objects.filter(people=user)
    return own if own.exists() else Committee.objects.all()


def _event(uid, day, summary, url, description="") -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstart", day)
    event.add("dtend", day + dt.timedelta(days=1))
    event.add("summary", summary)
    event.add("url", url)
    if description:
        event.add("description", f"{description}\n{url}")
    return event


def calendar_events(user, *, today: dt.date, host: str, site: str) -> list[Event]:
    """The user's events, each query bounded by the committees and dates they may see."""
    since = today - dt.timedelta(days=PAST_DAYS)
    committees = list(committees_of(user))
    events = []
    if user.has_perm("meetings.view_meeting"):
        for meeting in Meeting.objects.filter(committee__in=committees, date__gte=since).order_by(
            "date"
        ):
            meeting.committee = next(c for c in committees if c.pk == meeting.committee_id)
            title = meeting.committee.name + (f": {meeting.title}" if meeting.title else "")
            url = site + meeting.get_absolute_url()
            events.append(_event(f"meeting-{meeting.pk}@{host}", meeting.date, title, url))
    if user.has_perm("correspondence.view_correspondence"):
        letters = Correspondence.objects.awaiting_reply().filter(
            committee__in=committees, reply_due__gte=since
        )
        for letter in letters.select_related("committee").order_by("reply_due", "pk"):
            explained = letter.reply_due_deadline
            events.append(
                _event(
                    f"letter-reply-{letter.pk}@{host}",
                    letter.reply_due,
                    f"Reply due: {letter.subject} (to {letter.recipient})",
                    site + letter.get_absolute_url(),
                    explained.explain() if explained else "Set by an officer",
                )
            )
    if user.has_perm("actions.view_action"):
        # Their own and their committees' actions: one row each (no join that repeats rows).
        actions = Action.objects.outstanding().filter(
            Q(owner=user) | Q(committee__in=committees), due_date__gte=since
        )
        for action in actions.select_related("agenda_item").order_by("due_date", "pk"):
            owned = " (yours)" if action.owner_id == user.pk else ""
            explained = action.due_deadline
            events.append(
                _event(
                    f"action-due-{action.pk}@{host}",
                    action.due_date,
                    f"Action due{owned}: {action.short_text}",
                    site + action.get_absolute_url(),
                    explained.explain() if explained else "Due date set by an officer",
                )
            )
    if user.has_perm("correspondence.view_transparencydisclosure"):
        disclosures = TransparencyDisclosure.objects.select_related("committee").filter(
            committee__in=committees,
            contact_date__gte=since - dt.timedelta(days=deadlines.DISCLOSURE_DAYS),
        )
        for disclosure in disclosures.order_by("contact_date", "pk"):
            due = disclosure.due
            events.append(
                _event(
                    f"disclosure-due-{disclosure.pk}@{host}",
                    due.due,
                    f"Disclosure due: {disclosure.member}, contact with {disclosure.with_whom}",
                    site + disclosure.get_absolute_url(),
                    due.explain(),
                )
            )
    if user.has_perm("correspondence.view_committeereport"):
        reports = CommitteeReport.objects.select_related("committee").filter(
            committee__in=committees, response_letter__isnull=True, agreed_on__isnull=False
        )
        for report in reports.order_by("agreed_on", "pk"):
            due = report.response_due
            if due.due >= since:
                events.append(
                    _event(
                        f"report-response-{report.pk}@{host}",
                        due.due,
                        f"Response due: {report.title}",
                        site + report.get_absolute_url(),
                        due.explain(),
                    )
                )
    return events


@require_GET
def private_calendar(request, token):
    """The calendar of the user whose secret link this is; 404 for any other token."""
    user = user_for_calendar_token(token)
    if user is None:
        raise Http404("No such calendar")
    host = request.get_host().split(":")[0]
    calendar = Calendar()
    calendar.add("prodid", "-//Action Tracker//Your calendar//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Action Tracker: your meetings and deadlines")
    stamp = timezone.now().astimezone(dt.UTC).replace(microsecond=0)
    today = timezone.localdate()
    for event in calendar_events(user, today=today, host=host, site=settings.SITE_URL):
        event.add("dtstamp", stamp)
        calendar.add_component(event)
    response = HttpResponse(calendar.to_ical(), content_type="text/calendar; charset=utf-8")
    # Personal: never kept by a shared cache, nor its link passed on to another site.
    response["Cache-Control"] = "private, no-store"
    response["Referrer-Policy"] = "no-referrer"
    return response

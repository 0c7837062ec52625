"""A committee's open record at volume, for the query-count test and bench/open_api.py:
``seed_volume``'s meetings, items and actions, with the history records publication reads
and two published papers listing them."""

import datetime as dt

from django.utils import timezone

from actions.models import Action
from meetings.models import AgendaItem, Committee, Meeting
from papers.management.commands.seed_volume import seed_volume
from papers.models import Paper


def seed_open_record(*, actions: int, slug: str, seed: int = 1) -> dict:
    """``actions`` actions of a committee that publishes openly. Its newest meeting's paper
    lists every action, the paper of the meeting before lists those agreed before that."""
    seed_volume(actions=actions, committee_slug=slug, seed=seed)
    committee = Committee.objects.get(slug=slug)
    committee.publishes_openly = True
    committee.save(update_fields=["publishes_openly"])
    now = timezone.now()
    # bulk_create writes no history; publication reads the records as they stood then.
    written = now - dt.timedelta(days=1)
    listed = list(Action.objects.filter(committee=committee).order_by("-meeting_date", "pk"))
    Action.history.bulk_history_create(listed, default_date=written, batch_size=2000)
    items = list(AgendaItem.objects.filter(meeting__committee=committee))
    AgendaItem.history.bulk_history_create(items, default_date=written, batch_size=2000)
    newest, previous = Meeting.objects.filter(committee=committee).order_by("-date")[:2]
    earlier = Paper.objects.create(
        meeting=previous,
        status=Paper.Status.PUBLISHED,
        published_at=now - dt.timedelta(hours=1),
        published_action_ids=[a.pk for a in listed if a.meeting_date < previous.date],
    )
    latest = Paper.objects.create(
        meeting=newest,
        status=Paper.Status.PUBLISHED,
        published_at=now,
        published_action_ids=[a.pk for a in listed],
    )
    return {
        "committee": committee,
        "papers": [latest, earlier],
        "meeting": newest.date,
        "action": listed[len(listed) // 2],
    }

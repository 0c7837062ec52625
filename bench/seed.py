"""A quick bulk seed for benchmarks, used until `manage.py seed_volume` exists.

Run inside a configured Django (bench/load.py calls it as
`python bench/seed.py N` with DATABASE_URL set).
"""

import random
import sys
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

ACTIONS_PER_ITEM = 5
ITEMS_PER_MEETING = 6


def bulk_seed(actions: int, committee_slug: str = "police-and-crime-committee") -> int:
    """Add `actions` actions (with meetings, items and a follow-up each) in bulk."""
    from django.contrib.auth.models import User
    from django.db import transaction

    from actions.models import Action, FollowUp, ResponsiblePerson
    from meetings.models import AgendaItem, Committee, Meeting, Organisation

    rng = random.Random(8)
    with transaction.atomic():
        committee = Committee.objects.get(slug=committee_slug)
        organisation, _ = Organisation.objects.get_or_create(name="Bench Police Service")
        people = [
            ResponsiblePerson.objects.get_or_create(
                name=f"Bench Officer {i}", organisation=organisation
            )[0]
            for i in range(40)
        ]
        officer = User.objects.filter(username="officer").first()
        taken = set(Meeting.objects.filter(committee=committee).values_list("date", flat=True))
        per_meeting = ACTIONS_PER_ITEM * ITEMS_PER_MEETING
        day, meetings = date(2010, 1, 6), []
        while len(meetings) * per_meeting < actions:
            if day not in taken:
                meetings.append(Meeting(committee=committee, date=day))
            day += timedelta(days=7)
        Meeting.objects.bulk_create(meetings)
        items = AgendaItem.objects.bulk_create(
            AgendaItem(meeting=m, number=str(n + 1), title=f"Item {n + 1} on {m.date}", position=n)
            for m in meetings
            for n in range(ITEMS_PER_MEETING)
        )
        statuses = [Action.Status.ONGOING, Action.Status.COMPLETED, Action.Status.CLOSED]
        new = []
        for i in range(actions):
            item = items[i // ACTIONS_PER_ITEM]
            status = rng.choice(statuses)
            new.append(
                Action(
                    agenda_item=item,
                    responsible_person=rng.choice(people),
                    position=i % ACTIONS_PER_ITEM,
                    intro=f"To provide the Committee with a note on topic {i} raised at the "
                    f"meeting on {item.meeting.date:%-d %B %Y}.",
                    requested_items=[f"figures for {i}", "an update on progress"][: i % 3],
                    status=status,
                    finished_on=None if status == Action.Status.ONGOING else item.meeting.date,
                    timing=f"{item.meeting.date + timedelta(days=60):%B %Y}",
                    due_date=item.meeting.date + timedelta(days=60),
                    last_chased_on=item.meeting.date + timedelta(days=30),
                )
            )
        created = Action.all_objects.bulk_create(new, batch_size=1000)
        FollowUp.objects.bulk_create(
            (
                FollowUp(action=a, date=a.last_chased_on, note="Chased by email.", by=officer)
                for a in created
            ),
            batch_size=1000,
        )
    return len(created)


if __name__ == "__main__":
    import os

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "actiontracker.settings")
    django.setup()
    print(bulk_seed(int(sys.argv[1])))

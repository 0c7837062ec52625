"""Synthetic but realistic volume for benchmarks: years of meetings, items, actions,
chases and letters, written with bulk inserts so 100,000 actions take seconds."""

import datetime as dt
import random
import time

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from actions.models import Action, FollowUp, ResponsiblePerson
from actions.services import followed_up_note, format_date
from correspondence.models import Correspondence
from meetings.models import AgendaItem, Committee, Meeting, Organisation
from papers.demo import ORGANISATIONS

DEFAULT_COMMITTEE = "police-and-crime-committee"
BATCH = 2000
ACTIONS_PER_MEETING = 12
MAX_MEETINGS = 240  # ten years of two meetings a month; more volume makes meetings fuller
MAX_ITEMS_PER_MEETING = 10

# (post, organisation short name or name, internal, weight)
PEOPLE = [
    ("Commissioner", "MPS", False, 3),
    ("Deputy Commissioner", "MPS", False, 8),
    ("Assistant Commissioner, Frontline Policing", "MPS", False, 6),
    ("Assistant Commissioner, Met Operations", "MPS", False, 4),
    ("Deputy Mayor for Policing and Crime", "MOPAC", False, 5),
    ("Chief Executive Officer", "MOPAC", False, 6),
    ("Director of Strategy", "MOPAC", False, 3),
    ("Director of the Violence Reduction Unit", "VRU", False, 3),
    ("Director of Compliance, Policing, Operations and Security", "TfL", False, 2),
    ("Chief Executive", "Safer London", False, 1),
    ("Senior Policy Adviser", None, True, 4),
    ("Senior Committee Officer", None, True, 2),
    ("Executive Director of Secretariat", None, True, 1),
]
TOPICS = [
    "Neighbourhood Policing",
    "Violence Against Women and Girls",
    "Stop and Search",
    "Knife Crime",
    "Police Recruitment and Retention",
    "Custody Standards",
    "Youth Violence",
    "Public Order Policing",
    "Police Misconduct",
    "Safety on Public Transport",
    "Child Exploitation",
    "Hate Crime",
    "Fraud and Cyber Crime",
    "Police Estate",
    "Domestic Abuse",
    "Road Safety",
]
ITEM_KINDS = ["Question and Answer Session", "Scrutiny", "Update", "Investigation"]
VERBS = ["provide", "share", "send", "confirm", "write to the Committee with"]
SUBJECTS = [
    "the number of officers working on",
    "a breakdown by borough of",
    "the latest figures on",
    "further information on",
    "an update on",
    "the timetable for",
    "the evaluation of",
    "the budget allocated to",
    "the outcome of the review of",
    "data on",
]
OBJECTS = [
    "response times to emergency calls",
    "the use of body-worn video",
    "victim satisfaction",
    "the backlog of rape investigations",
    "officers on restricted duties",
    "the Safer Neighbourhood teams",
    "repeat victims of domestic abuse",
    "the new custody suites",
    "complaints upheld against officers",
    "the Violence Reduction Unit's programmes",
    "exclusions from school",
    "stop and search outcomes by ethnicity",
]
ENDINGS = [
    "",
    " for the last three years",
    " for each Basic Command Unit",
    ", including the criteria used",
    " since the last meeting",
]
DELEGATION = (
    "That authority be delegated to the Chair, in consultation with party Group Lead "
    "Members, to agree any output arising from the discussion."
)


def sentence(rng: random.Random) -> str:
    return f"{rng.choice(SUBJECTS)} {rng.choice(OBJECTS)}{rng.choice(ENDINGS)}"


class Command(BaseCommand):
    help = "Add synthetic meetings, items, actions, chases and letters to a committee."

    def add_arguments(self, parser):
        parser.add_argument("--actions", type=int, required=True, help="How many actions.")
        parser.add_argument("--committee", default=DEFAULT_COMMITTEE, help="Committee slug.")
        parser.add_argument("--seed", type=int, default=1, help="Random seed (repeatable).")

    def handle(self, *args, actions, committee, seed, **options):
        if actions < 0:
            raise CommandError("--actions must be zero or more.")
        started = time.monotonic()
        with transaction.atomic():
            created = seed_volume(actions=actions, committee_slug=committee, seed=seed)
        self.stdout.write(
            f"Added {created['meetings']} meetings, {created['items']} agenda items, "
            f"{created['actions']} actions, {created['follow_ups']} follow-ups and "
            f"{created['letters']} letters to {committee} in "
            f"{time.monotonic() - started:.1f} s."
        )


def seed_volume(*, actions: int, committee_slug: str, seed: int = 1) -> dict:
    """Add ``actions`` actions (with their meetings and chases) to the committee."""
    rng = random.Random(seed)
    today = timezone.localdate()
    committee = _committee(committee_slug)
    people, weights = _people()

    # Two meetings a month going back as far as needed, on days not yet taken.
    meeting_count = min(MAX_MEETINGS, max(1, -(-actions // ACTIONS_PER_MEETING)))
    per_meeting = max(1, -(-actions // meeting_count))
    items_per_meeting = min(MAX_ITEMS_PER_MEETING, max(1, -(-per_meeting // 3)))
    taken = set(Meeting.objects.filter(committee=committee).values_list("date", flat=True))
    dates, day = [], today - dt.timedelta(days=7)
    while len(dates) < meeting_count:
        if day not in taken:
            dates.append(day)
        day -= dt.timedelta(days=15)
    meetings = Meeting.objects.bulk_create(
        [Meeting(committee=committee, date=date) for date in dates], batch_size=BATCH
    )
    items = AgendaItem.objects.bulk_create(
        [
            AgendaItem(
                meeting=meeting,
                number=str(5 + n),
                title=f"{rng.choice(TOPICS)} – {rng.choice(ITEM_KINDS)}",
                position=n,
            )
            for meeting in meetings
            for n in range(items_per_meeting)
        ],
        batch_size=BATCH,
    )

    new_actions, chases = [], []
    for index in range(actions):
        meeting_index, position = divmod(index, per_meeting)
        item = items[meeting_index * items_per_meeting + position % items_per_meeting]
        meeting_date = meetings[meeting_index].date
        action, chase_dates = _action(rng, item, meeting_date, today, people, weights)
        action.position = position
        new_actions.append(action)
        chases.append(chase_dates)
    new_actions = Action.objects.bulk_create(new_actions, batch_size=BATCH)

    follow_ups = [
        FollowUp(action=action, date=date, method=FollowUp.Method.LETTER)
        for action, dates_ in zip(new_actions, chases, strict=True)
        for date in dates_
    ]
    FollowUp.objects.bulk_create(follow_ups, batch_size=BATCH)
    letters = _letters(rng, committee, meetings)
    return {
        "meetings": len(meetings),
        "items": len(items),
        "actions": len(new_actions),
        "follow_ups": len(follow_ups),
        "letters": len(letters),
    }


def _committee(slug: str) -> Committee:
    committee = Committee.objects.filter(slug=slug).first()
    if committee is None:
        small = {"and", "of", "the", "for", "on"}
        words = slug.split("-")
        name = " ".join(w if w in small and i else w.capitalize() for i, w in enumerate(words))
        committee = Committee.objects.create(name=name, slug=slug)
    return committee


def _people() -> tuple[list[ResponsiblePerson], list[int]]:
    organisations = {}
    for name, short in ORGANISATIONS:
        org = Organisation.objects.filter(name=name).first()
        if org is None:
            org = Organisation.objects.create(name=name, short_name=short)
        organisations[short or name] = org
    people, weights = [], []
    for post, org_key, internal, weight in PEOPLE:
        organisation = organisations.get(org_key)
        person, _ = ResponsiblePerson.objects.get_or_create(
            name=post, organisation=organisation, defaults={"is_internal": internal}
        )
        people.append(person)
        weights.append(weight)
    return people, weights


def _action(rng, item, meeting_date, today, people, weights) -> tuple[Action, list[dt.date]]:
    person = rng.choices(people, weights)[0]
    age = (today - meeting_date).days
    # Older actions are more likely to have been completed or closed.
    finished_share = min(0.95, 0.25 + age / 900)
    roll = rng.random()
    if roll < finished_share * 0.8:
        status = Action.Status.COMPLETED
    elif roll < finished_share:
        status = Action.Status.CLOSED
    else:
        status = Action.Status.ONGOING

    if rng.random() < 0.05:
        intro, requested = DELEGATION, []
    elif rng.random() < 0.35:
        intro = f"The {person.name} agreed to provide:"
        requested = [sentence(rng).capitalize() for _ in range(rng.randint(2, 8))]
    else:
        intro = f"The {person.name} agreed to {rng.choice(VERBS)} {sentence(rng)}."
        requested = []

    # Chases every few weeks after the meeting, until finished (or up to today).
    chase_dates = []
    if rng.random() < 0.8 and age > 20:
        chased = meeting_date + dt.timedelta(days=rng.randint(14, 40))
        while chased < today and len(chase_dates) < 3:
            chase_dates.append(chased)
            chased += dt.timedelta(days=rng.randint(30, 150))
    finished_on = None
    if status != Action.Status.ONGOING:
        latest = chase_dates[-1] if chase_dates else meeting_date
        finished_on = min(today, latest + dt.timedelta(days=rng.randint(3, 60)))
    last_chased = chase_dates[-1] if chase_dates else None

    if status == Action.Status.CLOSED:
        note = rng.choice(["Delegation not used.", "No longer pursued.", "See Agenda Item 8."])
    elif status == Action.Status.COMPLETED:
        note = f"Response received on {format_date(finished_on)}."
    elif last_chased:
        note = followed_up_note(last_chased)
    else:
        note = ""
    action = Action(
        agenda_item=item,
        # bulk_create skips Action.save, which copies these from the meeting.
        committee_id=item.meeting.committee_id,
        meeting_date=meeting_date,
        responsible_person=person,
        intro=intro,
        requested_items=requested,
        status=status,
        status_note=note,
        finished_on=finished_on,
        last_chased_on=last_chased,
    )
    return action, chase_dates


def _letters(rng, committee, meetings) -> list[Correspondence]:
    letters = []
    for meeting in meetings[::2]:
        letters.append(
            Correspondence(
                committee=committee,
                direction=Correspondence.Direction.SENT,
                date=meeting.date + dt.timedelta(days=rng.randint(2, 14)),
                sender="Chair of the Police and Crime Committee",
                recipient=rng.choice(["the Commissioner", "the Deputy Mayor for Policing"]),
                subject=f"Follow-up to the meeting on {format_date(meeting.date)}",
            )
        )
    return Correspondence.objects.bulk_create(letters, batch_size=BATCH)

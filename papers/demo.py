"""Demo data: a year of a policing committee's meetings, written for this project.

Everything is keyed on natural keys, so loading it twice changes nothing. The records
themselves are in papers.demo_records.
"""

import datetime as dt

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from actions.models import Action, FollowUp, ResponsiblePerson
from actions.services import action_create, followup_record
from actiontracker import roles
from correspondence.models import Complaint, Correspondence, TransparencyDisclosure
from meetings.models import (
    AgendaItem,
    Committee,
    Contact,
    ContactOfficer,
    Meeting,
    Organisation,
)
from papers import demo_papers
from papers.demo_records import (
    CONTACTS,
    DEMO_ACCOUNTS,
    DEMO_PASSWORD,
    FOLLOW_UPS,
    MEETINGS,
    ORGANISATIONS,
    PEOPLE,
)


@transaction.atomic
def load_demo() -> list[tuple[str, str, str]]:
    """Create or refresh the demo records and accounts; returns (user, password, role)."""
    roles.ensure_role_groups()
    committee, _ = Committee.objects.get_or_create(
        slug="police-and-crime-committee",
        defaults={"name": "Police and Crime Committee"},
    )
    # It publishes openly, so `make run` shows the open record under /open/.
    Committee.objects.filter(pk=committee.pk).update(publishes_openly=True)
    ContactOfficer.objects.get_or_create(
        committee=committee,
        name="Alex Morgan",
        defaults={
            "title": "Senior Committee Officer",
            "telephone": "020 7946 0000",
            "email": "alex.morgan@example.org",
        },
    )
    organisations = {}
    for name, short in ORGANISATIONS:
        organisations[short or name], _ = Organisation.objects.get_or_create(
            name=name, defaults={"short_name": short}
        )
    for org, name, email, deputy, deputy_email, address in CONTACTS:
        Contact.objects.get_or_create(
            organisation=organisations[org],
            defaults={
                "name": name,
                "email": email,
                "deputy_name": deputy,
                "deputy_email": deputy_email,
                "postal_address": address,
            },
        )
    # Its due chases go out by themselves: `send_chases --date 2026-12-01` chases the MPS
    # and MOPAC for the actions last chased on 29 October or agreed on 11 November.
    Committee.objects.filter(pk=committee.pk).update(chases_send_automatically=True)
    people = {}
    for name, org, internal in PEOPLE:
        people[name], _ = ResponsiblePerson.objects.get_or_create(
            name=name,
            organisation=organisations.get(org),
            defaults={"is_internal": internal},
        )

    actions_by_meeting: dict[dt.date, list[Action]] = {}
    for date, items in MEETINGS:
        meeting, _ = Meeting.objects.get_or_create(committee=committee, date=date)
        actions_by_meeting[date] = []
        for position, (number, title, actions) in enumerate(items):
            item, _ = AgendaItem.objects.get_or_create(
                meeting=meeting, number=number, defaults={"title": title, "position": position}
            )
            for a_position, (person, intro, requested, status, note, finished) in enumerate(
                actions
            ):
                action = Action.objects.filter(
                    agenda_item=item, responsible_person=people[person], intro=intro
                ).first() or action_create(
                    agenda_item=item,
                    responsible_person=people[person],
                    intro=intro,
                    requested_items=requested,
                    status=status,
                    status_note=note,
                    finished_on=finished,
                    position=a_position,
                )
                actions_by_meeting[date].append(action)

    for date, meeting_dates in FOLLOW_UPS:
        chased = [
            a
            for d in meeting_dates
            for a in actions_by_meeting[d]
            if a.status == Action.Status.ONGOING
            and not FollowUp.objects.filter(action=a, date=date).exists()
        ]
        if chased:
            followup_record(
                actions=chased,
                date=date,
                method=FollowUp.Method.LETTER,
                note="Chased by letter from the Chair.",
            )

    sent, _ = Correspondence.objects.get_or_create(
        committee=committee,
        direction=Correspondence.Direction.SENT,
        date=dt.date(2026, 10, 20),
        subject="Invitation to the December meeting",
        defaults={
            "sender": "Chair of the Police and Crime Committee",
            "recipient": "the Mayor of London",
            "summary": "the Chair of the Committee invited the Mayor of London to attend the "
            "meeting of the Police and Crime Committee on 9 December 2026",
            "reference": "PCC/2026/041",
            "reply_due": dt.date(2026, 11, 17),
        },
    )
    reply, _ = Correspondence.objects.get_or_create(
        committee=committee,
        direction=Correspondence.Direction.RECEIVED,
        date=dt.date(2026, 4, 28),
        subject="Response to the Committee's requests of 18 February",
        defaults={
            "sender": "Deputy Commissioner, MPS",
            "recipient": "Chair of the Committee",
            "organisation": organisations["MPS"],
            "received_on": dt.date(2026, 4, 30),
            "reference": "MPS-2026-0412",
        },
    )
    answered = [
        a
        for a in actions_by_meeting[dt.date(2026, 2, 18)]
        if a.responsible_person == people["Deputy Commissioner"]
    ]
    reply.answers.add(*answered)
    demo_papers.attach_letter_pdf(reply)

    Complaint.objects.get_or_create(
        committee=committee,
        received_on=dt.date(2026, 10, 2),
        concerning="the Commissioner of Police of the Metropolis",
        defaults={
            "public_summary": (
                "The Monitoring Officer received a complaint from a member of the public "
                "concerning the Commissioner. As it does not relate to the conduct of a "
                "relevant office holder, the Monitoring Officer decided that no action should "
                "be taken and that the complaint would not be recorded."
            ),
            "confidential_details": "Complainant: name and address held on file ref MO/26/017.",
            "decision": Complaint.Decision.NOT_RECORDED,
            "reasons": "Not about the conduct of a relevant office holder.",
            "decided_on": dt.date(2026, 10, 9),
        },
    )
    for member, contact, with_whom, disclosed in [
        (
            "Member for the North East",
            dt.date(2026, 9, 22),
            "Borough Commander, North East BCU",
            dt.date(2026, 10, 6),
        ),
        (
            "Member for the South West",
            dt.date(2026, 9, 1),
            "Deputy Mayor for Policing and Crime",
            dt.date(2026, 10, 19),
        ),
    ]:
        TransparencyDisclosure.objects.get_or_create(
            committee=committee,
            member=member,
            contact_date=contact,
            defaults={
                "with_whom": with_whom,
                "disclosed_on": disclosed,
                "details": "A briefing on local policing priorities.",
            },
        )

    demo_papers.load_board(organisations, people["Deputy Commissioner"])
    demo_papers.load_report(committee, organisations)
    demo_papers.load_published_paper(committee)
    demo_papers.load_next_paper(committee, organisations, actions_by_meeting[dt.date(2026, 11, 11)])

    accounts = []
    user_model = get_user_model()
    for username, group_name, label, staff in DEMO_ACCOUNTS:
        user, created = user_model.objects.get_or_create(username=username)
        if created or not user.check_password(DEMO_PASSWORD):
            user.set_password(DEMO_PASSWORD)
        user.is_staff = staff
        user.save()
        user.groups.set([Group.objects.get(name=group_name)])
        if group_name != roles.MONITORING:
            committee.people.add(user)
        accounts.append((username, DEMO_PASSWORD, label))
    return accounts

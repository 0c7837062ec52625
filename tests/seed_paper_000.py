# ruff: noqa: E501 - the seed's sentences are data, kept whole for reading against the seed
"""The records behind seed paper 000 ("Summary List of Actions", 24 May 2023), typed in by
hand, so a test can render the paper from them and compare it with the seed."""

import datetime as dt

from actions.models import Action, ResponsiblePerson
from correspondence.models import Complaint, Correspondence
from meetings.models import AgendaItem, Committee, ContactOfficer, Meeting, Organisation
from papers.models import Paper
from papers.services import paper_create

D = dt.date
DELEGATION = (
    "That authority be delegated to the Chairman, in consultation with party Group Lead "
    "Members, to agree any output arising from the discussion."
)
STANDARDS = (
    "Independent Review into the Standards of Behaviour and Internal Culture of the "
    "Metropolitan Police Service (MPS)"
)
RESIGNATION = (
    "Resignation of the Former Metropolitan Police Commissioner, Dame Cressida Dick DBE QPM"
)
COMPLAINT_SUMMARY = (
    "The Monitoring Officer has received a complaint by a member of the public concerning the "
    "Metropolitan Police Commissioner. As the complaint is not relating to the conduct of a "
    "relevant office holder, the Monitoring Officer has decided that no action should be "
    "taken and that the complaint will not be recorded. In accordance with the Regulations, "
    "the Monitoring Officer has written to the complainant to confirm that he is not acting "
    "on their complaint and will not be recording it, together with the reasons why. A copy "
    "of the complaint has been passed to MOPAC Professional Services for their consideration."
)
INVITATION = (
    "the former Chairman of the Committee invited the Mayor of London to attend the meeting "
    "of the Police and Crime Committee on 24 May 2023"
)

# person: (name, organisation short name or None)
# (meeting, [(item, title, [(person, intro, items, status, note)])])
MEETINGS = [
    (
        D(2023, 3, 22),
        [
            (
                "6",
                STANDARDS,
                [
                    (
                        ("Baroness Casey of Blackstock DBE CB", None),
                        "During the course of the discussion, Baroness Casey agreed to provide the Committee "
                        "with the Ipsos MORI survey of MPS officers and staff.",
                        [],
                        "ongoing",
                        "Followed-up on 4 May 2023.",
                    ),
                    (
                        ("Senior Policy Adviser", None),
                        DELEGATION,
                        [],
                        "closed",
                        "Delegation not used.",
                    ),
                ],
            )
        ],
    ),
    (
        D(2023, 3, 8),
        [
            (
                "6",
                "Independent Review of Prevent",
                [
                    (
                        ("MPS", None),
                        "During the course of the discussion, the MPS offered to arrange for Committee "
                        "Members to visit the Counter Terrorism Operations Centre where further "
                        "discussions on Prevent could take place.",
                        [],
                        "completed",
                        "This visit took place on 6 April 2023.",
                    ),
                    (
                        ("Senior Policy Adviser", None),
                        DELEGATION,
                        [],
                        "completed",
                        "See Agenda Item 8.",
                    ),
                ],
            ),
            (
                "9",
                "Any Other Business the Chairman Considers Urgent",
                [
                    (
                        ("Senior Committee Officer", None),
                        "That authority be delegated to the Chairman, in consultation with party Group "
                        "Lead Members, to respond to the Monitoring Officer's draft paper on the "
                        "complaints received against the Mayor of London in connection with the "
                        "resignation of the former Metropolitan Police Commissioner, Dame Cressida Dick "
                        "DBE QPM.",
                        [],
                        "completed",
                        "This action taken was reported to the Committee's meeting on 22 March 2023.",
                    ),
                ],
            ),
        ],
    ),
    (
        D(2023, 2, 22),
        [
            (
                "7",
                "Q&A Session with MOPAC and the MPS",
                [
                    (
                        ("Deputy Commissioner", "MPS"),
                        "The Committee requested the following:",
                        [
                            "Details of the training package being developed for Sergeants.",
                            "Details of the progress being made in increasing the diversity at a senior "
                            "level in the MPS, including specific figures on the diversity at a senior "
                            "level; and",
                            "Confirmation of the arrangements for officers who leave the MPS and wish to "
                            "re-join at a later date.",
                        ],
                        "completed",
                        "Attached at Appendix 1.",
                    ),
                    (
                        ("Senior Policy Adviser", None),
                        DELEGATION,
                        [],
                        "closed",
                        "Delegation not used.",
                    ),
                ],
            ),
            (
                "8",
                "Police and Crime Committee Work Programme",
                [
                    (
                        ("Senior Policy Adviser", None),
                        "That authority be delegated to the Chairman, in consultation with party Group "
                        "Lead Members, to agree any output arising from the informal discussion on "
                        "missing children in London.",
                        [],
                        "completed",
                        "See Agenda Item 8.",
                    ),
                    (
                        ("Senior Policy Adviser", None),
                        "That authority be delegated to the Chairman, in consultation with party Group "
                        "Lead Members, to agree the Committee's response to the MPS's Turnaround Plan "
                        "2023-2025.",
                        [],
                        "completed",
                        "See Agenda Item 8.",
                    ),
                ],
            ),
        ],
    ),
    (
        D(2023, 1, 25),
        [
            (
                "7",
                "Q&A Session with the MOPAC and the MPS",
                [
                    (
                        ("Commissioner", "MPS"),
                        "The Committee requested the following further information on the sanction detection "
                        "rates for rape offences and data on the outcomes of these cases that resulted in a "
                        "court sanction.",
                        [],
                        "ongoing",
                        "Followed-up on 12 April 2023.",
                    ),
                    (
                        ("Chief Executive Officer", "MOPAC"),
                        "The Committee requested the following:",
                        [
                            "Further information on the work MOPAC is doing to support victims of domestic "
                            "abuse, including how victims are able to stay in their homes and the levels of "
                            "investment from MOPAC; and",
                            "A list of actions that MOPAC is taking to support the MPS in the delivery of its "
                            "Turnaround Plan.",
                        ],
                        "completed",
                        "Attached at Appendix 2.",
                    ),
                ],
            )
        ],
    ),
    (
        D(2023, 1, 11),
        [
            (
                "6",
                "Counter-terrorism and Radicalisation",
                [
                    (
                        ("Senior Policy Adviser", None),
                        DELEGATION,
                        [],
                        "completed",
                        "See Agenda Item 8.",
                    ),
                ],
            )
        ],
    ),
    (
        D(2022, 12, 13),
        [
            (
                "5",
                RESIGNATION,
                [
                    (
                        ("Mayor of London and Occupant of MOPAC", None),
                        "The Committee requested the following:",
                        [
                            "Further information on the press pack about Sir Thomas Winsor sent by the Mayor’s "
                            "Office on the date of the Winsor report publication;",
                            "MOPAC’s response to the Independent Office for Police following receipt of the "
                            "draft findings and recommendations related to Operation Hotton;",
                            "Further information on why the Baby P case may have been discussed during the "
                            "meeting on 2 February 2022; and",
                            "Further information on the improvements made during the appointment process of "
                            "the current Commissioner, Sir Mark Rowley QPM.",
                        ],
                        "ongoing",
                        "Followed-up on 12 April 2023.",
                    ),
                    (
                        ("Sir Thomas Winsor", None),
                        "The Committee requested the following:",
                        [
                            "The sequence of events in March 2022, specifically dates relating to the launch of "
                            "the Commission by the Home Secretary, and the date of the dinner with the former "
                            "Commissioner of Police of the Metropolis; and",
                            "Further information on the term “have regard” in relation to the Policing "
                            "Protocol Order 2011.",
                        ],
                        "ongoing",
                        "Followed-up on 12 April 2023.",
                    ),
                    (("Senior Policy Adviser", None), DELEGATION, [], "ongoing", ""),
                ],
            )
        ],
    ),
    (
        D(2022, 11, 30),
        [
            (
                "7",
                "Counter-Terrorism and Radicalisation",
                [
                    (
                        ("Co-Founder, Survivors Against Terror", None),
                        "To provide the Committee with a copy of their report on the impact of media coverage "
                        "on survivors of terror attacks",
                        [],
                        "completed",
                        "This report was circulated to Assembly Members separately.",
                    ),
                    (
                        ("Senior Policy Adviser", None),
                        DELEGATION,
                        [],
                        "completed",
                        "See Agenda Item 8.",
                    ),
                ],
            )
        ],
    ),
    (
        D(2022, 11, 16),
        [
            (
                "5",
                RESIGNATION,
                [
                    (("Senior Policy Adviser", None), DELEGATION, [], "ongoing", ""),
                ],
            )
        ],
    ),
    (
        D(2022, 9, 29),
        [
            (
                "6",
                "Missing Children in London",
                [
                    (
                        ("Senior Policy Adviser", None),
                        DELEGATION,
                        [],
                        "completed",
                        "See Agenda Item 8.",
                    ),
                ],
            )
        ],
    ),
]


def build_seed_paper_000() -> Paper:
    """Create the committee, meetings, actions, letters and complaint behind seed 000 and
    the draft paper for 24 May 2023; return the paper."""
    committee, _ = Committee.objects.get_or_create(
        slug="police-and-crime-committee",
        defaults={
            "name": "Police and Crime Committee",
            "report_of": "Executive Director of Assembly Secretariat",
        },
    )
    ContactOfficer.objects.get_or_create(
        committee=committee,
        name="Lauren Harvey",
        defaults={"title": "Senior Committee Officer", "email": "lauren.harvey@london.gov.uk"},
    )
    orgs = {
        short: Organisation.objects.get_or_create(name=name, defaults={"short_name": short})[0]
        for name, short in [
            ("Metropolitan Police Service", "MPS"),
            ("Mayor's Office for Policing and Crime", "MOPAC"),
        ]
    }
    actions = {}
    for date, items in MEETINGS:
        meeting = Meeting.objects.create(committee=committee, date=date)
        for item_pos, (number, title, rows) in enumerate(items):
            item = AgendaItem.objects.create(
                meeting=meeting, number=number, title=title, position=item_pos
            )
            for pos, ((name, org), intro, requested, status, note) in enumerate(rows):
                person, _ = ResponsiblePerson.objects.get_or_create(
                    name=name, organisation=orgs.get(org)
                )
                action = Action.objects.create(
                    agenda_item=item,
                    responsible_person=person,
                    position=pos,
                    intro=intro,
                    requested_items=requested,
                    status=status,
                    status_note=note,
                    finished_on=None if status == "ongoing" else D(2023, 5, 1),
                )
                actions[(date, name)] = action
    # The paper published for 22 March 2023 closed the previous reporting period on 8 March;
    # periods include both their days, so this paper's begins on 9 March.
    previous_meeting = Meeting.objects.get(committee=committee, date=D(2023, 3, 22))
    Paper.objects.create(
        meeting=previous_meeting,
        status=Paper.Status.PUBLISHED,
        period_start=D(2023, 1, 10),
        period_end=D(2023, 3, 8),
        pdf=b"%PDF-1.7 published earlier",
    )
    meeting = Meeting.objects.create(committee=committee, date=D(2023, 5, 24))

    mps_first = Correspondence.objects.create(
        committee=committee,
        direction="received",
        date=D(2023, 5, 2),
        received_on=D(2023, 5, 2),
        sender="Deputy Commissioner, MPS",
        recipient="Chairman of the Police and Crime Committee",
        organisation=orgs["MPS"],
        subject="Response to actions of 22 February 2023",
    )
    mps_second = Correspondence.objects.create(
        committee=committee,
        direction="received",
        date=D(2023, 5, 9),
        received_on=D(2023, 5, 9),
        sender="Deputy Commissioner, MPS",
        recipient="Chairman of the Police and Crime Committee",
        organisation=orgs["MPS"],
        subject="Further response to actions of 22 February 2023",
    )
    mopac = Correspondence.objects.create(
        committee=committee,
        direction="received",
        date=D(2023, 5, 4),
        received_on=D(2023, 5, 4),
        sender="Chief Executive, MOPAC",
        recipient="Chairman of the Police and Crime Committee",
        organisation=orgs["MOPAC"],
        subject="Response to actions of 25 January 2023",
    )
    Correspondence.objects.create(
        committee=committee,
        direction="sent",
        date=D(2023, 3, 24),
        sender="Chairman of the Police and Crime Committee",
        recipient="the Mayor",
        organisation=None,
        subject="Invitation to the meeting of 24 May 2023",
        summary=INVITATION,
    )
    deputy = actions[(D(2023, 2, 22), "Deputy Commissioner")]
    mps_first.answers.add(deputy)
    mps_second.answers.add(deputy)
    mopac.answers.add(actions[(D(2023, 1, 25), "Chief Executive Officer")])
    Complaint.objects.create(
        committee=committee,
        received_on=D(2023, 4, 3),
        concerning="the Metropolitan Police Commissioner",
        public_summary=COMPLAINT_SUMMARY,
        confidential_details="Not for the paper.",
        decision=Complaint.Decision.NOT_RECORDED,
    )
    return paper_create(meeting=meeting)

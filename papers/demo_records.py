"""The demo's records: a year of a policing committee's meetings, its organisations,
people and follow-ups, and the demo sign-in accounts, written for this project. Data only:
papers.demo.load_demo loads them."""

import datetime as dt

from actiontracker import roles

DEMO_PASSWORD = "demo-password"  # noqa: S105 - documented demo credential, never in production
DEMO_ACCOUNTS = [
    ("officer", roles.OFFICERS, "secretariat officer", True),
    ("member", roles.MEMBERS, "committee member", False),
    ("monitoring", roles.MONITORING, "Monitoring Officer", True),
]

DELEGATION = (
    "That authority be delegated to the Chair, in consultation with party Group Lead "
    "Members, to agree any output arising from the discussion."
)

ORGANISATIONS = [
    ("Metropolitan Police Service", "MPS"),
    ("Mayor's Office for Policing and Crime", "MOPAC"),
    ("Violence Reduction Unit", "VRU"),
    ("Transport for London", "TfL"),
    ("Safer London", ""),
]

# The named contact each organisation's chases go to, and a deputy copied in.
CONTACTS = [
    # organisation short name, name, e-mail, deputy's name, deputy's e-mail, postal address
    (
        "MPS",
        "Jordan Ellis",
        "jordan.ellis@mps.example.org",
        "Sam Patel",
        "sam.patel@mps.example.org",
        "New Scotland Yard, Victoria Embankment, London SW1A 2JL",
    ),
    (
        "MOPAC",
        "Riley Thompson",
        "riley.thompson@mopac.example.org",
        "",
        "",
        "City Hall, Kamal Chunchie Way, London E16 1ZE",
    ),
    ("VRU", "Casey Morgan", "casey.morgan@vru.example.org", "", "", ""),
    ("TfL", "Drew Chen", "drew.chen@tfl.example.org", "", "", ""),
]

PEOPLE = [
    # name, organisation short name, internal
    ("Deputy Commissioner", "MPS", False),
    ("Assistant Commissioner, Frontline Policing", "MPS", False),
    ("Chief Executive Officer", "MOPAC", False),
    ("Director of the Violence Reduction Unit", "VRU", False),
    ("Director of Compliance and Policing", "TfL", False),
    ("Senior Policy Adviser", "", True),
    ("Senior Committee Officer", "", True),
]

# (date, [(item number, title, [(person, intro, requested items, status, note, finished)])])
MEETINGS = [
    (
        dt.date(2025, 12, 10),
        [
            (
                "5",
                "Neighbourhood Policing in London",
                [
                    (
                        "Assistant Commissioner, Frontline Policing",
                        "The Committee requested the following:",
                        [
                            "The number of dedicated ward officers abstracted to other duties in each "
                            "month of 2025;",
                            "Details of the minimum staffing levels for each Basic Command Unit; and",
                            "An update on the recruitment of police community support officers.",
                        ],
                        "ongoing",
                        "",
                        None,
                    ),
                    (
                        "Senior Policy Adviser",
                        DELEGATION,
                        [],
                        "completed",
                        "The Committee's letter was sent on 20 January 2026.",
                        dt.date(2026, 1, 20),
                    ),
                ],
            ),
        ],
    ),
    (
        dt.date(2026, 1, 21),
        [
            (
                "6",
                "Violence Affecting Young People",
                [
                    (
                        "Director of the Violence Reduction Unit",
                        "During the discussion, the Director agreed to provide the evaluation of the "
                        "summer programme for young people in hospital emergency departments.",
                        [],
                        "ongoing",
                        "",
                        None,
                    ),
                    (
                        "Senior Policy Adviser",
                        DELEGATION,
                        [],
                        "closed",
                        "Delegation not used.",
                        dt.date(2026, 3, 2),
                    ),
                ],
            ),
        ],
    ),
    (
        dt.date(2026, 2, 18),
        [
            (
                "7",
                "Question and Answer Session with MOPAC and the MPS",
                [
                    (
                        "Deputy Commissioner",
                        "The Committee requested the following:",
                        [
                            "Details of the training given to newly promoted sergeants;",
                            "Figures on the diversity of officers at superintendent rank and above; and",
                            "The arrangements for officers who leave and later wish to re-join.",
                        ],
                        "completed",
                        "Attached at Appendix 1.",
                        dt.date(2026, 4, 30),
                    ),
                    (
                        "Chief Executive Officer",
                        "The Committee requested a list of the actions MOPAC is taking to support the "
                        "MPS in delivering its improvement plan.",
                        [],
                        "ongoing",
                        "",
                        None,
                    ),
                ],
            ),
            (
                "8",
                "Police and Crime Committee Work Programme",
                [
                    (
                        "Senior Policy Adviser",
                        "That authority be delegated to the Chair, in consultation with party Group Lead "
                        "Members, to agree the Committee's response to the consultation on the draft "
                        "Police and Crime Plan.",
                        [],
                        "completed",
                        "See Agenda Item 8.",
                        dt.date(2026, 3, 20),
                    ),
                ],
            ),
        ],
    ),
    (
        dt.date(2026, 4, 15),
        [
            (
                "6",
                "Safety on the Transport Network",
                [
                    (
                        "Director of Compliance and Policing",
                        "The Committee requested data on reported sexual harassment on buses and the "
                        "Underground, broken down by line and by month, for 2024 and 2025.",
                        [],
                        "ongoing",
                        "",
                        None,
                    ),
                    ("Senior Policy Adviser", DELEGATION, [], "ongoing", "", None),
                ],
            ),
        ],
    ),
    (
        dt.date(2026, 6, 10),
        [
            (
                "5",
                "Stop and Search",
                [
                    (
                        "Deputy Commissioner",
                        "The Committee requested the following:",
                        [
                            "The proportion of searches that led to an arrest, by borough;",
                            "Outcomes of the community monitoring group reviews of body-worn video; and",
                            "The timetable for publishing the revised stop and search charter.",
                        ],
                        "ongoing",
                        "",
                        None,
                    ),
                ],
            ),
            (
                "6",
                "Any Other Business the Chair Considers Urgent",
                [
                    (
                        "Senior Committee Officer",
                        "That authority be delegated to the Chair, in consultation with party Group Lead "
                        "Members, to respond to the Monitoring Officer's draft paper on complaints "
                        "received.",
                        [],
                        "completed",
                        "This action was reported to the Committee's meeting on 15 July 2026.",
                        dt.date(2026, 7, 15),
                    ),
                ],
            ),
        ],
    ),
    (
        dt.date(2026, 9, 16),
        [
            (
                "7",
                "Tackling Violence Against Women and Girls",
                [
                    (
                        "Chief Executive Officer",
                        "The Committee requested the following:",
                        [
                            "The funding allocated to independent sexual violence advisers in 2026-27;",
                            "Waiting times for specialist support services; and",
                            "How victims are supported to stay in their homes.",
                        ],
                        "ongoing",
                        "",
                        None,
                    ),
                    ("Senior Policy Adviser", DELEGATION, [], "ongoing", "", None),
                ],
            ),
        ],
    ),
    (
        dt.date(2026, 10, 14),
        [
            (
                "6",
                "Policing and Mental Health",
                [
                    (
                        "Assistant Commissioner, Frontline Policing",
                        "The Assistant Commissioner agreed to provide the Committee with the number of "
                        "hours officers spent with people in mental health crisis in each quarter of 2026.",
                        [],
                        "ongoing",
                        "",
                        None,
                    ),
                ],
            ),
        ],
    ),
    (
        dt.date(2026, 11, 11),
        [
            (
                "5",
                "Youth Justice and Diversion",
                [
                    (
                        "Director of the Violence Reduction Unit",
                        "The Committee requested a briefing on the outcomes of the diversion scheme for "
                        "first-time offenders aged under 18.",
                        [],
                        "ongoing",
                        "",
                        None,
                    ),
                ],
            ),
        ],
    ),
    # Meetings still to come: the next paper is considered here.
    (dt.date(2026, 12, 9), []),
]

FOLLOW_UPS = [
    # (date, meeting date of the actions chased)
    (dt.date(2026, 3, 5), [dt.date(2025, 12, 10), dt.date(2026, 1, 21)]),
    (dt.date(2026, 7, 2), [dt.date(2026, 2, 18), dt.date(2026, 4, 15)]),
    (dt.date(2026, 10, 29), [dt.date(2026, 6, 10), dt.date(2026, 9, 16)]),
]

# ruff: noqa: E501  (the seed texts are kept verbatim, one line each)
"""The records of seed 003 (the response to the Committee's report on the Mayor's draft
Police and Crime Plan), built by hand so the tests do not depend on the paper importer."""

import datetime as dt

from correspondence.models import CommitteeReport, Correspondence, Recommendation
from meetings.models import Committee, ContactOfficer, Meeting, Organisation

TITLE = "Response to the Mayor's Draft Police and Crime Plan"
RESPONSE_MEETING_DATE = dt.date(2017, 3, 29)

BACKGROUND = [
    "The Mayor, as occupant of the Mayor's Office for Policing and Crime (MOPAC) (equivalent "
    "to a Police and Crime Commissioner outside London), has a statutory duty to publish a "
    "Police and Crime Plan.",
    "The Mayor published his draft Police and Crime Plan for 2017 to 2021 on 1 December 2016. "
    "The Committee agreed its response for submission to MOPAC at its meeting on "
    "23 February 2017.",
]
ISSUES = [
    "In accordance with section 6(e) of the Police Reform and Social responsibility Act 2011, "
    "the Mayor's Office for Policing and Crime must give the Police and Crime Committee a "
    "response to its report and recommendations before issuing a Police and Crime Plan."
]

# (number, text, sub-points): the thirteen recommendations, sub-points as the report has them.
RECOMMENDATIONS = [
    (
        1,
        "The final Police and Crime Plan, and the subsequent knife crime strategy, should include a commitment to improving engagement with young people about knife crime and violence to support prevention. This should include:",
        [
            "uncoupling the perception that serious youth violence and knife crime are linked to gang activity, and redirecting public attention to reflect the prevalence of non-gang-related youth violence;",
            "providing reassurance and appropriate messaging about the realities of knife crime;",
            "helping to drive an increase in awareness of the importance of young victims reporting serious violence, and the ways in which they can do so; and",
            "exploring the potential to extend youth worker provision in Accident and Emergency into other areas, such as sexual health clinics, to support those who experience abuse.",
        ],
    ),
    (
        2,
        "The Mayor should use his commissioning powers to provide and deliver sustainable services to meet the needs of all victims and survivors of VAWG in London, including:",
        [
            "increasing the number of Independent Sexual Violence Advisers (ISVAs) and Independent Domestic Violence Advocates (IDVAs); and",
            "providing long-term funding to give specialist services certainty in the support they can provide to victims.",
        ],
    ),
    (
        3,
        "The final Police and Crime Plan should include specific commitments to:",
        [
            "work with local authorities and the Home Office to explore new ways of commissioning activity to prevent extremism; and",
            "engage communities more effectively to safeguard against extremism.",
        ],
    ),
    (
        4,
        "The final Police and Crime Plan should fully reflect the Mayor's promise that FGM is a practice that he will not tolerate.",
        [],
    ),
    (
        5,
        "The final Police and Crime Plan should be much clearer on its plans around cyber security and online crime.",
        [],
    ),
    (
        6,
        "The final Police and Crime Plan should set out more clearly how the Mayor intends to:",
        [
            "approach prevention, intervention, and enforcement in respect of tackling drugs in the capital; and",
            "work with partners in neighbouring counties to tackle drug trafficking that occurs across county lines.",
        ],
    ),
    (
        7,
        "The final Police and Crime Plan should set out the Mayor's intention to draft a clear plan for supporting people with mental health needs.",
        [],
    ),
    (
        8,
        "The final Police and Crime Plan should outline the Mayor's commitment to push for improvements in the commissioning of healthcare in custody.",
        [],
    ),
    (
        9,
        "The final Police and Crime Plan should set out the steps to push for greater devolution of powers over the criminal justice service to City Hall.",
        [],
    ),
    (
        10,
        "As a matter of urgency, MOPAC should revisit its local priority setting processes, to ensure that:",
        [
            "the parameters for what priorities look like are clear and transparent; and",
            "Safer Neighbourhood Boards, ward panels and other interested groups have an input into the priorities for their boroughs.",
        ],
    ),
    (
        11,
        "The Mayor should ensure that an adequate period of time is given to the borough merger pathfinder pilots.",
        [],
    ),
    (
        12,
        "The final Police and Crime Plan should set out how each priority, including local priorities, will be measured.",
        [],
    ),
    (
        13,
        "The Mayor should make it a priority for the new Commissioner of the Metropolitan Police to tackle the issue of workforce morale. This should include:",
        [
            "a particular focus on officers working in high pressure specialist areas, such as firearms;",
            "ensuring adequate training for officers throughout their careers; and",
            "examining how increased diversity in the Met can support good morale.",
        ],
    ),
]


def create_seed_003() -> CommitteeReport:
    """The committee, its contact officers, the report with 13 recommendations, the Deputy
    Mayor's response letter and the meeting of 29 March 2017 that considers it."""
    committee, _ = Committee.objects.get_or_create(
        name="Police and Crime Committee",
        defaults={"report_of": "Executive Director of Secretariat"},
    )
    ContactOfficer.objects.create(
        committee=committee,
        name="Joanna Brown",
        title="Senior Committee Officer",
        telephone="020 7983 6559",
        email="joanna.brown@london.gov.uk",
        position=1,
    )
    ContactOfficer.objects.create(
        committee=committee,
        name="Teresa Young",
        title="Senior Committee Officer",
        telephone="020 7983 6559",
        email="teresa.young@london.gov.uk",
        position=2,
    )
    mopac, _ = Organisation.objects.get_or_create(
        name="Mayor's Office for Policing and Crime", defaults={"short_name": "MOPAC"}
    )
    meeting = Meeting.objects.create(committee=committee, date=RESPONSE_MEETING_DATE)
    letter = Correspondence.objects.create(
        committee=committee,
        direction=Correspondence.Direction.RECEIVED,
        date=dt.date(2017, 3, 20),
        sender="Deputy Mayor for Policing and Crime",
        recipient="Chair of the Police and Crime Committee",
        organisation=mopac,
        subject=f"Response to the Committee's report: {TITLE}",
    )
    report = CommitteeReport.objects.create(
        committee=committee,
        title=TITLE,
        agreed_on=dt.date(2017, 2, 23),
        addressed_to=mopac,
        responder="the Deputy Mayor for Policing and Crime",
        response_letter=letter,
        response_meeting=meeting,
        background="\n".join(BACKGROUND),
        issues_for_consideration="\n".join(ISSUES),
    )
    Recommendation.objects.bulk_create(
        Recommendation(report=report, number=number, text=text, sub_points=points)
        for number, text, points in RECOMMENDATIONS
    )
    return report

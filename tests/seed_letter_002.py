# ruff: noqa: E501  (the seed texts are kept verbatim, one line each)
"""The records of seed 002 (a MOPAC letter with its Annex A action table), built by hand so
the Annex A tests do not depend on the paper importer."""

import datetime as dt

from actions.models import Action, ResponsiblePerson
from meetings.models import AgendaItem, Committee, Meeting, Organisation

MEETING_DATE = dt.date(2022, 6, 24)

# (No., action, timing, leads) as the letter's Annex A gives them.
ANNEX_ROWS = [
    (
        "1",
        "MPS to complete evaluation of engagement work in Croydon and share outcome with MOPAC. For discussion at the DMPC-AC Professionalism meeting in October.",
        "October 2022",
        ["MPS"],
    ),
    (
        "2",
        "MPS to provide a briefing note on the issues with recruiting PCSOs. For discussion at the next DMPC-Chief of Corporate Services meeting.",
        "August 2022",
        ["MPS"],
    ),
    (
        "3",
        "MPS to provide the DMPC with a list of the schools which do not have a Safer Schools Officer in place and why.",
        "August 2022",
        ["MPS"],
    ),
    (
        "4",
        "MPS to review the ways of working for Safer Schools Officers and share outcome with MOPAC. For discussion at the DMPC-AC Frontline Policing meeting in October 2022, including the barriers to achieving a named officer in every school and the training provided to support the officers.",
        "October 2022",
        ["MPS"],
    ),
    (
        "5",
        "The MPS undertook to remind BCU Commanders that DWO posts must be filled and not abstracted.",
        "",
        ["MPS"],
    ),
    (
        "6",
        "MPS to provide to the DMPC a note detailing what screening out crimes meant in practice and what victims were advised. For discussion at the DMPC-AC Frontline Policing meeting in August 2022.",
        "August 2022",
        ["MPS"],
    ),
    (
        "7",
        "MPS to provide their assessment of when and how the increased number of detectives will have an impact on sanction detection rates.",
        "August 2022",
        ["MPS"],
    ),
    (
        "8",
        "MPS to provide an assessment of the officers and staff needed to meet current and likely future demand, including a breakdown across Business Groups. For discussion with the Acting Commissioner and Deputy prior to the new Commissioner taking up his post.",
        "August 2022",
        ["MPS"],
    ),
    (
        "9",
        "MPS to advise the DMPC on their targets and dates for training officers on the PNC app. For discussion at the next DMPC-AC Professionalism meeting.",
        "August/Sept 2022",
        ["MPS"],
    ),
    (
        "10",
        "DMPC to discuss with AC Frontline Policing at their next meeting, how they assure themselves that improvement in Child Protection is continuing at the pace required.",
        "August 2022",
        ["MPS"],
    ),
    (
        "11",
        "MPS to provide a paper on the pan-London themes arising from community engagement and the actions being taken to address them. The paper to also set out how the MPS assured itself of the impact of its engagement and that it is reaching all the target communities. For discussion at the DMPC-AC Professionalism meeting in December 2022.",
        "December 2022",
        ["MPS"],
    ),
    (
        "12",
        "MPS and MOPAC to work together to align their reviews of community engagement.",
        "",
        ["MPS", "MOPAC"],
    ),
    (
        "13",
        "MPS to provide to MOPAC the data connecting the use of handcuffing with stop and search. For discussion at the DMPC-AC Frontline Policing meeting in August 2022.",
        "August 2022",
        ["MPS"],
    ),
    (
        "14",
        "MPS undertook to provide MOPAC with their SSO report by 27 June.",
        "Completed",
        ["MPS"],
    ),
    (
        "15",
        "Disproportionality in the misconduct process, including how the Casey Review will assist with this issue, would be discussed in upcoming discussions on the Casey Review.",
        "",
        ["MPS", "MOPAC"],
    ),
]


def create_seed_002() -> Meeting:
    """The Performance and Risk Oversight Board meeting of 24 June 2022 and its 15 actions.

    The actions are created out of order, so the annex must sort them by number."""
    board, _ = Committee.objects.get_or_create(
        name="Performance and Risk Oversight Board",
        defaults={"kind": Committee.Kind.BOARD, "report_of": "MOPAC"},
    )
    mps, _ = Organisation.objects.get_or_create(
        name="Metropolitan Police Service", defaults={"short_name": "MPS"}
    )
    mopac, _ = Organisation.objects.get_or_create(
        name="Mayor's Office for Policing and Crime", defaults={"short_name": "MOPAC"}
    )
    organisations = {"MPS": mps, "MOPAC": mopac}
    meeting = Meeting.objects.create(
        committee=board,
        date=MEETING_DATE,
        kind=Meeting.Kind.BOARD,
        title="Q4 performance and risk",
    )
    item = AgendaItem.objects.create(meeting=meeting, number="1", title="Q4 performance and risk")
    commissioner, _ = ResponsiblePerson.objects.get_or_create(
        name="Acting Commissioner", organisation=mps
    )
    for position, (number, text, timing, leads) in reversed(list(enumerate(ANNEX_ROWS))):
        action = Action.objects.create(
            agenda_item=item,
            responsible_person=commissioner,
            number=number,
            position=position,
            intro=text,
            timing=timing,
            status=Action.Status.COMPLETED if timing == "Completed" else Action.Status.ONGOING,
            finished_on=dt.date(2022, 6, 27) if timing == "Completed" else None,
        )
        action.lead_organisations.set([organisations[lead] for lead in leads])
    return meeting

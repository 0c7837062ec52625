"""Demo data for the papers: an oversight board's Annex A actions, a committee report with
its recommendations and response, a letter PDF, and the draft paper for the next meeting.

Written for this project; keyed on natural keys, so loading it twice changes nothing.
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.template.defaultfilters import date as date_filter
from django.utils.html import escape

from actions.models import Action, ResponsiblePerson
from actions.services import action_create
from actiontracker.pdf import html_to_pdf
from correspondence.models import CommitteeReport, Correspondence, Recommendation
from meetings.models import AgendaItem, Committee, Meeting, Organisation
from papers.models import Paper
from papers.services import paper_create, paper_publish

BOARD_NAME = "Performance and Risk Oversight Board"
BOARD_SLUG = "performance-and-risk-oversight-board"
BOARD_MEETING = dt.date(2026, 9, 25)
NEXT_MEETING = dt.date(2026, 12, 9)
# The meeting whose paper is already published: the next paper and the dashboard's
# "changes since the last paper" count from it.
PUBLISHED_MEETING = dt.date(2026, 11, 11)

# (number, action, timing, due date, lead short names, completed on)
BOARD_ACTIONS = [
    (
        "1",
        "MPS to set out how the findings of the public attitude survey will shape the "
        "neighbourhood engagement plan for each Basic Command Unit.",
        "December 2026",
        dt.date(2026, 12, 31),
        ["MPS"],
        None,
    ),
    (
        "2",
        "MPS to share the list of secondary schools without a named schools officer, with "
        "the reasons and the date each gap will be filled.",
        "November 2026",
        dt.date(2026, 11, 30),
        ["MPS"],
        None,
    ),
    (
        "3",
        "MOPAC and the MPS to agree the measures of trust and confidence reported to the "
        "Board each quarter.",
        "Next Oversight Board",
        dt.date(2026, 12, 18),
        ["MOPAC", "MPS"],
        None,
    ),
    (
        "4",
        "MPS to provide a breakdown of the corporate risk register by risk owner, with the "
        "controls added since the last review.",
        "Oct/Nov 2026",
        dt.date(2026, 11, 30),
        ["MPS"],
        None,
    ),
    (
        "5",
        "MPS to circulate the revised missing persons procedure to Board members.",
        "",
        None,
        ["MPS"],
        dt.date(2026, 10, 12),
    ),
    (
        "6",
        "VRU to brief the Board on the evaluation of its mentoring programme in custody suites.",
        "January 2027",
        dt.date(2027, 1, 31),
        ["VRU"],
        None,
    ),
    (
        "7",
        "MPS and MOPAC to report on progress against the recommendations of the inspection "
        "of child protection arrangements.",
        "Q3 2026-27",
        dt.date(2026, 12, 31),
        ["MPS", "MOPAC"],
        None,
    ),
    (
        "8",
        "MPS to explain the rise in average call answering times for non-emergency calls "
        "over the summer.",
        "Next Oversight Board",
        dt.date(2026, 12, 18),
        ["MPS"],
        None,
    ),
]

REPORT_TITLE = "Safer Streets After Dark: Policing London's Night-Time Economy"
REPORT_AGREED = dt.date(2026, 6, 10)
REPORT_RESPONSE_MEETING = dt.date(2026, 11, 11)

# (number, text, sub-points, response, outcome)
RECOMMENDATIONS = [
    (
        1,
        "MOPAC should publish, by the end of 2026, a plan for policing the night-time "
        "economy that sets out:",
        [
            "the number of officers deployed at weekends in each of the busiest town centres;",
            "how licensing data is shared between boroughs and the MPS; and",
            "the measures used to judge whether the plan is working.",
        ],
        "MOPAC will publish a night-time policing plan in December 2026 covering deployment "
        "and data sharing; the measures will follow in the spring.",
        Recommendation.Outcome.PARTLY,
    ),
    (
        2,
        "The MPS should extend welfare vehicle schemes to every borough with a late-night "
        "licensed area.",
        [],
        "The MPS will fund welfare vehicles in a further eight boroughs from April 2027.",
        Recommendation.Outcome.ACCEPTED,
    ),
    (
        3,
        "MOPAC should work with Transport for London to:",
        [
            "report crimes against lone travellers on night bus routes each quarter; and",
            "train night bus drivers to respond to harassment.",
        ],
        "MOPAC considers that existing reporting through Transport for London meets this "
        "need and will not set up a separate report.",
        Recommendation.Outcome.NOT_ACCEPTED,
    ),
    (
        4,
        "The MPS should write to the Committee with its evaluation of the night-time "
        "safety officer pilot within six months of the pilot ending.",
        [],
        "",
        Recommendation.Outcome.AWAITING,
    ),
    (
        5,
        "MOPAC should set aside funding for venue staff training on spiking, and report "
        "to the Committee on how many venues have taken it up.",
        [],
        "",
        Recommendation.Outcome.AWAITING,
    ),
]


def letter_pdf(letter: Correspondence) -> bytes:
    """A one-page letter, so the demo has a real PDF to open and to put in an agenda pack."""
    body = escape(letter.summary or letter.subject)
    html = (
        '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{escape(letter.subject)}</title></head><body>"
        f"<p>{escape(letter.reference)}</p>"
        f"<p>{date_filter(letter.date, 'j F Y')}</p>"
        f"<p>Dear {escape(letter.recipient)},</p>"
        f"<h1>{escape(letter.subject)}</h1><p>{body}</p>"
        f"<p>Yours sincerely,</p><p>{escape(letter.sender)}</p></body></html>"
    )
    return html_to_pdf(html)


def attach_letter_pdf(letter: Correspondence) -> None:
    """Store a generated PDF for a letter that has none (the storage picks the name)."""
    if not letter.file:
        letter.file.save("letter.pdf", ContentFile(letter_pdf(letter)), save=True)


def load_board(organisations: dict[str, Organisation], person: ResponsiblePerson) -> Meeting:
    """The oversight board, one quarterly meeting and its numbered Annex A actions."""
    board, _ = Committee.objects.get_or_create(
        slug=BOARD_SLUG, defaults={"name": BOARD_NAME, "kind": Committee.Kind.BOARD}
    )
    meeting, _ = Meeting.objects.get_or_create(
        committee=board,
        date=BOARD_MEETING,
        defaults={"kind": Meeting.Kind.BOARD, "title": "Quarterly performance and risk"},
    )
    item, _ = AgendaItem.objects.get_or_create(
        meeting=meeting, number="1", defaults={"title": "Performance and risk: quarter 1"}
    )
    for position, (number, text, timing, due, leads, completed) in enumerate(BOARD_ACTIONS):
        if Action.objects.filter(agenda_item=item, number=number).exists():
            continue
        action_create(
            agenda_item=item,
            number=number,
            responsible_person=person,
            intro=text,
            timing=timing,
            due_date=due,
            position=position,
            status=Action.Status.COMPLETED if completed else Action.Status.ONGOING,
            status_note="Circulated to Board members." if completed else "",
            finished_on=completed,
            lead_organisations=[organisations[short] for short in leads],
        )
    return meeting


def load_report(committee: Committee, organisations: dict[str, Organisation]) -> CommitteeReport:
    """A committee report to MOPAC, the response letter and the meeting that considers it."""
    response_letter, _ = Correspondence.objects.get_or_create(
        committee=committee,
        direction=Correspondence.Direction.RECEIVED,
        date=dt.date(2026, 9, 30),
        subject=f"Response to the Committee's report, {REPORT_TITLE}",
        defaults={
            "sender": "Deputy Mayor for Policing and Crime",
            "recipient": "Chair of the Police and Crime Committee",
            "organisation": organisations["MOPAC"],
            "received_on": dt.date(2026, 10, 1),
            "reference": "MOPAC-2026-0930",
        },
    )
    report, created = CommitteeReport.objects.get_or_create(
        committee=committee,
        title=REPORT_TITLE,
        defaults={
            "agreed_on": REPORT_AGREED,
            "addressed_to": organisations["MOPAC"],
            "responder": "the Deputy Mayor for Policing and Crime",
            "response_letter": response_letter,
            "response_meeting": Meeting.objects.get(
                committee=committee, date=REPORT_RESPONSE_MEETING
            ),
            "background": (
                "The Committee investigated how London's night-time economy is policed, "
                "hearing from the MPS, MOPAC, borough licensing teams and venue operators.\n"
                "The Committee agreed its report at its meeting on 10 June 2026 and sent it "
                "to MOPAC, asking for a response to its recommendations."
            ),
        },
    )
    if created:
        Recommendation.objects.bulk_create(
            Recommendation(
                report=report,
                number=number,
                text=text,
                sub_points=points,
                response=response,
                outcome=outcome,
            )
            for number, text, points, response, outcome in RECOMMENDATIONS
        )
    return report


def load_published_paper(committee: Committee) -> Paper:
    """The paper of an earlier meeting, published as an officer would publish it: its PDF
    stored, the completed and closed actions it showed marked as reported."""
    meeting = Meeting.objects.get(committee=committee, date=PUBLISHED_MEETING)
    paper = Paper.objects.filter(meeting=meeting, kind=Paper.Kind.SUMMARY).first()
    if paper is None:
        paper = paper_create(meeting=meeting)
    if not paper.is_published:
        # Published a week before its meeting, after its cut-off of 27 October, whatever
        # the day the demo is loaded: a cut-off still to come would be refused.
        paper = paper_publish(paper=paper, on=PUBLISHED_MEETING - dt.timedelta(days=7))
    return paper


def load_next_paper(
    committee: Committee, organisations: dict[str, Organisation], answered: list[Action]
) -> Paper:
    """A reply received in the next paper's period, with its PDF, then the draft paper for
    the next meeting, made as an officer would make it so it proposes that letter."""
    reply, _ = Correspondence.objects.get_or_create(
        committee=committee,
        direction=Correspondence.Direction.RECEIVED,
        date=dt.date(2026, 11, 13),
        subject="Briefing on the youth diversion scheme",
        defaults={
            "sender": "Director of the Violence Reduction Unit",
            "recipient": "Chair of the Police and Crime Committee",
            "organisation": organisations["VRU"],
            "received_on": dt.date(2026, 11, 16),
            "reference": "VRU-2026-117",
            "summary": "The Director sent the briefing the Committee requested on 11 November "
            "2026 on the outcomes of the diversion scheme for first-time offenders aged "
            "under 18.",
        },
    )
    reply.answers.add(*answered)
    attach_letter_pdf(reply)
    meeting = Meeting.objects.get(committee=committee, date=NEXT_MEETING)
    paper = Paper.objects.filter(meeting=meeting, kind=Paper.Kind.SUMMARY).first()
    return paper or paper_create(meeting=meeting)

"""import_paper on the real papers in the shared seeds folder."""

import datetime as dt
import io

import pytest
from django.core.management import call_command

from actions.models import Action, FollowUp
from correspondence.models import CommitteeReport, Complaint, Correspondence
from meetings.models import Committee, ContactOfficer, Meeting
from papers.models import Paper
from tests.import_papers import seed_path

pytestmark = pytest.mark.django_db
D = dt.date


def seed(prefix: str):
    return seed_path(prefix)


def run(path) -> str:
    out = io.StringIO()
    call_command("import_paper", str(path), stdout=out)
    return out.getvalue()


def test_seed_000_summary_list_of_actions():
    run(seed("000"))
    committee = Committee.objects.get(slug="police-and-crime-committee")
    # Nine blocks of earlier meetings plus the meeting that considers the paper.
    assert Meeting.objects.filter(committee=committee).count() == 10
    paper = Paper.objects.get(meeting__date=D(2023, 5, 24), kind=Paper.Kind.SUMMARY)
    assert paper.is_published and paper.report_of == "Executive Director of Assembly Secretariat"
    assert (paper.period_start, paper.period_end) == (D(2023, 3, 9), D(2023, 5, 9))
    assert paper.transparency_status_text == (
        "No disclosures to report for the period from 9 March to 9 May 2023."
    )
    assert Action.objects.count() == 19
    december = Action.objects.filter(agenda_item__meeting__date=D(2022, 12, 13))
    assert december.count() == 3
    mayor = december.get(responsible_person__name="Mayor of London and Occupant of MOPAC")
    assert len(mayor.requested_items) == 4
    assert mayor.requested_items[0].startswith("Further information on the press pack")
    assert mayor.status_text == "Ongoing. Followed-up on 12 April 2023."
    assert mayor.follow_ups.get().date == D(2023, 4, 12)
    casey = Action.objects.get(responsible_person__name="Baroness Casey of Blackstock DBE CB")
    assert casey.status_text == "Ongoing. Followed-up on 4 May 2023."
    deputy = Action.objects.get(responsible_person__name="Deputy Commissioner")
    assert deputy.responsible_person.organisation.short_name == "MPS"
    assert len(deputy.requested_items) == 3
    assert deputy.status_text == "Completed. Attached at Appendix 1 ."
    assert deputy.reported_in == paper
    ceo = Action.objects.get(responsible_person__name="Chief Executive Officer")
    assert ceo.requested_items[1] == (
        "A list of actions that MOPAC is taking to support the MPS in the delivery of its "
        "Turnaround Plan."
    )
    visit = Action.objects.get(status_note="This visit took place on 6 April 2023.")
    assert visit.finished_on == D(2023, 4, 6)
    assert Action.objects.filter(status="closed").count() == 2
    assert Action.objects.finished().filter(reported_in=paper).count() == 13
    assert FollowUp.objects.count() == 4
    officer = ContactOfficer.objects.get()
    assert (officer.name, officer.title) == ("Lauren Harvey", "Senior Committee Officer")
    letters = [pc.correspondence for pc in paper.letters.select_related("correspondence")]
    assert [(c.direction, c.date) for c in letters] == [
        ("received", D(2023, 5, 2)),
        ("received", D(2023, 5, 9)),
        ("received", D(2023, 5, 4)),
        ("sent", D(2023, 3, 24)),
    ]
    assert Complaint.objects.get().decision == Complaint.Decision.NOT_RECORDED


def test_seed_000_twice_creates_nothing():
    run(seed("000"))
    before = (Action.objects.count(), Meeting.objects.count(), Correspondence.objects.count())
    output = run(seed("000"))
    assert (Action.objects.count(), Meeting.objects.count(), Correspondence.objects.count()) == (
        before
    )
    assert "Created: nothing; updated: nothing." in output


def test_seed_002_board_letter_with_annex_a():
    run(seed("002"))
    board = Committee.objects.get(slug="performance-and-risk-oversight-board")
    assert board.kind == Committee.Kind.BOARD
    assert board.name == "Performance and Risk Oversight Board"
    meeting = Meeting.objects.get(committee=board)
    assert meeting.date == D(2022, 6, 24)
    actions = Action.objects.filter(agenda_item__meeting=meeting).order_by("position")
    assert [a.number for a in actions] == [str(n) for n in range(1, 16)]
    nine = actions.get(number="9")
    assert (nine.timing, nine.due_date) == ("August/Sept 2022", D(2022, 9, 30))
    fourteen = actions.get(number="14")
    assert fourteen.status == Action.Status.COMPLETED and fourteen.finished_on is not None
    twelve = actions.get(number="12")
    assert sorted(o.short_name for o in twelve.lead_organisations.all()) == ["MOPAC", "MPS"]
    assert twelve.due_date is None
    paper = Paper.objects.get(meeting=meeting)
    assert paper.kind == Paper.Kind.ANNEX and paper.is_published
    letter = Correspondence.objects.get(committee=board)
    assert letter.reference == "MOPAC14072022-D4220" and letter.date == D(2022, 7, 20)


def test_seed_003_committee_report_and_recommendations():
    run(seed("003"))
    report = CommitteeReport.objects.get()
    assert report.title == "Response to the Mayor's Draft Police and Crime Plan"
    assert report.addressed_to.short_name == "MOPAC"
    assert report.agreed_on == D(2017, 2, 23)
    assert report.response_meeting.date == D(2017, 3, 29)
    recommendations = list(report.recommendations.all())
    assert [r.number for r in recommendations] == list(range(1, 14))
    assert len(recommendations[0].sub_points) == 4
    assert recommendations[0].sub_points[-1].startswith("exploring the potential")
    assert recommendations[3].sub_points == []
    assert len(recommendations[12].sub_points) == 3
    paper = Paper.objects.get(kind=Paper.Kind.RESPONSE)
    assert paper.committee_report == report and paper.meeting == report.response_meeting
    assert [o.name for o in paper.contact_officers.all()] == ["Joanna Brown", "Teresa Young"]


@pytest.mark.parametrize("prefix", ["002", "003"])
def test_other_seed_formats_twice_create_nothing(prefix):
    run(seed(prefix))
    before = (
        Action.objects.count(),
        Meeting.objects.count(),
        Correspondence.objects.count(),
        CommitteeReport.objects.count(),
        Paper.objects.count(),
    )
    output = run(seed(prefix))
    assert "Created: nothing" in output
    assert before == (
        Action.objects.count(),
        Meeting.objects.count(),
        Correspondence.objects.count(),
        CommitteeReport.objects.count(),
        Paper.objects.count(),
    )


def test_seed_000_dry_run_writes_nothing():
    out = io.StringIO()
    call_command("import_paper", str(seed("000")), "--dry-run", stdout=out)
    assert "Would create: 1 committee, 10 meetings" in out.getvalue()
    assert "Meeting of 13 December 2022: 3 actions (3 created" in out.getvalue()
    assert Committee.objects.count() == 0 and Action.objects.count() == 0


def test_seed_000_renders_again_with_the_same_appendix_numbers():
    """Replies answer the actions "Attached at Appendix N", so the paper rendered again
    numbers its appendices in the same order of first mention as the imported one."""
    from papers.render import render_paper_html

    run(seed("000"))
    deputy = Action.objects.get(responsible_person__name="Deputy Commissioner")
    assert {c.date for c in deputy.answered_by.all()} == {D(2023, 5, 2), D(2023, 5, 9)}
    paper = Paper.objects.get(meeting__date=D(2023, 5, 24), kind=Paper.Kind.SUMMARY)
    html = render_paper_html(paper)
    first = html.index("Appendix 1 – Responses from the MPS, received 2 &amp; 9 May 2023")
    second = html.index("Appendix 2 – Correspondence from Chief Executive, MOPAC, dated 4 May 2023")
    third = html.index("Appendix 3 – Correspondence to the Mayor")
    assert first < second < third

"""import_paper: what it writes, idempotence, updates from a newer paper, bad input, dry run."""

import datetime as dt
import io

import pytest
from django.core.management import CommandError, call_command

from actions.models import Action, FollowUp, ResponsiblePerson
from correspondence.models import Complaint, Correspondence
from meetings.models import AgendaItem, Committee, Meeting, Organisation
from papers.models import Paper
from tests.import_papers import HEADER_ROW, paper_text, row

pytestmark = pytest.mark.django_db
D = dt.date


def run(path, *args) -> str:
    out = io.StringIO()
    call_command("import_paper", str(path), *args, stdout=out)
    return out.getvalue()


def write(tmp_path, text, name="paper.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def counts():
    return {
        model.__name__: model.objects.count()
        for model in (
            Committee,
            Meeting,
            AgendaItem,
            Action,
            ResponsiblePerson,
            FollowUp,
            Paper,
            Correspondence,
            Complaint,
        )
    }


OLDER = paper_text(
    [
        (
            "22 March 2023",
            [
                row(
                    "6",
                    "Independent Review",
                    "Deputy Commissioner, MPS",
                    "To provide the survey.",
                    "Ongoing. Followed-up on 4 May 2023.",
                ),
                row(
                    "6",
                    "Independent Review of the MPS",
                    "Senior Policy Adviser",
                    "That authority be delegated.",
                    "Ongoing.",
                ),
            ],
        )
    ],
    date="24 May 2023",
)
NEWER = paper_text(
    [
        (
            "22 March 2023",
            [
                row(
                    "6",
                    "Independent Review",
                    "Deputy Commissioner",
                    "To provide the survey.",
                    "Completed. Attached at Appendix 1.",
                ),
                row(
                    "6",
                    "Independent Review",
                    "Senior Policy Adviser",
                    "That authority be delegated.",
                    "Closed. Delegation not used.",
                ),
            ],
        ),
        ("7 June 2023", [row("5", "Q&A", "MPS", "To provide figures.", "Ongoing.")]),
    ],
    date="12 July 2023",
    period="No disclosures to report for the period from 10 May to 30 June 2023.",
)


def test_imports_paper_meetings_items_actions_and_follow_ups(tmp_path):
    output = run(write(tmp_path, OLDER))
    committee = Committee.objects.get(slug="police-and-crime-committee")
    paper = Paper.objects.get(meeting__committee=committee, meeting__date=D(2023, 5, 24))
    assert paper.status == Paper.Status.PUBLISHED and paper.imported_from == "paper.txt"
    # Its published page is stored at import; its PDF is made once the import commits.
    assert "Summary List of Actions" in paper.published_html
    assert (paper.period_start, paper.period_end) == (D(2023, 3, 9), D(2023, 5, 9))
    assert paper.contact_officers.get().name == "Lauren Harvey"
    # Same item titled differently in two rows: one agenda item, first title.
    item = AgendaItem.objects.get(meeting__date=D(2023, 3, 22))
    assert item.title == "Independent Review" and item.actions.count() == 2
    action = Action.objects.get(responsible_person__name="Deputy Commissioner")
    assert action.responsible_person.organisation.short_name == "MPS"
    assert action.last_chased_on == D(2023, 5, 4)
    assert action.follow_ups.get().date == D(2023, 5, 4)
    assert ResponsiblePerson.objects.get(name="Senior Policy Adviser").is_internal
    assert "Meeting of 22 March 2023: 2 actions (2 created" in output


def test_importing_the_same_paper_twice_creates_nothing(tmp_path):
    path = write(tmp_path, OLDER)
    run(path)
    before = counts()
    output = run(path)
    assert counts() == before
    assert "Created: nothing" in output


def test_older_then_newer_paper_updates_the_same_actions(tmp_path):
    run(write(tmp_path, OLDER, "older.txt"))
    ids = set(Action.objects.values_list("pk", flat=True))
    output = run(write(tmp_path, NEWER, "newer.txt"))
    # "Deputy Commissioner" without its organisation is the same person as before.
    assert ResponsiblePerson.objects.filter(name="Deputy Commissioner").count() == 1
    old = Action.objects.filter(agenda_item__meeting__date=D(2023, 3, 22))
    assert set(old.values_list("pk", flat=True)) == ids
    survey = old.get(intro="To provide the survey.")
    newer_paper = Paper.objects.get(meeting__date=D(2023, 7, 12))
    assert (survey.status, survey.status_note) == ("completed", "Attached at Appendix 1.")
    assert survey.finished_on == D(2023, 7, 12) and survey.reported_in == newer_paper
    assert survey.history.count() >= 2
    assert survey.history.first().status == "completed"
    assert survey.history.last().status == "ongoing"
    assert old.get(intro__startswith="That authority").status == "closed"
    assert Action.objects.count() == 3
    assert "updated: 1 papers" not in output and "2 actions" in output


def test_person_first_written_without_then_with_the_organisation_is_one_person(tmp_path):
    older = paper_text(
        [("22 March 2023", [row("6", "T", "Deputy Commissioner", "To provide X.", "Ongoing.")])],
        date="24 May 2023",
    )
    newer = paper_text(
        [
            (
                "22 March 2023",
                [
                    row(
                        "6",
                        "T",
                        "Deputy Commissioner, MPS",
                        "To provide X.",
                        "Ongoing. Followed-up on 3 July 2023.",
                    )
                ],
            )
        ],
        date="12 July 2023",
    )
    run(write(tmp_path, older, "older.txt"))
    run(write(tmp_path, newer, "newer.txt"))
    person = ResponsiblePerson.objects.get()
    assert person.organisation.short_name == "MPS"
    action = Action.objects.get()
    assert action.status_text == "Ongoing. Followed-up on 3 July 2023."
    assert action.last_chased_on == D(2023, 7, 3)
    assert list(action.follow_ups.values_list("date", flat=True)) == [D(2023, 7, 3)]


def test_legacy_names_and_organisations(tmp_path):
    text = paper_text(
        [
            (
                "22 March 2023",
                [
                    row("6", "T", "MPS", "A.", "Ongoing."),
                    row("6", "T", "Commissioner, Metropolitan Police Service", "B.", "Ongoing."),
                    row("6", "T", "Chief Executive Officer, MOPAC", "C.", "Ongoing."),
                    row("6", "T", "Co-Founder, Survivors Against Terror", "D.", "Ongoing."),
                ],
            )
        ]
    )
    run(write(tmp_path, text))
    mps = Organisation.objects.get(short_name="MPS")
    assert ResponsiblePerson.objects.get(name="MPS").organisation == mps
    assert ResponsiblePerson.objects.get(name="Commissioner").organisation == mps
    assert (
        ResponsiblePerson.objects.get(name="Chief Executive Officer").organisation.short_name
        == "MOPAC"
    )
    assert (
        ResponsiblePerson.objects.get(name="Co-Founder, Survivors Against Terror").organisation
        is None
    )


def test_bad_row_exits_non_zero_naming_the_line_and_writes_nothing(tmp_path):
    good = row("6", "T", "MPS", "A.", "Ongoing.")
    bad = row("7", "T", "MPS", "B.", "Awaiting reply")
    text = paper_text([("22 March 2023", [good, bad])])
    line = text.splitlines().index(bad) + 1
    with pytest.raises(CommandError, match=rf"line {line}: expected a status starting Ongoing"):
        run(write(tmp_path, text))
    assert all(n == 0 for n in counts().values())


def test_not_a_paper_exits_non_zero_through_the_command_line(tmp_path):
    import subprocess
    import sys

    path = write(tmp_path, "Dear Sir\n\nThank you.\n", "letter.txt")
    result = subprocess.run(
        [sys.executable, "manage.py", "import_paper", str(path)],
        capture_output=True,
        text=True,
        env={"DJANGO_SETTINGS_MODULE": "actiontracker.settings.test", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode != 0
    assert "line 1: expected a 'Summary List of Actions' paper" in result.stderr


def test_row_continuing_nothing_is_refused(tmp_path):
    text = paper_text([("22 March 2023", ["\t\t\tcontinued text\tOngoing."])])
    with pytest.raises(
        CommandError, match=r"line \d+: expected a row starting with an item number"
    ):
        run(write(tmp_path, text))
    assert Committee.objects.count() == 0


def test_dry_run_writes_nothing_and_says_what_it_would_create(tmp_path):
    output = run(write(tmp_path, OLDER), "--dry-run")
    assert all(n == 0 for n in counts().values())
    assert "Would create" in output and "2 actions" in output and "dry run" in output


def test_dry_run_of_a_newer_paper_lists_each_action_it_would_create_or_change(tmp_path):
    run(write(tmp_path, OLDER))
    before = counts()
    output = run(write(tmp_path, NEWER, "newer.txt"), "--dry-run")
    assert counts() == before
    lines = output.splitlines()
    assert (
        "  updated item 6, Deputy Commissioner, MPS: To provide the survey. (Ongoing → Completed)"
        in lines
    )
    assert (
        "  updated item 6, Senior Policy Adviser: That authority be delegated. (Ongoing → Closed)"
        in lines
    )
    assert "  created item 5, MPS: To provide figures. (Ongoing)" in lines
    assert "Meeting of 7 June 2023: 1 action (1 created, 0 updated, 0 unchanged)" in lines
    assert Action.objects.get(intro="To provide the survey.").status == Action.Status.ONGOING


def test_committee_option_and_complaint_and_letters(tmp_path):
    Committee.objects.create(name="Police and Crime Committee (archive)", slug="archive")
    text = paper_text(
        [("22 March 2023", [row("6", "T", "MPS", "A.", "Completed.")])],
        complaints="The Monitoring Officer has received a complaint concerning the Commissioner. "
        "The complaint will not be recorded.",
        correspondence=[
            "On 24 March 2023, the Chairman invited the Mayor of London to attend the meeting, "
            "a copy of the letter is attached at Appendix 2."
        ],
        appendices=[
            "Responses from the MPS, received 2 & 9 May 2023",
            "Correspondence to the Mayor, dated 24 March 2023",
        ],
    )
    run(write(tmp_path, text), "--committee", "archive")
    paper = Paper.objects.get()
    assert paper.meeting.committee.slug == "archive"
    assert paper.complaints_status_text.startswith("The Monitoring Officer has received")
    complaint = Complaint.objects.get()
    assert complaint.decision == Complaint.Decision.NOT_RECORDED
    assert complaint.concerning == "the Commissioner"
    letters = [
        (pc.correspondence.direction, pc.correspondence.date, pc.in_additional_section)
        for pc in paper.letters.select_related("correspondence")
    ]
    assert letters == [
        ("received", D(2023, 5, 2), False),
        ("received", D(2023, 5, 9), False),
        ("sent", D(2023, 3, 24), True),
    ]
    assert Correspondence.objects.received().first().organisation.short_name == "MPS"
    assert Action.objects.get().reported_in == paper


def test_header_row_repeated_before_a_new_row_for_the_same_item(tmp_path):
    text = paper_text(
        [
            (
                "22 March 2023",
                [
                    row("6", "Review", "MPS", "First.", "Ongoing."),
                    "Page 3 of 6",
                    HEADER_ROW,
                    row("6", "Review", "MPS", "Second.", "Ongoing."),
                ],
            )
        ]
    )
    run(write(tmp_path, text))
    assert list(Action.objects.order_by("position").values_list("intro", flat=True)) == [
        "First.",
        "Second.",
    ]
    assert AgendaItem.objects.count() == 1


def test_an_older_paper_imported_after_a_newer_one_does_not_undo_it(tmp_path):
    run(write(tmp_path, NEWER, "newer.txt"))
    run(write(tmp_path, OLDER, "older.txt"))
    survey = Action.objects.get(intro="To provide the survey.")
    assert (survey.status, survey.reported_in.meeting.date) == ("completed", D(2023, 7, 12))
    assert Action.objects.count() == 3


def test_older_paper_after_a_newer_chase_keeps_the_newer_note(tmp_path):
    newer = OLDER.replace("Followed-up on 4 May 2023.", "Followed-up on 6 July 2023.").replace(
        "Date:\t24 May 2023", "Date:\t12 July 2023"
    )
    run(write(tmp_path, newer, "newer.txt"))
    run(write(tmp_path, OLDER, "older.txt"))
    survey = Action.objects.get(intro="To provide the survey.")
    assert survey.status_text == "Ongoing. Followed-up on 6 July 2023."
    assert survey.last_chased_on == D(2023, 7, 6)


def test_edited_wording_updates_but_a_different_action_is_added(tmp_path):
    older = paper_text(
        [
            (
                "22 March 2023",
                [row("6", "T", "MPS", "To provide the survey of officers.", "Ongoing.")],
            )
        ],
        date="24 May 2023",
    )
    edited = older.replace("the survey of officers.", "the survey of MPS officers.").replace(
        "Ongoing.", "Completed."
    )
    run(write(tmp_path, older, "older.txt"))
    run(write(tmp_path, edited.replace("24 May 2023", "12 July 2023"), "edited.txt"))
    action = Action.objects.get()
    assert (action.intro, action.status) == ("To provide the survey of MPS officers.", "completed")
    other = older.replace("To provide the survey of officers.", "To arrange a visit to Lambeth.")
    run(write(tmp_path, other.replace("24 May 2023", "20 September 2023"), "other.txt"))
    assert Action.objects.count() == 2


def test_a_row_the_database_cannot_hold_names_its_line(tmp_path):
    long_title = "A title " * 80
    bad = row("6", long_title, "MPS", "A.", "Ongoing.")
    text = paper_text([("22 March 2023", [row("5", "T", "MPS", "B.", "Ongoing."), bad])])
    line = text.splitlines().index(bad) + 1
    message = rf"line {line}, Item Title: Ensure this value has at most 500 characters \(it has"
    with pytest.raises(CommandError, match=message):
        run(write(tmp_path, text))
    assert all(n == 0 for n in counts().values())

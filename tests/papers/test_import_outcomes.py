"""The import report says, per meeting, what it does to each action, and keeps what the
parser could not place."""

import datetime as dt

import pytest

from papers.importing.services import paper_import
from papers.importing.writing import Unplaced
from tests.import_papers import paper_text, row

pytestmark = pytest.mark.django_db

FIRST = paper_text(
    [
        (
            "22 March 2023",
            [
                row(
                    "6", "Review", "Deputy Commissioner, MPS", "To provide the survey.", "Ongoing."
                ),
                row(
                    "6",
                    "Review",
                    "Senior Policy Adviser",
                    "That authority be delegated.",
                    "Ongoing.",
                ),
            ],
        ),
        ("7 June 2023", [row("5", "Q&A", "MPS", "To provide figures.", "Ongoing.")]),
    ],
    date="24 May 2023",
)
SECOND = FIRST.replace(
    "To provide the survey.\tOngoing.", "To provide the survey.\tCompleted. Sent on 1 July 2023."
)


def write(tmp_path, text, name="paper.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_first_import_lists_every_action_as_created_per_meeting(tmp_path):
    report = paper_import(path=write(tmp_path, FIRST), dry_run=True)
    assert [(g.date, g.count("create")) for g in report.outcomes] == [
        (dt.date(2023, 3, 22), 2),
        (dt.date(2023, 6, 7), 1),
    ]
    first = report.outcomes[0].actions[0]
    assert first.where == "item 6, Deputy Commissioner, MPS"
    assert first.text == "To provide the survey."


def test_reimport_shows_the_change_and_the_unchanged(tmp_path):
    paper_import(path=write(tmp_path, FIRST))
    assert "Completed" in SECOND
    report = paper_import(path=write(tmp_path, SECOND, "second.txt"), dry_run=True)
    actions = report.outcomes[0].actions
    assert [a.outcome for a in actions] == ["update", "unchanged"]
    assert ("Status", "Ongoing", "Completed") in actions[0].changes
    assert ("Status note", "", "Sent on 1 July 2023.") in actions[0].changes
    assert report.action_counts == {"update": 1, "unchanged": 2}


def test_what_the_parser_could_not_place_reaches_the_report(tmp_path, monkeypatch):
    from papers.importing import services

    parse = services.parse_summary

    def with_unplaced(text):
        parsed = parse(text)
        parsed.unplaced = [Unplaced(40, "A stray <b>line</b>", "section 3")]
        parsed.warnings = ["One table had no header row."]
        return parsed

    monkeypatch.setattr(services, "parse_summary", with_unplaced)
    report = paper_import(path=write(tmp_path, FIRST), dry_run=True)
    assert report.unplaced == [Unplaced(40, "A stray <b>line</b>", "section 3")]
    assert report.warnings == ["One table had no header row."]
    assert "Not placed (section 3, line 40): A stray <b>line</b>" in report.lines()

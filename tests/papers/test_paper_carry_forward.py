"""Which actions a paper shows, over a sequence of papers."""

import datetime as dt

import pytest

from actions.models import Action
from papers.selectors import paper_actions
from papers.services import paper_create, paper_publish
from tests.factories import ActionFactory, AgendaItemFactory, CommitteeFactory, MeetingFactory

pytestmark = pytest.mark.django_db

D = dt.date


def finish(action, status=Action.Status.COMPLETED, note="Done."):
    action.status = status
    action.status_note = note
    action.finished_on = D(2023, 1, 1)
    action.save()


def shown(paper):
    return [a.intro for a in paper_actions(paper)]


def test_ongoing_carried_forward_and_finished_shown_once_then_dropped():
    committee = CommitteeFactory()
    other = CommitteeFactory(name="Other Committee", slug="other-committee")
    m1 = MeetingFactory(committee=committee, date=D(2023, 1, 10))
    m2 = MeetingFactory(committee=committee, date=D(2023, 2, 10))
    m3 = MeetingFactory(committee=committee, date=D(2023, 3, 10))
    m4 = MeetingFactory(committee=committee, date=D(2023, 4, 10))
    m5 = MeetingFactory(committee=committee, date=D(2023, 5, 10))
    item1 = AgendaItemFactory(meeting=m1, number="5", position=0)
    ActionFactory(agenda_item=item1, intro="ongoing for ever")
    done_early = ActionFactory(agenda_item=item1, intro="completed before paper 2")
    done_later = ActionFactory(agenda_item=item1, intro="completed after paper 2")
    closed = ActionFactory(agenda_item=item1, intro="closed before paper 2")
    elsewhere = ActionFactory(
        agenda_item=AgendaItemFactory(meeting=MeetingFactory(committee=other, date=m1.date)),
        intro="another committee's",
    )
    finish(done_early)
    finish(closed, Action.Status.CLOSED, "Delegation not used.")

    paper2 = paper_create(meeting=m2)
    assert set(shown(paper2)) == {
        "ongoing for ever",
        "completed before paper 2",
        "completed after paper 2",
        "closed before paper 2",
    }
    paper_publish(paper=paper2)
    done_early.refresh_from_db()
    assert done_early.reported_in == paper2
    elsewhere.refresh_from_db()
    assert elsewhere.reported_in is None

    # Paper 3: the finished ones are gone; a new action of meeting 2 arose since.
    item2 = AgendaItemFactory(meeting=m2, number="6")
    arose = ActionFactory(agenda_item=item2, intro="arose at meeting 2")
    finish(done_later)
    paper3 = paper_create(meeting=m3)
    assert shown(paper3) == ["arose at meeting 2", "ongoing for ever", "completed after paper 2"]
    paper_publish(paper=paper3)

    # Paper 4: only the ongoing ones, from both meetings, newest meeting first.
    finish(arose)
    paper4 = paper_create(meeting=m4)
    assert shown(paper4) == ["arose at meeting 2", "ongoing for ever"]
    paper_publish(paper=paper4)

    # Paper 5: still carried forward, and meeting 4's own actions are not its concern yet.
    ActionFactory(agenda_item=AgendaItemFactory(meeting=m5), intro="arose at meeting 5")
    paper5 = paper_create(meeting=m5)
    assert shown(paper5) == ["ongoing for ever"]

    # Rendering a published paper again shows what it showed when published.
    paper3.refresh_from_db()
    assert shown(paper3) == ["ongoing for ever", "completed after paper 2"]


def test_blocks_newest_meeting_first_then_item_then_action_position():
    committee = CommitteeFactory()
    old = MeetingFactory(committee=committee, date=D(2022, 9, 1))
    new = MeetingFactory(committee=committee, date=D(2022, 10, 1))
    target = MeetingFactory(committee=committee, date=D(2022, 11, 1))
    later_item = AgendaItemFactory(meeting=new, number="10", position=2)
    early_item = AgendaItemFactory(meeting=new, number="6", position=1)
    ActionFactory(agenda_item=later_item, intro="new 10 first", position=0)
    ActionFactory(agenda_item=early_item, intro="new 6 second", position=1)
    ActionFactory(agenda_item=early_item, intro="new 6 first", position=0)
    ActionFactory(agenda_item=AgendaItemFactory(meeting=old), intro="old")
    paper = paper_create(meeting=target)
    assert shown(paper) == ["new 6 first", "new 6 second", "new 10 first", "old"]


def test_period_defaults_from_previous_paper_cut_off():
    committee = CommitteeFactory()
    m1 = MeetingFactory(committee=committee, date=D(2023, 3, 22))
    m2 = MeetingFactory(committee=committee, date=D(2023, 5, 24))
    first = paper_create(meeting=m1)
    assert first.period_end == D(2023, 3, 7)
    first.period_end = D(2023, 3, 9)
    first.save()
    paper_publish(paper=first)
    second = paper_create(meeting=m2)
    # Periods include both days: the next starts the day after the cut-off.
    assert (second.period_start, second.period_end) == (D(2023, 3, 10), D(2023, 5, 9))

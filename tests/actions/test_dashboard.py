"""The committee status dashboard: its figures, their links to the register, access."""

import datetime as dt

import pytest
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actions.dashboard import results
from actions.dashboard.selectors import dashboard_for
from actions.filters import ActionFilter
from actions.models import Action, ResponsiblePerson
from meetings.models import AgendaItem, Meeting, Organisation
from papers.models import Paper
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
)

pytestmark = pytest.mark.django_db

ONGOING, COMPLETED, CLOSED = Action.Status.values


def all_figures(dashboard):
    yield from dashboard.statuses
    yield dashboard.total
    yield from dashboard.age_bands
    yield from dashboard.organisations
    yield dashboard.not_chased
    yield from dashboard.changes
    for meeting in dashboard.meetings:
        yield meeting.total
        yield meeting.done


@pytest.fixture
def committee():
    """A committee with actions of every status, age band and kind of responsible person,
    a published paper, plus records that must not be counted."""
    today = timezone.localdate()
    pcc = CommitteeFactory(name="Police and Crime Committee")
    mps = OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    mopac = OrganisationFactory(name="Mayor's Office for Policing and Crime", short_name="MOPAC")
    deputy = ResponsiblePersonFactory(name="Deputy Commissioner", organisation=mps)
    ceo = ResponsiblePersonFactory(name="Chief Executive Officer", organisation=mopac)
    adviser = ResponsiblePersonFactory(name="Senior Policy Adviser", is_internal=True)
    casey = ResponsiblePersonFactory(name="Baroness Casey of Blackstock DBE CB")

    def item(days_ago):
        meeting = MeetingFactory(committee=pcc, date=today - dt.timedelta(days=days_ago))
        return AgendaItemFactory(meeting=meeting)

    recent, half_year, old, ancient = item(20), item(130), item(400), item(1000)
    ActionFactory(agenda_item=recent, responsible_person=deputy)
    ActionFactory(
        agenda_item=recent,
        responsible_person=adviser,
        last_chased_on=today - dt.timedelta(days=2),
    )
    ActionFactory(agenda_item=half_year, responsible_person=ceo)
    ActionFactory(
        agenda_item=half_year,
        responsible_person=deputy,
        last_chased_on=today - dt.timedelta(days=10),
    )
    ActionFactory(agenda_item=old, responsible_person=casey)
    ActionFactory(
        agenda_item=ancient, responsible_person=deputy, last_chased_on=dt.date(2021, 1, 4)
    )
    ActionFactory(
        agenda_item=old,
        responsible_person=ceo,
        status=COMPLETED,
        finished_on=today - dt.timedelta(days=5),
    )
    ActionFactory(
        agenda_item=ancient,
        responsible_person=deputy,
        status=COMPLETED,
        finished_on=today - dt.timedelta(days=300),
    )
    ActionFactory(
        agenda_item=half_year,
        responsible_person=adviser,
        status=CLOSED,
        finished_on=today - dt.timedelta(days=3),
    )
    # A deleted action and another committee's action are never counted.
    ActionFactory(agenda_item=recent, responsible_person=deputy, deleted_at=timezone.now())
    other = CommitteeFactory(name="Transport Committee")
    ActionFactory(
        agenda_item=AgendaItemFactory(meeting=MeetingFactory(committee=other, date=today)),
        responsible_person=deputy,
    )
    Paper.objects.create(
        meeting=half_year.meeting,
        status=Paper.Status.PUBLISHED,
        period_end=today - dt.timedelta(days=60),
    )
    Paper.objects.create(meeting=recent.meeting, status=Paper.Status.DRAFT)
    return pcc


def test_every_figure_counts_exactly_the_rows_its_register_link_lists(committee):
    dashboard = dashboard_for(committee=committee, today=timezone.localdate())
    figures = list(all_figures(dashboard))
    assert len(figures) == 3 + 1 + 5 + 3 + 1 + 3 + 4 * 2
    for figure in figures:
        register = ActionFilter(QueryDict(figure.query))
        assert register.is_valid(), (figure.label, register.errors)
        assert register.qs.count() == figure.count, (figure.label, figure.query)
        assert figure.url.startswith("/actions/?committee=police-and-crime-committee")


def test_figures_are_what_a_reader_would_count(committee):
    dashboard = dashboard_for(committee=committee, today=timezone.localdate())
    assert [(f.label, f.count) for f in dashboard.statuses] == [
        ("Ongoing", 6),
        ("Completed", 2),
        ("Closed", 1),
    ]
    assert dashboard.total.count == 9
    assert [f.count for f in dashboard.age_bands] == [2, 2, 0, 1, 1]
    assert {f.label: f.count for f in dashboard.organisations} == {
        "MPS": 3,
        "MOPAC": 1,
        "Secretariat / no organisation": 2,
    }
    # Last pursued: the chase, else the meeting; 30 days: the one chased 2021 and the
    # three never chased after meetings of 130, 400 days ago.
    assert dashboard.not_chased.count == 3
    assert [(f.label, f.count) for f in dashboard.changes] == [
        ("Completed since", 1),
        ("Closed since", 1),
        ("Arisen since", 2),
    ]
    assert [(m.total.count, m.done.count) for m in dashboard.meetings] == [
        (2, 0),
        (3, 1),
        (2, 1),
        (2, 1),
    ]
    oldest = dashboard.longest_outstanding
    assert [a.age_months for a in oldest][:1] == [32]
    assert oldest[0].last_chased_on == dt.date(2021, 1, 4)


def figures_of(dashboard) -> list[tuple[str, int]]:
    return [(f.hidden or f.label, f.count) for f in all_figures(dashboard)]


def headline_figures(dashboard):
    """The headline numbers that link to the action register (the letters link elsewhere)."""
    yield dashboard.outstanding
    yield dashboard.overdue
    yield dashboard.not_chased
    if dashboard.completed_since:
        yield dashboard.completed_since


def assert_figures_match_the_register(dashboard):
    for figure in [*all_figures(dashboard), *headline_figures(dashboard)]:
        assert ActionFilter(QueryDict(figure.query)).qs.count() == figure.count, figure.label


# Committed writes: on PostgreSQL the data version is renewed when a write commits, and a
# transaction that has written is never served cached rows.
@pytest.mark.django_db(transaction=True)
def test_a_second_read_reuses_the_counted_rows_and_any_write_makes_it_count_again(committee):
    today = timezone.localdate()
    with CaptureQueriesContext(connection) as first:
        before = dashboard_for(committee=committee, today=today)
    with CaptureQueriesContext(connection) as second:
        again = dashboard_for(committee=committee, today=today)
    # The last paper, the data version and the letters awaiting a reply, not the counts.
    assert len(second.captured_queries) == 3 < len(first.captured_queries)
    assert figures_of(again) == figures_of(before)

    # Written through save(): a new ongoing action at a meeting three days ago.
    ActionFactory(
        agenda_item__meeting__committee=committee,
        agenda_item__meeting__date=today - dt.timedelta(days=3),
    )
    after = dashboard_for(committee=committee, today=today)
    assert after.statuses[0].count == before.statuses[0].count + 1
    assert after.age_bands[0].count == before.age_bands[0].count + 1
    assert after.meetings[0].total.count == 1
    assert_figures_match_the_register(after)

    # Written with QuerySet.update(), which sends no signal: every ongoing action completed.
    Action.objects.filter(status=ONGOING).update(status=COMPLETED, finished_on=today)
    after = dashboard_for(committee=committee, today=today)
    assert after.statuses[0].count == 0
    assert after.organisations == [] and after.longest_outstanding == []
    assert after.changes[0].count == before.statuses[0].count + 1 + before.changes[0].count
    assert_figures_match_the_register(after)


def test_figures_follow_writes_to_people_organisations_meetings_and_items(committee):
    today = timezone.localdate()
    before = dashboard_for(committee=committee, today=today)
    assert {f.label for f in before.organisations} == {
        "MPS",
        "MOPAC",
        "Secretariat / no organisation",
    }
    Organisation.objects.filter(short_name="MPS").update(short_name="Met")
    renamed = dashboard_for(committee=committee, today=today)
    assert "Met" in {f.label for f in renamed.organisations}

    # The Chief Executive Officer moves from MOPAC to the Met.
    ResponsiblePerson.objects.filter(name="Chief Executive Officer").update(
        organisation=Organisation.objects.get(short_name="Met")
    )
    moved = dashboard_for(committee=committee, today=today)
    assert {f.label: f.count for f in moved.organisations} == {
        "Met": 4,
        "Secretariat / no organisation": 2,
    }

    oldest = moved.longest_outstanding[0]
    AgendaItem.objects.filter(actions__pk=oldest.pk).update(number="99")
    renumbered = dashboard_for(committee=committee, today=today)
    assert renumbered.longest_outstanding[0].item_number == "99"

    # The newest meeting moves a day later: its actions follow (actions.signals).
    meeting = Meeting.objects.filter(committee=committee).latest("date")
    meeting.date += dt.timedelta(days=1)
    meeting.save()
    progress = dashboard_for(committee=committee, today=today).meetings
    assert progress[0].date == meeting.date
    assert_figures_match_the_register(dashboard_for(committee=committee, today=today))


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "write",
    [
        lambda: Action.all_objects.update(status_note="Seen"),
        lambda: Action.all_objects.filter(deleted_at__isnull=False).delete(),
        lambda: ResponsiblePerson.objects.update(is_internal=False),
        lambda: Organisation.objects.update(short_name=""),
        lambda: Meeting.objects.update(title="Renamed"),
        lambda: AgendaItem.objects.update(number="1"),
    ],
    ids=["action", "deleted action", "person", "organisation", "meeting", "agenda item"],
)
def test_every_write_to_what_the_dashboard_reads_changes_the_data_version(committee, write):
    before = results.data_version()
    write()
    assert results.data_version() not in (None, before)


def test_not_chased_days_come_from_the_page(member_client, committee):
    response = member_client.get("/dashboard/", {"days": "5"})
    assert response.context["dashboard"].not_chased.count == 5
    assert "Actions not chased for more than 5 days" in response.content.decode()
    assert "not_chased_days=5" in response.content.decode()


def test_bad_days_show_an_error_and_the_default(member_client, committee):
    other = CommitteeFactory(name="Transport Committee")
    response = member_client.get("/dashboard/", {"days": "-3", "committee": other.slug})
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert '<a href="#id_days">' in page
    assert 'value="-3"' in page  # the box keeps what was typed, next to its error
    assert response.context["dashboard"].not_chased_days == 30
    assert response.context["committee"] == other  # the valid option still applies


def test_an_unknown_meetings_value_shows_the_newest_meetings_without_an_error(
    member_client, committee
):
    response = member_client.get("/dashboard/", {"meetings": "<every>"})
    assert response.status_code == 200
    assert "There is a problem" not in response.content.decode()
    assert response.context["dashboard"].all_meetings is False


def test_page_links_each_count_to_the_register(member_client, committee):
    response = member_client.get("/dashboard/")
    page = response.content.decode()
    for figure in all_figures(response.context["dashboard"]):
        href = figure.url.replace("&", "&amp;")
        assert f'href="{href}">{figure.count}<' in page, figure.label


def test_charts_are_svg_images_with_titles_and_tables_without_inline_styles(
    member_client, committee
):
    page = member_client.get("/dashboard/").content.decode()
    assert page.count('<svg xmlns="http://www.w3.org/2000/svg" role="img"') == 3
    assert '<title id="chart-age-title">Outstanding actions by age</title>' in page
    assert "Under 3 months: 2; 3 to 6 months: 2; 6 to 12 months: 0" in page
    assert "<table" in page and "<script>" not in page
    assert "style=" not in page and "<style" not in page
    # Status is told in words as well as by fill.
    assert 'class="app-chart__label">Completed</text>' in page


def test_default_committee_is_the_users_own_and_a_picker_offers_the_others(
    member, member_client, committee
):
    own = CommitteeFactory(name="Transport Committee")
    own.people.add(member)
    response = member_client.get("/dashboard/")
    assert response.context["committee"] == own
    page = response.content.decode()
    assert '<select class="govuk-select" id="id_committee" name="committee">' in page
    assert "Transport Committee (your committee)" in page
    chosen = member_client.get("/dashboard/", {"committee": committee.slug})
    assert chosen.context["committee"] == committee
    assert member_client.get("/dashboard/", {"committee": "no-such"}).status_code == 404


def test_without_own_committee_the_first_is_shown(member_client, committee):
    response = member_client.get("/dashboard/")
    assert response.context["committee"] == committee
    assert "id_committee" in response.content.decode()


def test_one_committee_needs_no_picker(member_client):
    CommitteeFactory(name="Police and Crime Committee")
    page = member_client.get("/dashboard/").content.decode()
    assert "Police and Crime Committee" in page
    assert "id_committee" not in page


def test_members_and_officers_read_but_no_one_posts(member_client, officer_client, committee):
    for client in (member_client, officer_client):
        page = client.get("/dashboard/").content.decode()
        assert 'method="post"' not in page.replace(
            '<form method="post" action="/accounts/logout/"', ""
        )
        assert "Edit" not in page
        assert client.post("/dashboard/", {}).status_code == 405
        assert client.post("/dashboard/pdf/", {}).status_code == 405


def test_anonymous_is_sent_to_sign_in_and_monitoring_officer_is_refused(
    client, monitoring_officer, committee
):
    response = client.get("/dashboard/")
    assert response.status_code == 302
    assert response.url.startswith("/accounts/login/")
    assert client.get("/dashboard/pdf/").status_code == 302
    client.force_login(monitoring_officer)
    assert client.get("/dashboard/").status_code == 403
    assert client.get("/dashboard/pdf/").status_code == 403


def test_no_committee_yet(member_client):
    response = member_client.get("/dashboard/")
    assert response.status_code == 200
    assert "There are no committees yet." in response.content.decode()

"""The action register: filters in the URL, sorting, paging, exports, flat query count."""

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from actions.models import Action
from actiontracker.exports import safe_cell
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
)

pytestmark = pytest.mark.django_db


def rows_of(response) -> int:
    return response.content.decode().count('<tr class="govuk-table__row">') - 1


def test_register_filters_by_status_and_search_from_the_url(member_client):
    ActionFactory(intro="Provide the stop and search figures", status_note="Awaited.")
    ActionFactory(
        intro="Provide the knife crime figures",
        status=Action.Status.COMPLETED,
        finished_on=dt.date(2023, 5, 1),
    )
    ActionFactory(intro="Write to the Mayor about custody")

    response = member_client.get("/actions/", {"q": "figures", "status": "ongoing"})

    page = response.content.decode()
    assert response.status_code == 200
    assert "Provide the stop and search figures" in page
    assert "knife crime" not in page
    assert "custody" not in page
    assert "1 action matches these filters" in page
    assert '<option value="0-3">Under 3 months</option>' in page
    assert "---------" not in page  # an unset filter reads "Any"
    # The filter stays in the URL of the exports.
    assert "/actions/export.csv?q=figures&amp;status=ongoing" in page


def test_search_finds_words_in_each_part_of_an_action_and_follows_edits(member_client):
    by_item = ActionFactory(requested_items=["the custody death statistics"])
    by_note = ActionFactory(status_note="Awaiting the Taser review.")
    by_title = ActionFactory(agenda_item=AgendaItemFactory(title="Violence against women"))
    by_person = ActionFactory(responsible_person=ResponsiblePersonFactory(name="Met Detective"))

    def found(words):
        page = member_client.get("/actions/", {"q": words}).content.decode()
        return {a for a in (by_item, by_note, by_title, by_person) if a.intro in page}

    assert found("custody statistics") == {by_item}
    assert found("taser") == {by_note}
    assert found("violence women") == {by_title}
    assert found("detective") == {by_person}
    # An edited note is found by its new words at once, and no longer by the old ones.
    by_note.status_note = "Followed-up about body-worn video."
    by_note.save()
    assert found("taser") == set()
    assert found("body-worn video") == {by_note}


def test_register_filters_by_committee_organisation_and_meeting_dates(member_client):
    other = CommitteeFactory(name="Budget and Performance Committee")
    mps = OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    kept = ActionFactory(
        intro="Kept action",
        agenda_item=AgendaItemFactory(meeting=MeetingFactory(date=dt.date(2023, 3, 22))),
        responsible_person=ResponsiblePersonFactory(organisation=mps),
    )
    ActionFactory(
        intro="Other committee",
        agenda_item=AgendaItemFactory(meeting=MeetingFactory(committee=other)),
        responsible_person=ResponsiblePersonFactory(organisation=mps),
    )
    ActionFactory(
        intro="Too early",
        agenda_item=AgendaItemFactory(meeting=MeetingFactory(date=dt.date(2022, 1, 5))),
        responsible_person=ResponsiblePersonFactory(organisation=mps),
    )
    ActionFactory(intro="No organisation")
    committee = kept.agenda_item.meeting.committee

    page = member_client.get(
        "/actions/",
        {
            "committee": committee.slug,
            "organisation": mps.pk,
            "meeting_date_after": "2023-01-01",
            "meeting_date_before": "2023-12-31",
        },
    ).content.decode()

    assert "Kept action" in page
    for absent in ("Other committee", "Too early", "No organisation"):
        assert absent not in page


def test_register_sorts_by_meeting_date(member_client):
    ActionFactory(
        intro="Older one", agenda_item=AgendaItemFactory(meeting__date=dt.date(2021, 1, 1))
    )
    ActionFactory(
        intro="Newer one", agenda_item=AgendaItemFactory(meeting__date=dt.date(2024, 1, 1))
    )

    ascending = member_client.get("/actions/", {"sort": "meeting_date"}).content.decode()
    descending = member_client.get("/actions/", {"sort": "-meeting_date"}).content.decode()

    assert ascending.index("Older one") < ascending.index("Newer one")
    assert descending.index("Newer one") < descending.index("Older one")


def test_register_pages_by_fifty(member_client):
    item = AgendaItemFactory()
    ActionFactory.create_batch(55, agenda_item=item)

    first = member_client.get("/actions/")
    second = member_client.get("/actions/", {"page": 2})

    assert rows_of(first) == 50
    assert rows_of(second) == 5
    assert 'aria-label="Page 2"' in first.content.decode()


def test_register_status_is_text_not_colour_alone(member_client):
    ActionFactory(status_note="Followed-up on 4 May 2023.")
    page = member_client.get("/actions/").content.decode()
    assert "Ongoing</strong>" in page
    assert "Followed-up on 4 May 2023." in page


def test_only_officers_get_checkboxes_for_a_bulk_follow_up(client, member, officer):
    ActionFactory()
    client.force_login(member)
    assert 'name="actions"' not in client.get("/actions/").content.decode()
    client.force_login(officer)
    assert 'name="actions" type="checkbox"' in client.get("/actions/").content.decode()


def _register_queries(client) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/actions/", {"status": "ongoing", "q": "information"})
    assert response.status_code == 200
    return len(queries)


def test_register_query_count_does_not_grow_with_rows(officer_client):
    for _ in range(3):
        ActionFactory(
            responsible_person=ResponsiblePersonFactory(organisation=OrganisationFactory())
        )
    few = _register_queries(officer_client)
    for _ in range(60):
        ActionFactory(
            responsible_person=ResponsiblePersonFactory(organisation=OrganisationFactory())
        )
    many = _register_queries(officer_client)
    assert many == few
    assert few <= 12


def test_csv_export_has_exactly_the_filtered_rows(member_client):
    ActionFactory(intro="Ongoing one")
    ActionFactory(intro="Closed one", status=Action.Status.CLOSED, finished_on=dt.date(2023, 5, 1))

    response = member_client.get("/actions/export.csv", {"status": "closed"})

    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    assert rows[0][:3] == ["Committee", "Meeting date", "Item No."]
    assert [row[7] for row in rows[1:]] == ["Closed one"]
    assert rows[1][8] == "Closed"


def test_exports_defuse_spreadsheet_formulas(member_client):
    ActionFactory(intro='=HYPERLINK("http://evil.example","click")', status_note="@SUM(A1)")

    csv_rows = list(
        csv.reader(
            io.StringIO(member_client.get("/actions/export.csv").getvalue().decode("utf-8-sig"))
        )
    )
    assert csv_rows[1][7].startswith("'=HYPERLINK")
    assert csv_rows[1][9] == "'@SUM(A1)"

    response = member_client.get("/actions/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    # A typed string cell, kept as text on editing: the text stays as typed.
    assert sheet["H2"].value.startswith("=HYPERLINK")
    assert sheet["H2"].data_type == "s" and sheet["H2"].quotePrefix
    assert sheet["J2"].value == "@SUM(A1)" and sheet["J2"].quotePrefix


def test_xlsx_export_uses_the_same_filter(member_client):
    ActionFactory(intro="About custody")
    ActionFactory(intro="About stop and search")

    response = member_client.get("/actions/export.xlsx", {"q": "custody"})

    sheet = load_workbook(io.BytesIO(response.getvalue())).active
    assert [row[7] for row in sheet.iter_rows(min_row=2, values_only=True)] == ["About custody"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("=1+1", "'=1+1"), ("+44 20", "'+44 20"), ("-5", "'-5"), ("plain", "plain"), (None, "")],
)
def test_safe_cell(value, expected):
    assert safe_cell(value) == expected


def test_a_bad_filter_value_is_explained_not_a_crash(member_client):
    ActionFactory(intro="Still listed")
    response = member_client.get(
        "/actions/", {"not_chased_days": "soon", "meeting_date_after": "2023-02-30"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem with the filter" in page
    assert "Not chased for more than (days): Enter a number." in page
    assert 'href="#id_meeting_date_after-day"' in page


def test_dashboard_links_keep_their_hidden_filters(member_client):
    kept = ActionFactory(intro="At this meeting")
    ActionFactory(intro="At another meeting")
    meeting = kept.agenda_item.meeting
    page = member_client.get("/actions/", {"meeting": meeting.pk}).content.decode()
    assert "At this meeting" in page
    assert "At another meeting" not in page
    # Re-filtering from the panel keeps the meeting the dashboard linked to.
    assert f'<input type="hidden" name="meeting" value="{meeting.pk}"' in page


def test_an_action_that_only_introduces_its_items_is_listed_by_what_it_asks(officer_client):
    action = ActionFactory(
        intro="The Committee requested the following:",
        requested_items=[
            "the number of officers trained in the new custody procedures;",
            "the results of the latest victim satisfaction survey; and",
            "the date the review will report",
        ],
    )
    expected = (
        "the number of officers trained in the new custody procedures; the results of the "
        "latest victim satisfaction survey (and 1 more requested item)"
    )
    register = officer_client.get("/actions/").content.decode()
    # The link carries the register's address, so the action's back link returns to it.
    assert f'href="{action.get_absolute_url()}?back=%2Factions%2F">{expected}</a>' in register
    assert "requested the following:</a>" not in register
    # The follow-up picker lists the ticked action the same way.
    picker = officer_client.get("/actions/follow-up/", {"actions": [action.pk]}).content.decode()
    assert expected in picker

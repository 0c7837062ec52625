"""The register's own export, imported into an empty database, gives the same register."""

import datetime as dt

import pytest
from django.urls import reverse

from actions.models import Action, FollowUp, ResponsiblePerson
from meetings.models import AgendaItem, Committee, Meeting, Organisation
from papers.importing.services import paper_import
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
)

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def register():
    police = CommitteeFactory(name="Police and Crime Committee")
    fire = CommitteeFactory(name="Fire, Resilience and Emergency Planning Committee")
    brigade = OrganisationFactory(name="London Fire Brigade", short_name="LFB")
    mps = OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    deputy = ResponsiblePersonFactory(name="Deputy Commissioner", organisation=mps)
    commissioner = ResponsiblePersonFactory(name="Commissioner", organisation=brigade)
    adviser = ResponsiblePersonFactory(name="Senior Policy Adviser", organisation=None)
    march = MeetingFactory(committee=police, date=D(2023, 3, 22))
    item = AgendaItemFactory(meeting=march, number="6", title="Independent Review", position=0)
    ActionFactory(
        agenda_item=item,
        responsible_person=deputy,
        intro="The Deputy Commissioner agreed to provide:",
        requested_items=["the survey of officers; and", "the vetting figures for 2022."],
        status_note="Followed-up on 4 May 2023.",
        last_chased_on=D(2023, 5, 4),
        timing="June 2023",
        position=0,
    )
    ActionFactory(
        agenda_item=item,
        responsible_person=adviser,
        intro="That authority be delegated to the Chair to agree any output.",
        status=Action.Status.CLOSED,
        status_note="Delegation not used.",
        finished_on=D(2023, 5, 24),
        position=1,
    )
    other = AgendaItemFactory(meeting=march, number="7a", title="Work Programme", position=1)
    ActionFactory(
        agenda_item=other,
        responsible_person=adviser,
        number="3",
        intro="Arrange the visit to the custody suite.",
        status=Action.Status.COMPLETED,
        status_note="This visit took place on 6 April 2023.",
        finished_on=D(2023, 4, 6),
    )
    june = MeetingFactory(committee=fire, date=D(2023, 6, 14))
    ActionFactory(
        agenda_item=AgendaItemFactory(meeting=june, number="5", title="Grenfell Inquiry"),
        responsible_person=commissioner,
        intro="To share the progress report on the Inquiry's recommendations.",
        timing="September 2023",
    )


def empty_the_database() -> None:
    FollowUp.objects.all().delete()
    Action.all_objects.all().delete()
    AgendaItem.objects.all().delete()
    Meeting.objects.all().delete()
    ResponsiblePerson.objects.all().delete()
    Organisation.objects.all().delete()
    Committee.objects.all().delete()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_export_then_import_into_an_empty_database_gives_the_same_register(
    register, member_client, tmp_path, fmt
):
    url = reverse(f"action-export-{fmt}")
    before = member_client.get(url).getvalue()
    path = tmp_path / f"actions.{fmt}"
    path.write_bytes(before)
    empty_the_database()

    report = paper_import(path=path)

    assert report.kind == "log" and report.unplaced == [] and report.warnings == []
    assert report.created["actions"] == 4
    assert Action.objects.count() == 4
    if fmt == "csv":
        assert member_client.get(url).getvalue() == before
    else:
        assert _xlsx_values(member_client.get(url).getvalue()) == _xlsx_values(before)
    # Imported again, the export changes nothing.
    again = paper_import(path=path)
    assert again.action_counts == {"unchanged": 4}


def _xlsx_values(content: bytes) -> list[tuple]:
    import io

    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(content)).active
    return list(sheet.iter_rows(values_only=True))

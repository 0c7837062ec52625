"""The letter form's picker of the actions a letter answers: a server search of the letter's
committee's ongoing actions (by words, person, organisation, meeting) shown as tick boxes,
so it works without JavaScript; linked actions stay ticked; the type-ahead's JSON search is
for officers only and reads one query."""

import datetime as dt
import re

import pytest
from django.urls import reverse

from actions.models import Action
from correspondence.models import Correspondence
from tests.correspondence.test_correspondence_register import letter_post_data
from tests.factories import (
    ActionFactory,
    CommitteeFactory,
    CorrespondenceFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    committee = CommitteeFactory(name="Police and Crime Committee")
    other = CommitteeFactory(name="Transport Committee")
    mps = OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    commissioner = ResponsiblePersonFactory(name="Deputy Commissioner", organisation=mps)
    march = MeetingFactory(committee=committee, date=dt.date(2026, 3, 11))
    june = MeetingFactory(committee=committee, date=dt.date(2026, 6, 10))
    return {
        "committee": committee,
        "custody": ActionFactory(
            agenda_item__meeting=march,
            responsible_person=commissioner,
            intro="Provide the custody figures by borough.",
        ),
        "training": ActionFactory(
            agenda_item__meeting=june, intro="Share the training plan for custody staff."
        ),
        "done": ActionFactory(
            agenda_item__meeting=march,
            intro="Provide the custody audit.",
            status=Action.Status.COMPLETED,
        ),
        "elsewhere": ActionFactory(
            agenda_item__meeting=MeetingFactory(committee=other),
            intro="Provide the custody figures for buses.",
        ),
        "linked": ActionFactory(agenda_item__meeting=june, intro="Write to the Mayor."),
    }


def boxes(page: str) -> dict[str, bool]:
    """The picker's tick boxes: action id -> ticked."""
    found = re.findall(r'<input type="checkbox" name="answers" value="(\d+)"([^>]*)>', page)
    return {pk: "checked" in rest for pk, rest in found}


def search(client, url, data, query):
    return client.post(url, data | {"answers_search": query, "search_actions": "1"})


def test_search_tick_and_save_without_javascript(officer_client, world):
    url = reverse("correspondence-create")
    data = letter_post_data(world["committee"], subject="Custody figures")

    response = search(officer_client, url, data, "custody")
    page = response.content.decode()
    assert response.status_code == 200
    assert not Correspondence.objects.exists()  # a search saves nothing
    assert "There is a problem" not in page
    assert 'value="Custody figures"' in page  # what was typed stays
    # The committee's ongoing actions with the word, newest meeting first; not completed
    # ones, nor another committee's.
    assert list(boxes(page)) == [str(world["training"].pk), str(world["custody"].pk)]
    assert not any(boxes(page).values())
    assert "2 ongoing actions match “custody”" in page
    assert "11 March 2026, item" in page and "Deputy Commissioner, MPS" in page

    data |= {"answers": [world["custody"].pk]}
    assert officer_client.post(url, data).status_code == 302
    assert list(Correspondence.objects.get().answers.all()) == [world["custody"]]


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("MPS", ["custody"]),
        ("deputy commissioner", ["custody"]),
        ("Metropolitan", ["custody"]),
        ("March 2026", ["custody"]),
        ("june", ["linked", "training"]),
        ("training plan", ["training"]),
    ],
)
def test_search_by_person_organisation_and_meeting(officer_client, world, query, found):
    data = letter_post_data(world["committee"])
    page = search(officer_client, reverse("correspondence-create"), data, query).content.decode()
    assert sorted(boxes(page)) == sorted(str(world[name].pk) for name in found)


def test_linked_actions_stay_ticked_through_a_search_and_can_be_unticked(officer_client, world):
    letter = CorrespondenceFactory(committee=world["committee"], subject="To the Mayor")
    letter.answers.add(world["linked"])
    url = reverse("correspondence-edit", args=[letter.pk])
    form = officer_client.get(url).content.decode()
    assert boxes(form) == {str(world["linked"].pk): True}

    data = letter_post_data(world["committee"], version=letter.version)
    data |= {"answers": [world["linked"].pk]}
    page = search(officer_client, url, data, "custody figures").content.decode()
    assert boxes(page) == {str(world["linked"].pk): True, str(world["custody"].pk): False}
    assert f'name="version" value="{letter.version}"' in page

    data |= {"answers": [world["custody"].pk]}  # the linked one unticked, one found ticked
    assert officer_client.post(url, data).status_code == 302
    assert list(letter.answers.all()) == [world["custody"]]


def test_enter_in_the_form_saves_rather_than_searches(officer_client, world):
    page = officer_client.get(reverse("correspondence-create")).content.decode()
    form = page[page.index('id="main-form"') :]
    first_button = re.search(r"<button[^>]*>", form).group(0)
    assert 'name="search_actions"' not in first_button
    assert "Search actions" in form


def test_the_type_ahead_search_is_json_for_officers_only(client, officer, member, world):
    url = reverse("correspondence-action-search")
    query = {"q": "custody", "committee": world["committee"].pk}
    assert client.get(url, query).status_code == 302
    client.force_login(member)
    assert client.get(url, query).status_code == 403
    client.force_login(officer)
    results = client.get(url, query).json()["results"]
    assert [r["id"] for r in results] == [world["training"].pk, world["custody"].pk]
    assert results[1]["label"].startswith("11 March 2026, item")
    # Without a committee, every committee's ongoing actions.
    everywhere = client.get(url, {"q": "custody figures"}).json()["results"]
    assert {r["id"] for r in everywhere} == {world["custody"].pk, world["elsewhere"].pk}
    # Then each names its committee.
    assert {r["label"].split(",")[0] for r in everywhere} == {
        "Police and Crime Committee",
        "Transport Committee",
    }


def test_the_search_reads_one_query_however_many_match(
    officer_client, world, django_assert_max_num_queries
):
    url = reverse("correspondence-action-search")
    ActionFactory.create_batch(
        30, agenda_item__meeting=world["custody"].agenda_item.meeting, intro="More custody."
    )
    officer_client.get(url, {"q": "custody"})
    # The session, the user and their permissions, then one read of the actions.
    with django_assert_max_num_queries(8) as captured:
        results = officer_client.get(url, {"q": "custody"}).json()["results"]
    assert len(results) == 25
    reads = [q for q in captured.captured_queries if "actions_action" in q["sql"]]
    assert len(reads) == 1

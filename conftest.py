"""Shared fixtures: users in each role; every test's actions checked against their meetings."""

import pytest
from django.db.models import F

from actiontracker import roles
from tests.factories import UserFactory


@pytest.fixture
def officer(db):
    return UserFactory(username="officer", role=roles.OFFICERS)


@pytest.fixture
def member(db):
    return UserFactory(username="member", role=roles.MEMBERS)


@pytest.fixture
def monitoring_officer(db):
    return UserFactory(username="monitoring", role=roles.MONITORING)


@pytest.fixture
def officer_client(client, officer):
    client.force_login(officer)
    return client


@pytest.fixture
def member_client(client, member):
    client.force_login(member)
    return client


@pytest.fixture(autouse=True)
def actions_keep_a_true_copy_of_their_meeting(request):
    """After every test that used the database, each action's copy of its meeting (committee
    and date, which the dashboard counts by) must equal its agenda item's meeting, whatever
    the test did to actions, agenda items and meetings."""
    if "_django_db_helper" not in request.fixturenames:
        yield
        return
    request.getfixturevalue("_django_db_helper")  # so the database outlives this check
    yield
    from actions.models import Action

    # The test is over: undo what it patched (a broken database cursor, say) before reading.
    request.getfixturevalue("monkeypatch").undo()
    stale = list(
        Action.all_objects.order_by()
        .exclude(
            committee=F("agenda_item__meeting__committee"),
            meeting_date=F("agenda_item__meeting__date"),
        )
        .values_list("pk", "committee", "meeting_date", "agenda_item__meeting")
    )
    assert not stale, f"actions whose copy of their meeting is stale: {stale}"


@pytest.fixture
def pdf_renderer(settings):
    """Make the test's PDFs with a renderer of tests/pdf_renderers.py, through the
    PDF_RENDERER setting: ``renderings = pdf_renderer("stand_in")`` names it and returns
    the list of documents it is asked to render."""
    from tests import pdf_renderers

    pdf_renderers.renderings.clear()

    def use(name: str) -> list:
        settings.PDF_RENDERER = f"tests.pdf_renderers.{name}"
        return pdf_renderers.renderings

    yield use
    pdf_renderers.renderings.clear()

"""Shared fixtures: users in each role."""

import pytest

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

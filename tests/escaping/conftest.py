"""The world of records filled with payloads, and the trap server their images would
fetch from, for every escaping test."""

import pytest

from tests.escaping.world import (
    build_world,
)
from tests.http_trap import http_trap


@pytest.fixture(scope="module")
def trap():
    with http_trap() as (port, hits):
        yield port, hits


@pytest.fixture
def world(trap):
    return build_world(trap[0])

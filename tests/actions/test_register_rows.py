"""The register's rows rendered in Python are the rows django-tables2's own path renders:
the same cells, labels and escaping, for officers (tick boxes) and members, with the
Committee column shown and hidden."""

import datetime as dt
import re

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django_tables2 import RequestConfig

from actions.models import Action
from actions.selectors import action_register
from actions.tables import ActionTable
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    FollowUpFactory,
    MeetingFactory,
    ResponsiblePersonFactory,
)

pytestmark = pytest.mark.django_db


def body(html: str) -> str:
    tbody = re.search(r"<tbody.*?</tbody>", html, re.S).group(0)
    return re.sub(r">\s+<", "><", tbody)


def render(exclude=(), path="/actions/?status=ongoing"):
    request = RequestFactory().get(path)
    table = ActionTable(action_register(data=None).qs, exclude=exclude)
    RequestConfig(request, paginate={"per_page": 50}).configure(table)
    table.back_path = path
    table.show_committee_if_several()
    fast = render_to_string(table.template_name, {"table": table, "request": request})
    table.renders_rows_itself = False
    slow = render_to_string(table.template_name, {"table": table, "request": request})
    return fast, slow


@pytest.mark.parametrize("exclude", [(), ("select",)])
@pytest.mark.parametrize("committees", [1, 2])
def test_rows_rendered_in_python_match_django_tables2(exclude, committees):
    for n in range(committees):
        meeting = MeetingFactory(
            committee=CommitteeFactory(name=f"Committee <{n}> & co"), date=dt.date(2026, 3, 4)
        )
        item = AgendaItemFactory(meeting=meeting, number=f"{n + 5}", title="Item <b>bold</b>")
        person = ResponsiblePersonFactory(name=f'Chief Officer {n} "Q" & <i>X</i>')
        chased = ActionFactory(
            agenda_item=item,
            responsible_person=person,
            intro="The Committee requested the following:",
            requested_items=["a <script>list</script>;", "two"],
            status_note="Note <em>here</em>",
        )
        FollowUpFactory(action=chased, date=dt.date(2026, 4, 1))
        ActionFactory(agenda_item=item, responsible_person=person, status=Action.Status.COMPLETED)
    fast, slow = render(exclude)
    assert body(fast) == body(slow)
    assert "&lt;script&gt;" in fast and "<script>list" not in fast
    assert ("Committee &lt;1&gt;" in fast) == (committees == 2)
    assert body(fast).count('<tr class="govuk-table__row">') == 2 * committees


def test_an_empty_register_says_so_both_ways():
    fast, slow = render()
    assert body(fast) == body(slow)
    assert "No actions match these filters." in fast

"""A log's actions are written in bulk: each still has its history record naming the
import and who ran it, its chases, a refusal naming the row, and queries that do not grow
with the rows."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from actions.models import Action, FollowUp
from meetings.models import AgendaItem, Committee
from papers.importing.cells import PaperParseError
from papers.importing.logs import parse_log
from papers.importing.services import paper_import
from papers.importing.write_log import CHECK_CONSTRAINTS
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
HEADER = "Meeting date\tItem\tAction\tOwner\tStatus\tLast chased"


def log(tmp_path, rows: int, status: str = "Open", name: str = "log.txt", chased=""):
    lines = ["Kestrel Housing Board action tracker", HEADER]
    for n in range(rows):
        when = f"{15 + n % 3} January 2024"
        lines.append(f"{when}\t{n % 4 + 1}. Repairs\tInspect block {n}.\tRepairs Lead\t{status}")
        lines[-1] += f"\t{chased}"
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_history_records_name_the_import_for_new_and_changed_actions(tmp_path):
    officer = UserFactory()
    first = paper_import(
        path=log(tmp_path, 6, chased="1 February 2024"),
        history_reason="Imported from log.txt (import #7)",
        history_user=officer,
    )
    assert first.created["actions"] == 6
    assert {o.action_id for g in first.outcomes for o in g.actions} == set(
        Action.objects.values_list("pk", flat=True)
    )
    for action in Action.objects.all():
        (record,) = action.history.all()
        assert (record.history_type, record.history_change_reason, record.history_user) == (
            "+",
            "Imported from log.txt (import #7)",
            officer,
        )
        assert action.committee.name == "Kestrel Housing Board"
        assert action.last_chased_on == dt.date(2024, 2, 1)
    assert FollowUp.objects.count() == 6
    items = AgendaItem.history.all()
    assert items.count() == AgendaItem.objects.count() == 6  # one per meeting and item
    assert {(r.history_change_reason, r.history_user) for r in items} == {
        ("Imported from log.txt (import #7)", officer)
    }

    again = paper_import(path=log(tmp_path, 6, chased="1 February 2024"))
    assert again.action_counts == {"unchanged": 6}
    assert all(a.history.count() == 1 for a in Action.objects.all())
    assert FollowUp.objects.count() == 6  # the same chase is not recorded twice

    changed = paper_import(
        path=log(tmp_path, 6, status="Completed", name="later.txt", chased="1 March 2024"),
        history_reason="Imported from later.txt (import #8)",
    )
    assert changed.action_counts == {"update": 6}
    for action in Action.objects.all():
        assert (action.status, action.version) == ("completed", 3)  # changed, then chased
        newest = action.history.order_by("history_date", "pk")
        assert [r.history_type for r in newest] == ["+", "~", "~"]
        assert newest[1].status == "completed"
        assert newest[1].history_change_reason == "Imported from later.txt (import #8)"
        assert action.last_chased_on == dt.date(2024, 3, 1)
    assert FollowUp.objects.count() == 12


def test_a_value_the_action_cannot_hold_is_refused_naming_its_line(tmp_path):
    # The reader keeps cells within their fields; the writer still checks each row itself.
    path = log(tmp_path, 3)
    text = path.read_text(encoding="utf-8")
    parsed = parse_log(text)
    parsed.blocks[0].rows[1].number = "A" * 30
    with pytest.raises(PaperParseError, match=r"^line 4, .*at most 20 characters"):
        paper_import(path=path, read=(text, "log", parsed))
    assert not (Committee.objects.exists() or Action.objects.exists())


def test_the_check_constraints_the_writer_checks_are_the_tables():
    # The writer checks them in Python: a new constraint must be checked there too.
    assert {c.name for c in Action._meta.constraints} == CHECK_CONSTRAINTS


def queries(path) -> int:
    with CaptureQueriesContext(connection) as captured:
        paper_import(path=path)
    return len(captured)


def test_queries_do_not_grow_row_by_row(tmp_path):
    small = queries(log(tmp_path, 20, name="small.txt"))
    Action.objects.all().delete()
    large = queries(log(tmp_path, 400, name="large.txt"))
    # Only the bulk statements' batches grow (SQLite takes ~50 rows per INSERT).
    assert large - small <= 30, (small, large)
    assert queries(log(tmp_path, 400, name="large.txt")) <= 60  # imported again, unchanged
    assert queries(log(tmp_path, 400, status="Completed", name="done.txt")) <= 80

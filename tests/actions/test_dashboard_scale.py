"""The dashboard's cost stays flat as actions grow, and seed_volume makes that volume."""

import subprocess
from unittest import mock

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.models import Max
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext

from actions.dashboard.selectors import RECENT_MEETINGS
from actions.filters import ActionFilter
from actions.models import Action, FollowUp
from actiontracker.pdf import html_to_pdf
from correspondence.models import Correspondence
from meetings.models import Committee, Meeting

pytestmark = pytest.mark.django_db

COMMITTEE = "police-and-crime-committee"


def dashboard_queries(client) -> tuple[int, int]:
    """The queries of a read that counts (the first after a write) and of a read again."""
    counts = []
    for _ in range(2):
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/dashboard/", {"committee": COMMITTEE})
        assert response.status_code == 200
        counts.append(len(queries.captured_queries))
    return counts[0], counts[1]


# Committed, as in production: a transaction that has written is never served cached rows.
@pytest.mark.django_db(transaction=True)
def test_query_count_is_the_same_at_100_and_at_100000_actions(member_client):
    call_command("seed_volume", actions=100, stdout=None)
    few = dashboard_queries(member_client)
    call_command("seed_volume", actions=99_900, seed=2)
    assert Action.objects.count() == 100_000
    many = dashboard_queries(member_client)
    assert few == many
    counting, cached = many
    assert counting <= 14
    # Read again, the six counting queries' rows (reply performance's two among them) come
    # from the cache.
    assert cached == counting - 6


def test_progress_shows_the_newest_meetings_and_every_meeting_on_request(member_client):
    call_command("seed_volume", actions=600)
    response = member_client.get("/dashboard/")
    meetings = response.context["dashboard"].meetings
    assert len(meetings) == RECENT_MEETINGS
    assert meetings[0].date > meetings[-1].date
    assert "Show every meeting" in response.content.decode()
    everything = member_client.get("/dashboard/", {"meetings": "all"})
    every = everything.context["dashboard"].meetings
    assert len(every) == Meeting.objects.count() == 50
    assert sum(m.total.count for m in every) == 600
    assert every[:RECENT_MEETINGS] == meetings
    for progress in every[-2:]:
        for figure in (progress.total, progress.done):
            assert ActionFilter(QueryDict(figure.query)).qs.count() == figure.count


def test_progress_offers_no_more_meetings_when_it_lists_them_all(member_client):
    call_command("seed_volume", actions=60)
    assert Meeting.objects.count() < RECENT_MEETINGS
    page = member_client.get("/dashboard/").content.decode()
    assert "Actions arising from each meeting" in page
    assert "Show every meeting" not in page


def test_seed_volume_adds_realistic_actions_to_a_new_committee(capsys):
    call_command("seed_volume", actions=600, committee="transport-committee")
    assert "600 actions" in capsys.readouterr().out
    committee = Committee.objects.get(slug="transport-committee")
    assert committee.name == "Transport Committee"
    actions = Action.objects.for_committee(committee)
    assert actions.count() == 600
    assert set(actions.values_list("status", flat=True)) == set(Action.Status.values)
    assert actions.exclude(requested_items=[]).exists()
    organisations = set(
        actions.values_list("responsible_person__organisation__short_name", flat=True)
    )
    assert {"MPS", "MOPAC", "VRU", "TfL", None} <= organisations
    assert actions.filter(responsible_person__is_internal=True).exists()
    assert committee.meetings.count() >= 40
    assert Correspondence.objects.filter(committee=committee).exists()
    # The newest chase is the action's last_chased_on, and finished actions say when.
    newest = dict(
        FollowUp.objects.values("action").annotate(d=Max("date")).values_list("action", "d")
    )
    assert newest
    for pk, last_chased_on in actions.values_list("pk", "last_chased_on"):
        assert newest.get(pk) == last_chased_on
    assert not actions.exclude(status="ongoing").filter(finished_on__isnull=True).exists()
    # Adding more goes to the same committee, on other meeting days.
    call_command("seed_volume", actions=50, committee="transport-committee")
    assert actions.count() == 650


def test_seed_volume_refuses_a_negative_count():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="--actions"):
        call_command("seed_volume", actions=-1)


def test_dashboard_pdf_is_a_pdf_of_the_figures(member_client, tmp_path):
    call_command("seed_volume", actions=60)
    with mock.patch("actions.dashboard.views.html_to_pdf", wraps=html_to_pdf) as render:
        response = member_client.get("/dashboard/pdf/", {"committee": COMMITTEE})
    html = render.call_args.args[0]
    # Its own plain print stylesheet, not GOV.UK's; no links to follow in a PDF.
    assert '<link rel="stylesheet" href="/static/dashboard/print.css">' in html
    assert "dist/app.css" not in html and "<a " not in html
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="dashboard-police-and-crime-committee-' in response["Content-Disposition"]
    path = tmp_path / "dashboard.pdf"
    path.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "Status dashboard: Police and Crime Committee" in text
    assert "Outstanding actions by age" in text
    assert "Longest outstanding actions" in text
    assert f"All actions {Action.objects.count()}" in " ".join(text.split())
    assert "Download as PDF" not in text

"""Set-up behaviours: health check, settings from the environment, demo data, admin."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import reverse

from papers.demo import load_demo
from tests.database_gone import requests_with_the_database_gone

ROOT = Path(__file__).resolve().parent.parent


def test_healthz_answers_ok(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"


def test_healthz_is_503_when_the_database_does_not_answer():
    [response] = requests_with_the_database_gone(("get", "/healthz"))
    assert response["status"] == 503
    assert "no-store" in response["headers"]["Cache-Control"]


def _settings_probe(**env):
    full_env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL"}
    }
    full_env.update(env)
    code = (
        "import django, os; os.environ['DJANGO_SETTINGS_MODULE']='actiontracker.settings'; "
        "from django.conf import settings; "
        "print(settings.DEBUG, settings.DATABASES['default']['ENGINE'])"
    )
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = _settings_probe(DEBUG="0", ALLOWED_HOSTS="tracker.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_production_refuses_a_weak_secret_key():
    result = _settings_probe(DEBUG="0", ALLOWED_HOSTS="tracker.example.org", SECRET_KEY="short")
    assert result.returncode != 0
    assert "too weak" in result.stderr


def test_production_starts_with_real_settings_and_postgres_url():
    result = _settings_probe(
        DEBUG="0",
        ALLOWED_HOSTS="tracker.example.org",
        SECRET_KEY="k" * 30 + "q9Z!x" * 6,
        DATABASE_URL="postgres://tracker@db.example.org/tracker",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.db.backends.postgresql"]


def test_development_defaults_to_sqlite():
    result = _settings_probe()
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["True", "actiontracker.sqlite"]


def _row_counts():
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label in {"meetings", "actions", "correspondence", "papers", "auth"}
    }


def test_load_demo_is_idempotent(db):
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    first = _row_counts()
    assert first["actions.Action"] >= 10
    assert {"ongoing", "completed", "closed"} <= set(
        apps.get_model("actions.Action").objects.values_list("status", flat=True)
    )
    assert first["actions.FollowUp"] > 0
    assert first["correspondence.Correspondence"] > 0
    assert first["correspondence.Complaint"] == 1
    assert first["correspondence.TransparencyDisclosure"] >= 1
    load_demo()
    assert _row_counts() == first


def test_load_demo_prints_the_accounts_that_sign_in(client, db):
    from io import StringIO

    out = StringIO()
    call_command("load_demo", stdout=out)
    for username in ("officer", "member", "monitoring"):
        assert username in out.getvalue()
        assert client.login(username=username, password="demo-password")
        client.logout()


ADMIN_MODELS = [
    "meetings.committee",
    "meetings.organisation",
    "meetings.meeting",
    "meetings.agendaitem",
    "actions.responsibleperson",
    "actions.action",
    "actions.followup",
    "correspondence.correspondence",
    "correspondence.complaint",
    "correspondence.transparencydisclosure",
    "correspondence.committeereport",
    "correspondence.recommendation",
    "papers.paper",
]


@pytest.fixture
def demo_officer_client(client, db):
    load_demo()
    client.login(username="officer", password="demo-password")
    return client


@pytest.mark.parametrize("label", ADMIN_MODELS)
def test_every_admin_list_and_form_loads_for_the_officer(
    demo_officer_client, label, django_assert_max_num_queries
):
    app_label, model_name = label.split(".")
    model = apps.get_model(app_label, model_name)
    changelist = reverse(f"admin:{app_label}_{model_name}_changelist")
    with django_assert_max_num_queries(20):
        response = demo_officer_client.get(changelist)
    assert response.status_code == 200
    assert (
        demo_officer_client.get(reverse(f"admin:{app_label}_{model_name}_add")).status_code == 200
    )
    obj = model._default_manager.first()
    if obj is not None:
        change = reverse(f"admin:{app_label}_{model_name}_change", args=[obj.pk])
        with django_assert_max_num_queries(60):
            response = demo_officer_client.get(change)
        assert response.status_code == 200


def test_action_changelist_queries_do_not_grow_with_rows(
    demo_officer_client, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import ActionFactory

    url = reverse("admin:actions_action_changelist")
    with CaptureQueriesContext(connection) as few:
        demo_officer_client.get(url)
    ActionFactory.create_batch(40)
    with CaptureQueriesContext(connection) as many:
        demo_officer_client.get(url)
    assert len(many) == len(few)


def test_officer_cannot_see_confidential_complaint_details_in_admin(demo_officer_client):
    complaint = apps.get_model("correspondence", "Complaint").objects.first()
    response = demo_officer_client.get(
        reverse("admin:correspondence_complaint_change", args=[complaint.pk])
    )
    assert response.status_code == 200
    assert complaint.confidential_details not in response.content.decode()
    assert "confidential_details" not in response.content.decode()


def test_monitoring_officer_sees_confidential_details_in_admin(client, db):
    load_demo()
    client.login(username="monitoring", password="demo-password")
    complaint = apps.get_model("correspondence", "Complaint").objects.first()
    response = client.get(reverse("admin:correspondence_complaint_change", args=[complaint.pk]))
    assert complaint.confidential_details in response.content.decode()


def test_demo_data_renders_every_paper_and_the_agenda_pack(db, tmp_path):
    """The demo shows a draft paper, a board's Annex A, a report's response paper and an
    agenda pack with a real letter, through the commands a secretariat would run."""
    from pypdf import PdfReader

    from correspondence.models import CommitteeReport, Correspondence
    from papers.models import Paper
    from tests.pdf_helpers import pdftotext

    load_demo()
    load_demo()  # the second load adds no paper, letter file or action
    paper = Paper.objects.get(meeting__date="2026-12-09", kind=Paper.Kind.SUMMARY)
    assert paper.status == Paper.Status.DRAFT
    assert [pl.correspondence.subject for pl in paper.letters.all()] == [
        "Briefing on the youth diversion scheme"
    ]
    received = Correspondence.objects.filter(direction="received").exclude(file="")
    assert received.count() == 2
    assert all(letter.file.open("rb").read(5) == b"%PDF-" for letter in received)
    report = CommitteeReport.objects.get()
    assert report.recommendations.count() == 5
    assert any(r.sub_points for r in report.recommendations.all())

    def render(*args):
        out = tmp_path / "out.pdf"
        call_command("render_report", *args, "-o", str(out), stdout=open(os.devnull, "w"))  # noqa: SIM115
        return out.read_bytes()

    pcc = ["--committee", "police-and-crime-committee"]
    summary = pdftotext(render(*pcc, "--meeting", "2026-12-09"), tmp_path)
    assert "Summary List of Actions" in summary
    assert "Actions Arising from the Meeting Held on 11 November 2026" in summary
    annex = pdftotext(
        render(
            "--paper",
            "annex",
            "--committee",
            "performance-and-risk-oversight-board",
            "--meeting",
            "2026-09-25",
        ),
        tmp_path,
    )
    assert "Annex A" in annex and "Next Oversight Board" in annex and "MPS and MOPAC" in annex
    response = pdftotext(render("--paper", "response", *pcc, "--meeting", "2026-11-11"), tmp_path)
    assert "Safer Streets After Dark" in response and "Recommendation 5" in response
    pack = render(*pcc, "--meeting", "2026-12-09", "--agenda-pack")
    paper_pages = len(PdfReader(io.BytesIO(render(*pcc, "--meeting", "2026-12-09"))).pages)
    assert len(PdfReader(io.BytesIO(pack)).pages) == paper_pages + 1
    assert "Dear Chair of the Police and Crime Committee" in pdftotext(pack, tmp_path)

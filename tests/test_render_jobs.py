"""Background paper rendering: queue, progress, download (with a stand-in renderer)."""

import pytest
from django.urls import reverse

from actiontracker.models import Paper, RenderJob
from actiontracker.services import render_job_request
from tests.factories import MeetingFactory

STAND_IN_PDF = b"%PDF-1.7\nstand-in paper\n%%EOF\n"


@pytest.fixture
def renderer(monkeypatch):
    """A stand-in for the paper renderer: fast, and it records what it was asked for."""
    calls = []

    def render_paper_pdf(paper):
        calls.append(paper.pk)
        return STAND_IN_PDF

    monkeypatch.setattr("actiontracker.papers.render.render_paper_pdf", render_paper_pdf)
    return calls


@pytest.fixture
def paper(db):
    return Paper.objects.create(meeting=MeetingFactory())


def test_officer_starts_a_render_and_downloads_the_pdf(officer_client, paper, renderer):
    response = officer_client.post(reverse("render-start", args=[paper.pk]))
    job = RenderJob.objects.get(paper=paper)
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert renderer == [paper.pk]

    page = officer_client.get(job.get_absolute_url())
    html = page.content.decode()
    assert "The PDF is ready" in html
    assert 'http-equiv="refresh"' not in html
    download = officer_client.get(reverse("render-job-download", args=[job.pk]))
    assert download["Content-Type"] == "application/pdf"
    assert "attachment" in download["Content-Disposition"]
    assert download.content == STAND_IN_PDF


def test_waiting_job_shows_its_progress_as_text_and_refreshes(member_client, paper, officer):
    job = RenderJob.objects.create(
        paper=paper, requested_by=officer, status=RenderJob.Status.RUNNING, progress=40
    )
    html = member_client.get(job.get_absolute_url()).content.decode()
    assert "Being made" in html
    assert "40% done" in html
    assert 'http-equiv="refresh"' in html
    assert member_client.get(reverse("render-job-download", args=[job.pk])).status_code == 404


def test_failed_render_says_so(officer_client, paper, monkeypatch):
    def broken(paper):
        raise ValueError("the font is missing")

    monkeypatch.setattr("actiontracker.papers.render.render_paper_pdf", broken)
    officer_client.post(reverse("render-start", args=[paper.pk]))
    job = RenderJob.objects.get(paper=paper)
    assert job.status == RenderJob.Status.FAILED
    html = officer_client.get(job.get_absolute_url()).content.decode()
    assert "The PDF could not be made" in html
    assert "the font is missing" in html


def test_a_second_request_while_one_waits_reuses_it(paper, officer):
    waiting = RenderJob.objects.create(paper=paper, requested_by=officer)
    assert render_job_request(paper=paper, user=officer) == waiting
    assert RenderJob.objects.count() == 1


def test_members_cannot_start_a_render(member_client, paper, renderer):
    response = member_client.post(reverse("render-start", args=[paper.pk]))
    assert response.status_code == 403
    assert not RenderJob.objects.exists()
    assert renderer == []


def test_signed_out_users_see_nothing(client, paper, officer):
    job = RenderJob.objects.create(
        paper=paper, requested_by=officer, status=RenderJob.Status.DONE, pdf=STAND_IN_PDF
    )
    response = client.get(reverse("render-job-download", args=[job.pk]))
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_the_worker_command_is_installed():
    from django.core.management import get_commands

    assert get_commands()["db_worker"] == "django_tasks_db"


def test_the_real_renderer_makes_the_paper_pdf_in_the_task(officer, paper):
    job = render_job_request(paper=paper, user=officer)
    job.refresh_from_db()
    assert job.status == RenderJob.Status.DONE, job.message
    assert bytes(job.pdf).startswith(b"%PDF")


def test_a_draft_paper_offers_background_rendering_to_officers(client, officer, member, paper):
    button = "Make the PDF in the background"
    client.force_login(officer)
    assert button in client.get(paper.get_absolute_url()).content.decode()
    client.force_login(member)
    assert button not in client.get(paper.get_absolute_url()).content.decode()

"""Background paper rendering: queue, progress, download (with a stand-in renderer)."""

import datetime as dt
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actions.services import format_date
from papers.models import Paper, RenderJob
from papers.renderjobs.services import render_job_request
from papers.services import paper_create, paper_publish, paper_update
from tests.factories import ActionFactory, AgendaItemFactory, CommitteeFactory, MeetingFactory
from tests.pdf_renderers import STAND_IN_PDF


@pytest.fixture
def renderer(pdf_renderer):
    """A stand-in for the PDF renderer: fast, and it records what it was asked for."""
    return pdf_renderer("stand_in")


def rendered(renderings, paper) -> list[bool]:
    """For each document rendered, whether it was this paper (its title names the meeting)."""
    return [format_date(paper.meeting.date) in r.html for r in renderings]


@pytest.fixture
def paper(db):
    return Paper.objects.create(meeting=MeetingFactory())


def test_officer_starts_a_render_and_downloads_the_pdf(officer_client, paper, renderer):
    response = officer_client.post(reverse("render-start", args=[paper.pk]))
    job = RenderJob.objects.get(paper=paper)
    assert response.status_code == 302
    assert response["Location"] == job.get_absolute_url()
    assert rendered(renderer, paper) == [True]

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


def test_failed_render_says_so(officer_client, paper, pdf_renderer):
    pdf_renderer("missing_font")
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
    button = "Make the agenda pack in the background"
    client.force_login(officer)
    assert button in client.get(paper.get_absolute_url()).content.decode()
    client.force_login(member)
    assert button not in client.get(paper.get_absolute_url()).content.decode()


# Above the size threshold: the download links send readers to a background job.


@pytest.fixture
def large_paper(db, settings):
    """A draft paper over the (lowered) threshold: three action rows, limit two."""
    settings.PDF_BACKGROUND_ROWS = 2
    committee = CommitteeFactory()
    earlier = MeetingFactory(committee=committee, date=dt.date(2023, 3, 22))
    for _ in range(3):
        ActionFactory(agenda_item=AgendaItemFactory(meeting=earlier))
    return paper_create(meeting=MeetingFactory(committee=committee, date=dt.date(2023, 5, 24)))


@pytest.fixture
def queued(settings):
    """Tasks wait in the database for a worker, as in production. Tests using it commit
    for real (django_db(transaction=True)): the worker opens and closes its own
    transactions and checks its connection between tasks, as `make worker` does."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.mark.django_db(transaction=True)
def test_a_large_draft_pdf_is_made_in_the_background_and_offered_when_ready(
    member_client, large_paper, queued
):
    cache.clear()
    url = reverse("paper-pdf", args=[large_paper.pk])
    response = member_client.get(url)
    job = RenderJob.objects.get(paper=large_paper)
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    assert (job.kind, job.status) == (RenderJob.Kind.PAPER, RenderJob.Status.QUEUED)

    waiting = member_client.get(job.get_absolute_url()).content.decode()
    assert "Waiting to start" in waiting and "0% done" in waiting
    assert 'http-equiv="refresh"' in waiting
    # Asking again while it waits queues nothing more.
    assert member_client.get(url)["Location"] == job.get_absolute_url()
    assert RenderJob.objects.count() == 1

    run_worker()
    job.refresh_from_db()
    assert job.status == RenderJob.Status.DONE and job.progress == 100
    ready = member_client.get(job.get_absolute_url()).content.decode()
    assert "The PDF is ready" in ready
    assert reverse("render-job-download", args=[job.pk]) in ready
    download = member_client.get(reverse("render-job-download", args=[job.pk]))
    assert bytes(download.content).startswith(b"%PDF")
    # The same link now gives the file at once, from the cache or, if evicted, the job.
    assert member_client.get(url).content == download.content
    cache.clear()
    assert member_client.get(url).content == download.content
    assert RenderJob.objects.count() == 1


def test_a_change_to_the_paper_makes_a_new_background_pdf(officer_client, large_paper, renderer):
    url = reverse("paper-pdf", args=[large_paper.pk])
    officer_client.get(url)
    paper_update(paper=large_paper, data={"legal_text": "Another legal text."})
    officer_client.get(url)
    assert RenderJob.objects.filter(paper=large_paper, kind=RenderJob.Kind.PAPER).count() == 2
    assert rendered(renderer, large_paper) == [True, True]


def test_small_papers_still_download_at_once(member_client, paper, renderer):
    response = member_client.get(reverse("paper-pdf", args=[paper.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert not RenderJob.objects.exists()


def test_a_large_agenda_pack_shows_its_progress(member_client, large_paper):
    # Every value of progress the job's row is given, in order, read from the statements
    # that write it.
    with CaptureQueriesContext(connection) as queries:
        response = member_client.get(reverse("paper-agenda-pack", args=[large_paper.pk]))
    job = RenderJob.objects.get(paper=large_paper)
    table = RenderJob._meta.db_table
    seen = [
        int(match.group(1))
        for query in queries.captured_queries
        if query["sql"].startswith(f'UPDATE "{table}"')
        for match in re.finditer(r'"progress" = (\d+)', query["sql"])
    ]
    assert job.kind == RenderJob.Kind.PACK
    # The immediate backend of the tests has already run it.
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert seen == sorted(seen) and {10, 50, 90, 95} <= set(seen)
    page = member_client.get(job.get_absolute_url()).content.decode()
    assert "agenda pack" in page and "Download the agenda pack" in page
    download = member_client.get(reverse("render-job-download", args=[job.pk]))
    assert download.content == response.content
    assert "agenda-pack.pdf" in download["Content-Disposition"]


@pytest.mark.django_db(transaction=True)
def test_a_large_paper_is_published_in_the_background(officer_client, officer, large_paper, queued):
    response = officer_client.post(reverse("paper-publish", args=[large_paper.pk]))
    job = RenderJob.objects.get(paper=large_paper)
    assert job.kind == RenderJob.Kind.PUBLISH
    assert response["Location"] == job.get_absolute_url()
    # A second officer pressing Publish meanwhile joins the same job.
    officer_client.post(reverse("paper-publish", args=[large_paper.pk]))
    assert RenderJob.objects.count() == 1
    large_paper.refresh_from_db()
    assert not large_paper.is_published

    run_worker()
    large_paper.refresh_from_db()
    assert large_paper.is_published and large_paper.published_by == officer
    page = officer_client.get(job.get_absolute_url()).content.decode()
    assert "The paper is published" in page
    assert reverse("paper-pdf", args=[large_paper.pk]) in page
    stored = officer_client.get(reverse("paper-pdf", args=[large_paper.pk])).content
    assert stored == bytes(large_paper.pdf)


@pytest.mark.django_db(transaction=True)
def test_a_background_publish_of_a_paper_published_meanwhile_says_so(
    officer_client, large_paper, queued
):
    officer_client.post(reverse("paper-publish", args=[large_paper.pk]))
    paper_publish(paper=large_paper)
    first = bytes(Paper.objects.get(pk=large_paper.pk).pdf)
    run_worker()
    job = RenderJob.objects.get(paper=large_paper)
    assert job.status == RenderJob.Status.FAILED
    page = officer_client.get(job.get_absolute_url()).content.decode()
    assert "Publishing did not go ahead" in page
    assert "This paper is published and can no longer be changed." in page
    assert bytes(Paper.objects.get(pk=large_paper.pk).pdf) == first


def test_backups_leave_render_jobs_out():
    from papers.backup.archive import exported_models

    assert RenderJob not in exported_models()


def run_worker():
    """What `make worker` runs, until the queue is empty."""
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0")


def test_a_job_lost_with_its_worker_is_not_waited_for_forever(member_client, large_paper, renderer):
    from papers.selectors import paper_state

    lost = RenderJob.objects.create(
        paper=large_paper,
        status=RenderJob.Status.RUNNING,
        progress=10,
        fingerprint=paper_state(large_paper.pk).digest,
    )
    RenderJob.objects.filter(pk=lost.pk).update(
        created_at=timezone.now() - dt.timedelta(minutes=31)
    )
    page = member_client.get(lost.get_absolute_url()).content.decode()
    assert "the background worker may have stopped" in page
    assert 'http-equiv="refresh"' not in page
    # Asking for the file again makes a new job rather than joining the lost one.
    response = member_client.get(reverse("paper-pdf", args=[large_paper.pk]))
    assert response.status_code == 200 and rendered(renderer, large_paper) == [True]
    assert RenderJob.objects.filter(paper=large_paper).count() == 2

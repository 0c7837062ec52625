"""No lost update on a draft paper: a change from its edit page or the admin raises its
version; a form opened before it is refused with what the other person changed, nothing
written; a save that changes nothing keeps the version."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from actiontracker import roles
from papers.models import Paper
from papers.services import paper_create, paper_delete, paper_restore
from tests.actions.test_write_path import admin_form_data
from tests.correspondence.test_lost_update import CONFLICT, make_report, page_form_data
from tests.factories import CommitteeFactory, CorrespondenceFactory, MeetingFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper():
    meeting = MeetingFactory(committee=CommitteeFactory(), date=dt.date(2023, 5, 24))
    return paper_create(meeting=meeting)


@pytest.fixture
def admin_client():
    """A second officer, working in the admin."""
    client = Client()
    client.force_login(UserFactory(username="admin-officer", role=roles.OFFICERS))
    return client


def edit_url(paper):
    return reverse("paper-edit", args=[paper.pk])


def admin_url(paper):
    return f"/admin/papers/paper/{paper.pk}/change/"


def test_an_admin_change_refuses_the_stale_edit_page_with_the_diff(
    officer_client, admin_client, paper
):
    opened = officer_client.get(edit_url(paper))
    assert 'name="version" value="1"' in opened.content.decode()
    stale = page_form_data(opened)

    data = admin_form_data(admin_client.get(admin_url(paper)))
    data["report_to"] = "Police and Crime Committee (admin)"
    assert admin_client.post(admin_url(paper), data).status_code == 302
    paper.refresh_from_db()
    assert paper.version == 2

    stale["report_to"] = "Mine"
    refused = officer_client.post(edit_url(paper), stale)
    assert refused.status_code == 409
    page = refused.content.decode()
    assert CONFLICT in page and "Police and Crime Committee (admin)" in page
    paper.refresh_from_db()
    assert (paper.report_to, paper.version) == ("Police and Crime Committee (admin)", 2)


def test_an_edit_page_save_refuses_the_stale_admin_form(officer_client, admin_client, paper):
    stale = admin_form_data(admin_client.get(admin_url(paper)))
    data = page_form_data(officer_client.get(edit_url(paper)))
    data["recommendation_text"] = "That the Committee notes the report."
    assert officer_client.post(edit_url(paper), data).status_code == 302

    stale["recommendation_text"] = "From the admin."
    response = admin_client.post(admin_url(paper), stale)
    assert response.status_code == 200
    page = response.content.decode()
    assert CONFLICT in page and "That the Committee notes the report." in page
    paper.refresh_from_db()
    assert paper.recommendation_text == "That the Committee notes the report."
    assert paper.version == 2


def test_of_two_edit_pages_opened_together_the_second_save_is_refused(officer_client, paper):
    first = page_form_data(officer_client.get(edit_url(paper)))
    second = page_form_data(officer_client.get(edit_url(paper)))
    first["summary_text"] = "First summary."
    assert officer_client.post(edit_url(paper), first).status_code == 302
    second["summary_text"] = "Second summary."
    refused = officer_client.post(edit_url(paper), second)
    assert refused.status_code == 409
    assert "First summary." in refused.content.decode()
    paper.refresh_from_db()
    assert (paper.summary_text, paper.version) == ("First summary.", 2)


def test_a_save_that_changes_nothing_keeps_the_version(officer_client, admin_client, paper):
    data = page_form_data(officer_client.get(edit_url(paper)))
    assert officer_client.post(edit_url(paper), data).status_code == 302
    data = admin_form_data(admin_client.get(admin_url(paper)))
    assert admin_client.post(admin_url(paper), data).status_code == 302
    paper.refresh_from_db()
    assert paper.version == 1


def test_a_stale_response_paper_texts_form_is_refused(officer_client):
    report = make_report()
    report.response_meeting = MeetingFactory(committee=report.committee, date=dt.date(2023, 7, 5))
    report.save()
    url = f"/reports/{report.pk}/response-paper/texts/"
    data = page_form_data(officer_client.get(url))
    assert officer_client.post(url, data).status_code == 302  # creates the paper
    first = page_form_data(officer_client.get(url))
    second = page_form_data(officer_client.get(url))
    first["report_of"] = "Executive Director"
    assert officer_client.post(url, first).status_code == 302
    second["report_of"] = "Someone else"
    refused = officer_client.post(url, second)
    assert refused.status_code == 409
    assert CONFLICT in refused.content.decode() and "Executive Director" in refused.content.decode()
    paper = Paper.objects.get(committee_report=report)
    assert (paper.report_of, paper.version) == ("Executive Director", 2)


def test_deleting_and_restoring_a_draft_raises_its_version(officer_client, paper):
    stale = page_form_data(officer_client.get(edit_url(paper)))
    paper_delete(paper=paper)
    paper_restore(paper=paper)
    paper.refresh_from_db()
    assert paper.version == 3
    stale["subject"] = "From before the delete"
    assert officer_client.post(edit_url(paper), stale).status_code == 409


def test_a_letter_added_in_the_admin_raises_the_papers_version(officer_client, admin_client, paper):
    letter = CorrespondenceFactory(committee=paper.meeting.committee)
    stale = page_form_data(officer_client.get(edit_url(paper)))
    data = admin_form_data(admin_client.get(admin_url(paper)))
    prefix = "letters"
    data.update(
        {
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-0-correspondence": str(letter.pk),
            f"{prefix}-0-position": "0",
            f"{prefix}-0-paper": str(paper.pk),
        }
    )
    response = admin_client.post(admin_url(paper), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    paper.refresh_from_db()
    assert paper.letters.count() == 1 and paper.version == 2
    assert officer_client.post(edit_url(paper), stale).status_code == 409

"""Nothing about a letter is hard-deleted by officers: deleting one in the admin (its delete
page or the bulk action) or in the app only marks it deleted. It leaves the register and
the letters a new paper proposes, keeps its file, stays in the papers that had it as an
appendix, and an officer restores it from the deleted letters or the admin."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from correspondence.models import Correspondence
from papers import selectors
from papers.models import PaperCorrespondence
from papers.services import paper_create
from tests.factories import CommitteeFactory, CorrespondenceFactory, MeetingFactory
from tests.pdf_helpers import make_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def letter(media):
    letter = CorrespondenceFactory(subject="Letter about the night-time economy")
    letter.file.save("letter.pdf", ContentFile(make_pdf()))
    return letter


def in_register(client, letter) -> bool:
    return letter.subject in client.get(reverse("correspondence-list")).content.decode()


def assert_deleted_and_kept(client, letter, media):
    stored = Correspondence.all_objects.get(pk=letter.pk)
    assert stored.deleted_at is not None
    assert (media / stored.file.name).exists()
    # (This page also shows, and so clears, the message naming the letter just deleted.)
    deleted_page = client.get(reverse("correspondence-deleted")).content.decode()
    assert letter.subject in deleted_page
    assert not in_register(client, letter)
    # Its page says so, and its file is still there for the papers that link to it.
    page = client.get(reverse("correspondence-detail", args=[letter.pk])).content.decode()
    assert "This letter was deleted" in page
    assert client.get(reverse("correspondence-file", args=[letter.pk])).status_code == 200


def test_deleted_in_the_admin_is_kept_and_restored_there(officer_client, letter, media):
    assert in_register(officer_client, letter)
    delete = reverse("admin:correspondence_correspondence_delete", args=[letter.pk])
    assert officer_client.post(delete, {"post": "yes"}).status_code == 302
    assert_deleted_and_kept(officer_client, letter, media)
    response = officer_client.post(
        reverse("admin:correspondence_correspondence_changelist"),
        {"action": "restore_selected", "_selected_action": [letter.pk]},
        follow=True,
    )
    assert "Restored 1 letter." in response.content.decode()  # one letter, in the singular
    assert Correspondence.objects.filter(pk=letter.pk).exists()
    assert in_register(officer_client, letter)


def test_bulk_delete_in_the_admin_only_marks_letters_deleted(officer_client, letter, media):
    other = CorrespondenceFactory()
    response = officer_client.post(
        reverse("admin:correspondence_correspondence_changelist"),
        {"action": "delete_selected", "_selected_action": [letter.pk, other.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert Correspondence.all_objects.filter(deleted_at__isnull=False).count() == 2
    assert_deleted_and_kept(officer_client, letter, media)


def test_deleted_in_the_app_and_restored_from_the_deleted_letters(officer_client, letter, media):
    url = reverse("correspondence-delete", args=[letter.pk])
    assert "Delete this letter?" in officer_client.get(url).content.decode()
    response = officer_client.post(url)
    assert response["Location"] == reverse("correspondence-deleted")
    assert_deleted_and_kept(officer_client, letter, media)
    restore = officer_client.post(reverse("correspondence-restore", args=[letter.pk]))
    assert restore["Location"] == letter.get_absolute_url()
    assert in_register(officer_client, letter)
    assert (
        "No deleted letters."
        in officer_client.get(reverse("correspondence-deleted")).content.decode()
    )


def test_a_member_can_neither_delete_nor_restore(member_client, letter):
    assert member_client.post(reverse("correspondence-delete", args=[letter.pk])).status_code == 403
    assert Correspondence.objects.filter(pk=letter.pk).exists()


def test_a_deleted_letter_stays_in_the_paper_that_had_it_but_no_new_paper_proposes_it(
    officer_client, letter
):
    committee = letter.committee
    MeetingFactory(committee=committee, date=dt.date(2023, 3, 1))
    paper = paper_create(meeting=MeetingFactory(committee=committee, date=dt.date(2023, 5, 24)))
    PaperCorrespondence.objects.get_or_create(paper=paper, correspondence=letter)
    officer_client.post(reverse("correspondence-delete", args=[letter.pk]))
    assert [pl.letter.pk for pl in selectors.paper_letters(paper)] == [letter.pk]
    page = officer_client.get(reverse("paper-detail", args=[paper.pk])).content.decode()
    assert "Appendix 1" in page
    # The edit form keeps it chosen until the officer takes it out.
    form = officer_client.get(reverse("paper-edit", args=[paper.pk])).context["form"]
    assert letter.pk in form.initial["letters"]
    assert form.fields["letters"].queryset.filter(pk=letter.pk).exists()
    later = paper_create(
        meeting=MeetingFactory(committee=CommitteeFactory(), date=dt.date(2023, 7, 12))
    )
    proposed = selectors.default_letters(later, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert letter.pk not in {x.pk for x in proposed}
    same_committee = selectors.default_letters(paper, dt.date(2023, 1, 1), dt.date(2023, 12, 31))
    assert letter.pk not in {x.pk for x in same_committee}


def test_a_deleted_reply_no_longer_answers_the_letter_it_replied_to(officer_client):
    sent = CorrespondenceFactory(reply_due=dt.date(2023, 4, 21))
    reply = CorrespondenceFactory(
        committee=sent.committee,
        direction=Correspondence.Direction.RECEIVED,
        in_reply_to=sent,
        sender="the Mayor of London",
        recipient="the Chairman",
    )
    assert not Correspondence.objects.awaiting_reply().filter(pk=sent.pk).exists()
    officer_client.post(reverse("correspondence-delete", args=[reply.pk]))
    assert Correspondence.objects.awaiting_reply().filter(pk=sent.pk).exists()
    page = officer_client.get(reverse("correspondence-detail", args=[sent.pk])).content.decode()
    assert reply.get_absolute_url() not in page

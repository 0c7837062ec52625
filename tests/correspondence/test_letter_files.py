"""No orphan letter files: a replaced letter's file leaves storage once the change commits
(a rolled-back change keeps it; a deleted letter, only marked deleted, keeps its file),
remove_orphan_files clears what is left over, and a backup carries only the files the
records name."""

import datetime as dt
import io
import zipfile

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import transaction
from django.urls import reverse

from correspondence.models import Correspondence
from correspondence.selectors import orphan_letter_files
from correspondence.services import correspondence_record
from papers.backup.archive import export_archive
from tests.correspondence.test_correspondence_register import letter_post_data, upload
from tests.factories import CorrespondenceFactory
from tests.pdf_helpers import make_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    """A storage folder of the test's own, so other tests' files are not counted."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def letter_with_file() -> Correspondence:
    letter = CorrespondenceFactory()
    letter.file.save("first.pdf", ContentFile(make_pdf()))
    return letter


def run(callbacks):
    """Commit: run what the change asked to do once committed."""
    for callback in callbacks:
        callback()


def test_replacing_the_file_through_the_edit_form_removes_the_old_one_on_commit(
    officer_client, media, django_capture_on_commit_callbacks
):
    letter = letter_with_file()
    old = letter.file.name
    data = letter_post_data(letter.committee, letter=upload(make_pdf(), name="second.pdf"))
    with django_capture_on_commit_callbacks() as callbacks:
        response = officer_client.post(reverse("correspondence-edit", args=[letter.pk]), data)
    assert response.status_code == 302
    letter.refresh_from_db()
    new = letter.file.name
    assert new != old and new.startswith("letters/")
    assert (media / old).exists()  # not before the change has committed
    run(callbacks)
    assert not (media / old).exists()
    assert (media / new).read_bytes() == make_pdf()
    # The letter page still serves its (new) file.
    assert officer_client.get(reverse("correspondence-file", args=[letter.pk])).status_code == 200


def test_editing_without_a_new_file_keeps_the_file(
    officer_client, media, django_capture_on_commit_callbacks
):
    letter = letter_with_file()
    data = letter_post_data(letter.committee, subject="Changed subject")
    with django_capture_on_commit_callbacks(execute=True):
        officer_client.post(reverse("correspondence-edit", args=[letter.pk]), data)
    letter.refresh_from_db()
    assert letter.subject == "Changed subject"
    assert (media / letter.file.name).exists()


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_replacement_leaves_the_old_file(media):
    letter = letter_with_file()
    old = letter.file.name
    with pytest.raises(RuntimeError), transaction.atomic():
        correspondence_record(
            instance=Correspondence.objects.get(pk=letter.pk),
            data={"subject": "Changed"},
            file=upload(make_pdf(), name="second.pdf"),
        )
        raise RuntimeError("a later step of the same request failed")
    letter.refresh_from_db()
    assert letter.file.name == old and letter.subject != "Changed"
    assert (media / old).exists()
    # The upload of the change that never happened is an orphan, for remove_orphan_files.
    orphans = orphan_letter_files(older_than=dt.timedelta(0))
    assert len(orphans) == 1 and orphans[0] != old


@pytest.mark.django_db(transaction=True)
def test_a_committed_replacement_removes_the_old_file(media):
    letter = letter_with_file()
    old = letter.file.name
    with transaction.atomic():
        updated = correspondence_record(
            instance=Correspondence.objects.get(pk=letter.pk),
            data={"subject": "Changed"},
            file=upload(make_pdf(), name="second.pdf"),
        )
        assert (media / old).exists()  # still named by the record others can read
    assert not (media / old).exists()
    assert (media / updated.file.name).exists()


def test_the_admin_removes_a_replaced_file_on_commit_and_a_deleted_letter_keeps_its_file(
    officer_client, media, django_capture_on_commit_callbacks
):
    letter = letter_with_file()
    old = letter.file.name
    url = reverse("admin:correspondence_correspondence_change", args=[letter.pk])
    form = officer_client.get(url).context["adminform"].form
    data = {
        name: value
        for name, value in ((n, form[n].value()) for n in form.fields if n != "file")
        if value is not None
    }
    data["answers"] = []
    data["file"] = upload(make_pdf(), name="second.pdf")
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    letter.refresh_from_db()
    assert not (media / old).exists()
    assert (media / letter.file.name).exists()

    current = letter.file.name
    delete = reverse("admin:correspondence_correspondence_delete", args=[letter.pk])
    with django_capture_on_commit_callbacks(execute=True):
        assert officer_client.post(delete, {"post": "yes"}).status_code == 302
    # Deleting only marks the letter deleted (restorable), so it keeps its file.
    assert not Correspondence.objects.exists()
    assert Correspondence.all_objects.get().file.name == current
    assert (media / current).exists()


def test_remove_orphan_files_lists_then_removes_files_no_letter_names(media):
    letter = letter_with_file()
    orphan = default_storage.save("letters/left-behind.pdf", ContentFile(b"%PDF-1.4 old"))

    listed = io.StringIO()
    call_command("remove_orphan_files", "--dry-run", "--older-than", "0", stdout=listed)
    assert orphan in listed.getvalue().splitlines()
    assert letter.file.name not in listed.getvalue()
    assert "1 orphan files would be removed." in listed.getvalue()
    assert (media / orphan).exists()

    removed = io.StringIO()
    call_command("remove_orphan_files", "--older-than", "0", stdout=removed)
    assert orphan in removed.getvalue().splitlines()
    assert not (media / orphan).exists()
    assert (media / letter.file.name).exists()
    again = io.StringIO()
    call_command("remove_orphan_files", "--older-than", "0", stdout=again)
    assert "0 orphan files removed." in again.getvalue()


def test_remove_orphan_files_leaves_a_file_written_within_the_hour(media):
    # It may be the upload of a letter whose record is not committed yet.
    fresh = default_storage.save("letters/just-uploaded.pdf", ContentFile(b"%PDF-1.4 new"))
    out = io.StringIO()
    call_command("remove_orphan_files", stdout=out)
    assert "0 orphan files removed." in out.getvalue()
    assert (media / fresh).exists()


def test_a_backup_after_a_replacement_holds_only_the_current_file(
    media, tmp_path, django_capture_on_commit_callbacks
):
    letter = letter_with_file()
    old = letter.file.name
    # The old file lingers (the removal has not run, as before this was fixed), and a
    # stray file sits in the folder: neither is a record's file, so neither is backed up.
    with django_capture_on_commit_callbacks():
        updated = correspondence_record(
            instance=Correspondence.objects.get(pk=letter.pk),
            data={"subject": "Changed"},
            file=upload(make_pdf(), name="second.pdf"),
        )
    stray = default_storage.save("letters/stray.pdf", ContentFile(b"%PDF-1.4 stray"))
    assert {old, stray} <= {f"letters/{n}" for n in default_storage.listdir("letters")[1]}
    # The letter's history still names the old file; that does not bring it along.
    assert old in set(letter.history.values_list("file", flat=True))

    path = tmp_path / "backup.zip"
    counts = export_archive(path)
    with zipfile.ZipFile(path) as archive:
        media_files = [n for n in archive.namelist() if n.startswith("media/")]
    assert media_files == [f"media/{updated.file.name}"]
    assert counts["files"] == 1

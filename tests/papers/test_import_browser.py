"""Import from the browser: upload, preview (nothing written), confirm or cancel; refusals
name the line; the import records, their files and the history of what they wrote."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from actions.models import Action
from meetings.models import Committee, Meeting
from papers.import_models import ImportRecord
from papers.importing import services
from papers.importing.writing import Unplaced
from tests.import_papers import paper_text, row

pytestmark = pytest.mark.django_db

PAPER = paper_text(
    [
        (
            "22 March 2023",
            [
                row(
                    "6", "Review", "Deputy Commissioner, MPS", "To provide the survey.", "Ongoing."
                ),
                row("6", "Review", "Senior Policy Adviser", "To delegate.", "Ongoing."),
            ],
        ),
        ("7 June 2023", [row("5", "Q&A", "MPS", "To provide figures.", "Ongoing.")]),
    ],
    date="24 May 2023",
)
STRAY = 'A note <script>alert("x")</script> the parser could not place'


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def unplaced(monkeypatch):
    """The summary parser, leaving one piece of text unplaced."""
    parse = services.parse_summary

    def with_unplaced(text):
        parsed = parse(text)
        parsed.unplaced = [Unplaced(12, STRAY, "section 3")]
        parsed.warnings = ["A table had no header row & was read by position."]
        return parsed

    monkeypatch.setattr(services, "parse_summary", with_unplaced)


def upload(client, content, name="paper.txt", follow=False, **data):
    file = SimpleUploadedFile(name, content if isinstance(content, bytes) else content.encode())
    return client.post(reverse("import-start"), {"file": file, **data}, follow=follow)


def preview(client, content=PAPER, name="paper.txt", **data) -> ImportRecord:
    response = upload(client, content, name, **data)
    assert response.status_code == 302, response.content.decode()[:2000]
    record = ImportRecord.objects.get()
    assert response["Location"] == record.get_absolute_url()
    return record


def test_preview_shows_every_action_warning_and_unplaced_text_and_writes_nothing(
    officer_client, media, unplaced
):
    record = preview(officer_client)
    assert Action.objects.count() == 0 and Meeting.objects.count() == 0
    assert record.state == "previewed" and record.file_type == "text"
    # Stored under a name of its own, not the uploader's.
    assert record.file.name.startswith("imports/") and record.file.name.endswith(".txt")
    assert (media / record.file.name).read_text(encoding="utf-8") == PAPER
    page = officer_client.get(record.get_absolute_url()).content.decode()
    assert "Check the import of paper.txt" in page
    assert "Meeting of 22 March 2023" in page and "Meeting of 7 June 2023" in page
    assert page.count(">Create<") == 3
    assert "To provide the survey." in page and "item 6, Deputy Commissioner, MPS" in page
    assert "A table had no header row &amp; was read by position." in page
    # The unplaced text verbatim, escaped.
    assert "Line 12, section 3" in page
    assert "A note &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; the parser" in page
    assert "<script>alert" not in page
    assert 'name="digest" value="' + record.plan_digest in page


def test_confirm_applies_it_and_the_history_names_the_import(officer_client, officer, media):
    record = preview(officer_client)
    response = officer_client.post(
        reverse("import-confirm", args=[record.pk]), {"digest": record.plan_digest}, follow=True
    )
    page = response.content.decode()
    assert "Imported paper.txt: 3 actions created, 0 updated, 0 unchanged" in page
    record.refresh_from_db()
    assert record.state == "applied" and record.counts["actions"] == {"create": 3}
    assert Action.objects.count() == 3
    history = Action.objects.first().history.first()
    assert history.history_change_reason == f"Imported from paper.txt (import #{record.pk})"
    assert history.history_user == officer
    assert Meeting.objects.get(date="2023-03-22").history.first().history_change_reason == (
        f"Imported from paper.txt (import #{record.pk})"
    )
    # Confirming twice writes nothing more.
    officer_client.post(reverse("import-confirm", args=[record.pk]), {"digest": record.plan_digest})
    assert Action.objects.count() == 3
    # The register shows them.
    register = officer_client.get(reverse("action-list")).content.decode()
    assert "To provide figures." in register


def test_reimport_preview_shows_updates_with_their_change_and_the_unchanged(officer_client, media):
    first = preview(officer_client)
    officer_client.post(reverse("import-confirm", args=[first.pk]), {"digest": first.plan_digest})
    changed = PAPER.replace("To delegate.\tOngoing.", "To delegate.\tClosed. Not needed.")
    assert changed != PAPER
    response = upload(officer_client, changed, "newer.txt")
    second = ImportRecord.objects.exclude(pk=first.pk).get()
    page = officer_client.get(response["Location"]).content.decode()
    assert second.counts["actions"] == {"update": 1, "unchanged": 2}
    assert page.count(">Update<") == 1 and page.count(">Unchanged<") == 2
    assert "<strong>Status</strong>: Ongoing → Closed" in page


def test_confirm_refused_when_the_records_changed_since_the_preview(officer_client, media):
    record = preview(officer_client)
    # Meanwhile someone imports the same paper: the preview's "create" is now "unchanged".
    services.paper_import(path=media / record.file.name)
    before = Action.objects.count()
    response = officer_client.post(
        reverse("import-confirm", args=[record.pk]), {"digest": record.plan_digest}, follow=True
    )
    assert "The records changed since this preview" in response.content.decode()
    assert Action.objects.count() == before
    record.refresh_from_db()
    assert record.state == "previewed" and record.counts["actions"] == {"unchanged": 3}
    # Confirmed against the new preview, it goes through (and changes nothing).
    officer_client.post(reverse("import-confirm", args=[record.pk]), {"digest": record.plan_digest})
    record.refresh_from_db()
    assert record.state == "applied" and Action.objects.count() == before


def test_cancel_writes_nothing_and_removes_the_file(
    officer_client, media, django_capture_on_commit_callbacks
):
    record = preview(officer_client)
    stored = media / record.file.name
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(reverse("import-cancel", args=[record.pk]), follow=True)
    assert "cancelled. Nothing was written." in response.content.decode()
    record.refresh_from_db()
    assert record.state == "cancelled" and not record.file
    assert Action.objects.count() == 0 and Committee.objects.count() == 0
    assert not stored.exists()
    assert officer_client.get(reverse("import-file", args=[record.pk])).status_code == 404
    # A cancelled import cannot be confirmed.
    officer_client.post(reverse("import-confirm", args=[record.pk]), {"digest": "x"})
    assert Action.objects.count() == 0


def test_a_refusal_names_the_line_and_writes_nothing(officer_client, media):
    response = upload(officer_client, "Dear Sir\n\nThank you.\n", "letter.txt", follow=True)
    record = ImportRecord.objects.get()
    assert record.state == "refused" and record.error.startswith("line 1: expected")
    page = response.content.decode()
    assert "The file was refused" in page
    assert (
        '<dt class="govuk-summary-list__key">Line</dt><dd class="govuk-summary-list__value">1</dd>'
        in page
    )
    assert Action.objects.count() == 0 and Committee.objects.count() == 0
    assert "Confirm and import" not in page


def test_a_record_it_cannot_store_names_the_line_and_the_cell(officer_client, media):
    long_name = "Adviser " * 60
    text = PAPER.replace("Senior Policy Adviser", long_name.strip())
    response = upload(officer_client, text, follow=True)
    page = response.content.decode()
    assert "The file was refused" in page
    assert '>Cell</dt><dd class="govuk-summary-list__value">Responsible Person</dd>' in page
    assert Action.objects.count() == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\x00\x01\x02\x03" * 100, "neither a PDF, a Word or Excel file, nor text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "older Word or Excel file"),
        (b"PK\x03\x04 not really a zip", "cannot be opened"),
        (b"   \n", "The file is empty."),
    ],
)
def test_files_that_are_not_papers_or_logs_are_refused_by_their_content(
    officer_client, media, content, message
):
    # Named as a paper: the name is never trusted.
    response = upload(officer_client, content, "paper.pdf")
    assert response.status_code == 200
    assert message in response.content.decode()
    assert ImportRecord.objects.count() == 0


def test_a_file_over_the_limit_is_refused(officer_client, media, settings):
    settings.IMPORT_MAX_UPLOAD_BYTES = 1000
    response = upload(officer_client, PAPER)
    assert "must be smaller than 1000" in response.content.decode()
    assert ImportRecord.objects.count() == 0


def test_the_committee_chosen_is_the_one_imported_into(officer_client, media):
    committee = Committee.objects.create(name="Budget Committee", slug="budget")
    record = preview(officer_client, committee=committee.pk)
    officer_client.post(reverse("import-confirm", args=[record.pk]), {"digest": record.plan_digest})
    assert {m.committee for m in Meeting.objects.all()} == {committee}


def test_imports_are_listed_with_their_files_for_officers_only(officer_client, member, media):
    record = preview(officer_client, name="Summary «May».txt")
    with CaptureQueriesContext(connection) as one:
        officer_client.get(reverse("import-list"))
    for n in range(3):
        preview_more = upload(officer_client, PAPER, f"more{n}.txt")
        assert preview_more.status_code == 302
    with CaptureQueriesContext(connection) as four:
        page = officer_client.get(reverse("import-list")).content.decode()
    assert len(four) == len(one)
    assert "Summary «May».txt" in page and "Previewed" in page
    download = officer_client.get(reverse("import-file", args=[record.pk]))
    assert b"".join(download.streaming_content).decode() == PAPER
    assert download["Content-Disposition"].startswith('attachment; filename="Summary May.txt"')
    member_client = Client()
    member_client.force_login(member)
    for name in ("import-list", "import-start"):
        assert member_client.get(reverse(name)).status_code == 403
    assert member_client.get(reverse("import-file", args=[record.pk])).status_code == 403
    assert member_client.get(record.get_absolute_url()).status_code == 403
    assert member_client.post(reverse("import-cancel", args=[record.pk])).status_code == 403


def test_the_command_line_imports_through_the_same_record(tmp_path, media):
    path = tmp_path / "may.txt"
    path.write_text(PAPER, encoding="utf-8")
    out = io.StringIO()
    call_command("import_paper", str(path), stdout=out)
    record = ImportRecord.objects.get()
    assert (record.via, record.uploaded_by, record.state) == ("command", None, "applied")
    assert f"Import #{record.pk} (applied)." in out.getvalue()
    assert (media / record.file.name).read_text(encoding="utf-8") == PAPER
    history = Action.objects.first().history.first()
    assert history.history_change_reason == f"Imported from may.txt (import #{record.pk})"
    assert history.history_user is None

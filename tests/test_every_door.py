"""Issue 14: each promise walked through each door. One short test per reproduction of the
issue, through the real URLs (the admin among them) and the real commands, on whichever
database the suite runs on. The fixtures and helpers come from the area modules that build
and test each promise in depth; this module only walks the doors.
"""

import datetime as dt
import io

import pytest
from django.core.files.storage import default_storage
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from actions.models import Action
from meetings.models import Committee, Meeting
from papers.demo import load_demo
from papers.models import Paper
from tests.actions.test_write_path import CONFLICT, admin_change, admin_client, edit_data  # noqa: F401
from tests.backup_fixture import import_refused
from tests.correspondence.test_complaint_confidential_doors import (  # noqa: F401 - fixtures
    CHANGELIST,
    complaint,
    guesses,
    monitoring_client,
    page_text,
)
from tests.correspondence.test_correspondence_register import letter_post_data, upload
from tests.correspondence.test_letter_files import letter_with_file, media  # noqa: F401
from tests.factories import ActionFactory, ComplaintFactory, DisclosureFactory
from tests.import_papers import seed_path
from tests.papers.test_backup_fuzz import VARIANTS, folder_files, made, row_counts  # noqa: F401
from tests.papers.test_periods import papers_showing, summary_papers
from tests.papers.test_published_papers import draft, published  # noqa: F401 - fixtures
from tests.pdf_helpers import make_pdf
from tests.test_bad_input import read_form
from tests.test_cache_control import PLAIN_HTTP_HEALTHZ, PRIVATE
from tests.test_control_characters import stored_texts
from tests.test_production import run_in_production

pytestmark = pytest.mark.django_db


def test_1_a_confidential_lookup_by_url_tells_an_officer_nothing(
    client,
    officer,
    monitoring_officer,
    complaint,  # noqa: F811
):
    """Reproduction 1: `?confidential_details__startswith=Complainant` against
    `…=Complainanx` on the complaints admin: the same answer for an officer, 1 and 0
    complaints for the Monitoring Officer."""
    client.force_login(officer)
    right, wrong = guesses(client, reverse(CHANGELIST), "confidential_details__startswith")
    assert right.status_code == wrong.status_code
    assert page_text(right) == page_text(wrong)
    client.force_login(monitoring_officer)
    right, wrong = guesses(client, reverse(CHANGELIST), "confidential_details__startswith")
    assert (right.context["cl"].result_count, wrong.context["cl"].result_count) == (1, 0)


def test_2_the_admin_delete_keeps_a_published_paper_and_soft_deletes_an_action(
    officer_client,
    published,  # noqa: F811
):
    """Reproduction 2: an officer's admin delete of a published paper is refused and the
    paper remains; an admin delete of an action only marks it deleted, and it is restored."""
    delete = reverse("admin:papers_paper_delete", args=[published.pk])
    assert officer_client.post(delete, {"post": "yes"}).status_code == 403
    assert Paper.objects.get(pk=published.pk).is_published

    action = Action.objects.get()
    delete = reverse("admin:actions_action_delete", args=[action.pk])
    assert officer_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Action.objects.filter(pk=action.pk).exists()
    assert Action.all_objects.get(pk=action.pk).deleted_at is not None
    assert action.intro in officer_client.get(reverse("action-deleted")).content.decode()
    assert officer_client.post(reverse("action-restore", args=[action.pk])).status_code == 302
    assert Action.objects.get(pk=action.pk).deleted_at is None


def test_3_an_imported_papers_pdf_survives_an_edit_of_its_actions(
    officer_client, pdf_renderer, django_capture_on_commit_callbacks
):
    """Reproduction 3: `import_paper` of the seed paper stores its PDF; an edit of one of
    its actions afterwards leaves the stored bytes, and the paper's page shows it as
    published."""
    pdf_renderer("stand_in")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("import_paper", str(seed_path("000")), stdout=io.StringIO())
    paper = Paper.objects.get(imported_from=seed_path("000").name)
    assert paper.is_published and paper.pdf
    stored = bytes(paper.pdf)
    action = Action.objects.get(pk=paper.published_action_ids[0])
    old_note = action.status_note
    edited = officer_client.post(
        reverse("action-edit", args=[action.pk]),
        edit_data(action, status_note="Edited after the import."),
    )
    assert edited.status_code == 302
    assert Action.objects.get(pk=action.pk).status_note == "Edited after the import."
    assert bytes(Paper.objects.get(pk=paper.pk).pdf) == stored
    assert officer_client.get(reverse("paper-pdf", args=[paper.pk])).content == stored
    page = officer_client.get(reverse("paper-detail", args=[paper.pk])).content.decode()
    as_published, _, since = page.partition("Changed since publication")
    assert "Edited after the import." not in as_published
    assert "Edited after the import." in since
    assert old_note and old_note in as_published  # the note it was published with


def test_4_after_the_demo_paper_is_published_nothing_falls_between_papers(
    officer_client, pdf_renderer
):
    """Reproduction 4: after `load_demo`, the draft published with blank dates through its
    edit and publish pages, then the next paper created: a complaint and a disclosure dated
    the day after the published paper's cut-off are in exactly one paper, and the
    dashboard's "since the last paper" is not a day still to come."""
    pdf_renderer("stand_in")
    load_demo()
    committee = Committee.objects.get(slug="police-and-crime-committee")
    demo_draft = Paper.objects.get(meeting__committee=committee, meeting__date=dt.date(2026, 12, 9))
    edit = reverse("paper-edit", args=[demo_draft.pk])
    form = read_form(officer_client.get(edit))
    form["data"].update(period_start=[""], period_end=[""])
    assert officer_client.post(edit, form["data"]).status_code == 302
    assert officer_client.post(reverse("paper-publish", args=[demo_draft.pk])).status_code == 302
    paper = Paper.objects.get(pk=demo_draft.pk)
    assert paper.is_published, "the publish page refused the demo draft"
    today = timezone.localdate()
    assert paper.period_end <= today

    later = Meeting.objects.filter(committee=committee, date__gt=paper.meeting.date).first()
    later = later or Meeting.objects.create(committee=committee, date=dt.date(2027, 1, 27))
    created = officer_client.post(reverse("paper-create", args=[later.pk]))
    assert created.status_code == 302
    following = Paper.objects.get(meeting=later, kind=Paper.Kind.SUMMARY)
    day_after = paper.period_end + dt.timedelta(days=1)
    assert following.period_start == day_after
    papers = [p for p in summary_papers(committee) if p.is_published] + [following]
    for record in (
        ComplaintFactory(committee=committee, received_on=day_after),
        DisclosureFactory(committee=committee, disclosed_on=day_after),
    ):
        assert papers_showing(record, papers) == [following]

    dashboard = officer_client.get(reverse("dashboard"), {"committee": committee.slug})
    since = dashboard.context["dashboard"].last_paper.since
    assert since == paper.period_end and since <= today
    assert f"Since {since.day} {since:%B %Y}," in dashboard.content.decode()


def test_5_a_nul_byte_in_an_imported_paper_is_stripped_or_refused_in_one_line(
    tmp_path, pdf_renderer
):
    """Reproduction 5: a seed paper with NUL bytes in it, imported on this database: it is
    imported with the NULs stripped, or refused in one line; never a traceback."""
    pdf_renderer("stand_in")
    path = tmp_path / "000_with_nul.txt"
    path.write_bytes(seed_path("000").read_bytes().replace(b" ", b" \x00", 40))
    try:
        call_command("import_paper", str(path), stdout=io.StringIO())
    except CommandError as refusal:
        assert "\n" not in str(refusal) and str(refusal).startswith(f"{path.name}: ")
        assert not Paper.objects.exists()
        print(f"NUL import: refused: {refusal}")
    else:
        assert Paper.objects.filter(imported_from=path.name).exists()
        assert "\\x00" not in stored_texts()
        print("NUL import: imported, NULs stripped")


def test_6_import_all_refuses_a_damaged_or_edited_archive_and_writes_nothing(
    made,  # noqa: F811 - the fixture imported above
    settings,
    tmp_path,
):
    """Reproduction 6: `import_all` of a damaged archive answers one line, exit status 1,
    and writes nothing; an archive edited to make a member a superuser is refused."""
    settings.MEDIA_ROOT = storage = tmp_path / "media"
    storage.mkdir()
    path = tmp_path / "backup.zip"
    counts, files = row_counts(), folder_files(storage)
    path.write_bytes(made["good"][: len(made["good"]) // 2])
    assert "not a backup archive" in import_refused(path)
    make, options, says = VARIANTS["superuser, digest recomputed"]
    path.write_bytes(make(made["good"], made["foreign"]))
    assert says in import_refused(path, *options)
    assert row_counts() == counts and folder_files(storage) == files


def test_7_signed_in_pages_and_downloads_are_not_stored_and_healthz_answers_http(
    client,
    officer,
    monitoring_officer,
    published,  # noqa: F811 - the fixture imported above
    tmp_path,
):
    """Reproduction 7: the Monitoring Officer's complaint page and a paper's PDF carry
    `Cache-Control: private, no-store`; with production settings, `/healthz` over plain
    HTTP answers 200."""
    client.force_login(monitoring_officer)
    page = client.get(reverse("complaint-detail", args=[ComplaintFactory().pk]))
    assert page.status_code == 200 and page["Cache-Control"] == PRIVATE
    client.force_login(officer)
    pdf = client.get(reverse("paper-pdf", args=[published.pk]))
    assert pdf.status_code == 200 and pdf["Cache-Control"] == PRIVATE

    result = run_in_production(PLAIN_HTTP_HEALTHZ, tmp_path)
    assert "healthz 200 ok" in result.stdout.splitlines(), result.stdout + result.stderr


def test_8_replacing_a_letters_file_leaves_no_old_file_after_commit(
    officer_client,
    media,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    """Reproduction 8: a letter's file replaced through its edit page: once the change
    commits, storage holds the new file only."""
    letter = letter_with_file()
    data = letter_post_data(letter.committee, letter=upload(make_pdf(), name="second.pdf"))
    with django_capture_on_commit_callbacks(execute=True):
        response = officer_client.post(reverse("correspondence-edit", args=[letter.pk]), data)
    assert response.status_code == 302
    letter.refresh_from_db()
    assert default_storage.listdir("letters")[1] == [letter.file.name.removeprefix("letters/")]


def test_9_an_admin_edit_then_the_officers_stale_form_gets_the_conflict_page(
    officer_client,
    admin_client,  # noqa: F811
):
    """Reproduction 9: an action changed in the admin, then an officer's edit form opened
    before it is sent: the "another officer changed this action" page, and nothing lost."""
    action = ActionFactory(timing="August 2022", intro="Provide the figures.")
    officer_client.get(reverse("action-edit", args=[action.pk]))
    assert admin_change(admin_client, action, timing="October 2022").status_code == 302
    stale = officer_client.post(
        reverse("action-edit", args=[action.pk]), edit_data(action, intro="My new wording")
    )
    assert stale.status_code == 409
    assert CONFLICT in stale.content.decode()
    action.refresh_from_db()
    assert (action.timing, action.intro) == ("October 2022", "Provide the figures.")

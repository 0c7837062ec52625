"""A published paper never changes and is never deleted, whichever door is tried: the
admin (change form, delete page, bulk delete), the services, the importer and the paper's
page, which shows the paper as published and what has changed since. A draft deleted in
the admin is only marked deleted, and restorable."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.urls import reverse

from actions.models import Action
from actions.services import action_change
from actiontracker.pdf import html_to_pdf
from papers.models import Paper, PaperCorrespondence
from papers.services import (
    paper_create,
    paper_delete,
    paper_publish,
    paper_restore,
    paper_update,
)
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    CorrespondenceFactory,
    MeetingFactory,
)
from tests.import_papers import seed_path
from tests.papers.test_import_pdf import paper_html

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(pdf_renderer):
    pdf_renderer("stand_in")
    committee = CommitteeFactory()
    earlier = MeetingFactory(committee=committee, date=dt.date(2023, 3, 22))
    ActionFactory(
        agenda_item=AgendaItemFactory(meeting=earlier, number="5", title="Policing Plan"),
        intro="Provide the figures for the Policing Plan.",
        status_note="Followed-up on 4 May 2023.",
    )
    paper = paper_create(meeting=MeetingFactory(committee=committee, date=dt.date(2023, 5, 24)))
    letter = CorrespondenceFactory(committee=committee, subject="Letter to the Commissioner")
    PaperCorrespondence.objects.get_or_create(paper=paper, correspondence=letter)
    return paper


@pytest.fixture
def published(draft, officer):
    return paper_publish(paper=draft, by=officer)


def admin_url(name, *args):
    return reverse(f"admin:papers_paper_{name}", args=args)


def test_the_admin_refuses_to_change_a_published_paper(officer_client, published):
    change = admin_url("change", published.pk)
    page = officer_client.get(change)
    assert page.status_code == 200
    assert "Save" not in page.content.decode()  # read-only
    assert not page.context["inline_admin_formsets"][0].has_change_permission
    response = officer_client.post(change, {"subject": "Rewritten", "public_access": "x"})
    assert response.status_code == 403
    published.refresh_from_db()
    assert published.subject == "Summary List of Actions"


def test_the_admin_refuses_to_delete_a_published_paper_by_any_door(officer_client, published):
    delete = admin_url("delete", published.pk)
    assert officer_client.get(delete).status_code == 403
    assert officer_client.post(delete, {"post": "yes"}).status_code == 403
    bulk = officer_client.post(
        admin_url("changelist"),
        {"action": "delete_selected", "_selected_action": [published.pk], "post": "yes"},
    )
    assert bulk.status_code == 403
    assert Paper.objects.filter(pk=published.pk, deleted_at__isnull=True).exists()


def test_a_draft_deleted_in_the_admin_is_kept_and_restorable(officer_client, draft):
    delete = admin_url("delete", draft.pk)
    assert officer_client.post(delete, {"post": "yes"}).status_code == 302
    assert not Paper.objects.filter(pk=draft.pk).exists()
    kept = Paper.all_objects.get(pk=draft.pk)
    assert kept.deleted_at is not None and kept.letters.count() == 1
    # Its page is gone; the meeting may have a new draft meanwhile.
    assert officer_client.get(reverse("paper-detail", args=[draft.pk])).status_code == 404
    listing = officer_client.get(admin_url("changelist") + "?deleted=yes")
    assert str(draft.pk) in listing.content.decode()
    officer_client.post(
        admin_url("changelist"),
        {"action": "restore_selected", "_selected_action": [draft.pk]},
    )
    assert Paper.objects.get(pk=draft.pk).deleted_at is None
    assert officer_client.get(reverse("paper-detail", args=[draft.pk])).status_code == 200


def test_a_deleted_draft_is_not_restored_over_a_new_one(draft):
    paper_delete(paper=draft)
    newer = paper_create(meeting=draft.meeting)
    assert newer.pk != draft.pk
    with pytest.raises(ValidationError, match="another paper"):
        paper_restore(paper=draft)
    paper_delete(paper=newer)
    assert paper_restore(paper=draft).deleted_at is None


def test_bulk_delete_of_drafts_in_the_admin_marks_them_deleted(officer_client, draft):
    response = officer_client.post(
        admin_url("changelist"),
        {"action": "delete_selected", "_selected_action": [draft.pk], "post": "yes"},
    )
    assert response.status_code == 302
    assert Paper.all_objects.get(pk=draft.pk).deleted_at is not None


def test_the_services_refuse_every_change_to_a_published_paper(published, officer):
    with pytest.raises(ValidationError):
        paper_update(paper=published, data={"subject": "Rewritten"})
    with pytest.raises(ValidationError):
        paper_publish(paper=published, by=officer)
    with pytest.raises(ValidationError):
        paper_delete(paper=published)
    published.refresh_from_db()
    assert published.subject == "Summary List of Actions" and published.deleted_at is None


def test_the_page_shows_the_paper_as_published_and_what_changed_since(officer_client, published):
    action = Action.objects.get()
    action_change(action=action, data={"status_note": "Reply received on 1 June 2023."})
    page = officer_client.get(reverse("paper-detail", args=[published.pk])).content.decode()
    before, _, since = page.partition("Changed since publication")
    # The paper shows the note it was published with, not today's.
    assert "Followed-up on 4 May 2023." in before
    assert "Reply received on 1 June 2023." not in before
    assert 'href="#changed-since"' in before
    # The changed-since list names the action and what changed.
    assert f'href="{reverse("action-detail", args=[action.pk])}"' in since
    assert "Item 5 of 22 March 2023" in since
    assert "Status note" in since
    assert "Followed-up on 4 May 2023." in since and "Reply received on 1 June 2023." in since
    # The PDF is the stored one.
    pdf = officer_client.get(reverse("paper-pdf", args=[published.pk]))
    assert pdf.content == bytes(Paper.objects.get(pk=published.pk).pdf)


def test_a_published_paper_with_no_changes_says_so(officer_client, published):
    page = officer_client.get(reverse("paper-detail", args=[published.pk])).content.decode()
    assert "None of its actions has changed since." in page


@pytest.mark.parametrize("changed", [1, 8])
def test_the_changed_since_list_reads_a_fixed_number_of_queries(
    officer_client, draft, officer, changed, django_assert_max_num_queries
):
    meeting = Action.objects.get().agenda_item.meeting
    for _ in range(changed - 1):
        ActionFactory(agenda_item=AgendaItemFactory(meeting=meeting))
    published = paper_publish(paper=draft, by=officer)
    assert len(published.published_action_ids) == changed
    for action in Action.objects.all():
        action_change(action=action, data={"status_note": f"Changed {action.pk}."})
    url = reverse("paper-detail", args=[published.pk])
    with django_assert_max_num_queries(12):
        page = officer_client.get(url)
    assert page.content.decode().count("Status note") == changed


def import_seed() -> Paper:
    call_command("import_paper", str(seed_path("000")), stdout=io.StringIO())
    return Paper.objects.get(imported_from=seed_path("000").name)


def test_import_paper_stores_the_pdf_and_an_action_edit_leaves_it(
    officer_client, pdf_renderer, django_capture_on_commit_callbacks
):
    renderings = pdf_renderer("recording")
    with django_capture_on_commit_callbacks() as after_commit:
        paper = import_seed()
    # Stored at import: its page's HTML at once, its PDF once the import commits (the
    # render holds no lock on the database meanwhile).
    assert paper.published_html and renderings == []
    for callback in after_commit:
        callback()
    paper.refresh_from_db()
    assert paper.is_published and paper.pdf is not None and len(renderings) == 1
    stored = bytes(paper.pdf)
    html = paper.published_html
    action = Action.objects.get(pk=paper.published_action_ids[0])
    action_change(action=action, data={"status_note": "Edited after the import."})
    paper.refresh_from_db()
    assert bytes(paper.pdf) == stored and paper.published_html == html
    assert officer_client.get(reverse("paper-pdf", args=[paper.pk])).content == stored
    page = officer_client.get(reverse("paper-detail", args=[paper.pk])).content.decode()
    assert "Edited after the import." in page.partition("Changed since publication")[2]
    assert "Edited after the import." not in page.partition("Changed since publication")[0]


def test_a_pdf_import_stores_the_pdf_it_was_given(tmp_path, pdf_renderer):
    pdf_renderer("recording")
    rows = [("5", "Policing Plan", "Deputy Commissioner, MPS", "Provide figures.", [], "Ongoing.")]
    source = paper_html(date=dt.date(2023, 5, 24), blocks=[(dt.date(2023, 3, 22), rows)])
    path = tmp_path / "paper.pdf"
    path.write_bytes(html_to_pdf(source))
    call_command("import_paper", str(path), stdout=io.StringIO())
    assert bytes(Paper.objects.get().pdf) == path.read_bytes()


def test_importing_over_a_published_paper_is_refused(tmp_path, pdf_renderer):
    pdf_renderer("stand_in")
    paper = import_seed()
    Paper.objects.filter(pk=paper.pk).update(subject="Summary List of Actions (as published)")
    with pytest.raises(CommandError, match="already published"):
        import_seed()
    assert Paper.objects.get(pk=paper.pk).subject == "Summary List of Actions (as published)"


def test_importing_the_same_published_paper_again_leaves_its_copy(pdf_renderer):
    pdf_renderer("stand_in")
    paper = import_seed()
    assert paper.published_html
    Paper.objects.filter(pk=paper.pk).update(published_html="<p>As published.</p>")
    output = io.StringIO()
    call_command("import_paper", str(seed_path("000")), stdout=output)
    assert Paper.objects.get(pk=paper.pk).published_html == "<p>As published.</p>"
    assert "Created: nothing" in output.getvalue()

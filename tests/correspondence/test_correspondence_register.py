"""The correspondence register: roles, letter uploads, serving letters, filters and exports."""

import csv
import datetime as dt
import io
import re

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import reverse

from correspondence.models import Correspondence
from tests.factories import ActionFactory, CommitteeFactory, CorrespondenceFactory
from tests.pdf_helpers import make_pdf

pytestmark = pytest.mark.django_db


def stored_letters() -> set[str]:
    folder = settings.MEDIA_ROOT / "letters"
    return {p.name for p in folder.iterdir()} if folder.exists() else set()


def letter_post_data(committee, **overrides):
    data = {
        "committee": committee.pk,
        "direction": "sent",
        "date": "2023-12-22",
        "sender": "Chairman of the Police and Crime Committee",
        "recipient": "Deputy Commissioner, MPS",
        "subject": "Stop and search data",
        "reference": "PCC-2023-41",
        "reply_expected": "on",
        "drafted_by": "Senior Policy Adviser",
        "drafted_on": "2023-12-18",
        "cleared_by_line_manager": "Head of Committee Services",
        "cleared_by_line_manager_on": "2023-12-19",
        "cleared_by_chief_executive": "",
        "cleared_by_chief_executive_on": "",
    }
    data.update(overrides)
    return data


def upload(content: bytes, name: str = "letter.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")


class TestRoles:
    def test_anonymous_users_are_sent_to_sign_in(self, client):
        letter = CorrespondenceFactory()
        for url in [
            reverse("correspondence-list"),
            reverse("correspondence-detail", args=[letter.pk]),
            reverse("correspondence-file", args=[letter.pk]),
            reverse("correspondence-export"),
            reverse("correspondence-overdue"),
            reverse("correspondence-create"),
        ]:
            response = client.get(url)
            assert response.status_code == 302
            assert response["Location"].startswith(reverse("login"))

    def test_members_read_but_cannot_add_or_edit(self, member_client):
        letter = CorrespondenceFactory()
        assert member_client.get(reverse("correspondence-list")).status_code == 200
        page = member_client.get(reverse("correspondence-detail", args=[letter.pk]))
        assert page.status_code == 200
        assert b"Edit" not in page.content
        assert member_client.get(reverse("correspondence-create")).status_code == 403
        edit = reverse("correspondence-edit", args=[letter.pk])
        assert member_client.get(edit).status_code == 403
        assert member_client.post(edit, {"subject": "x"}).status_code == 403

    def test_the_monitoring_officer_does_not_see_correspondence(self, client, monitoring_officer):
        client.force_login(monitoring_officer)
        assert client.get(reverse("correspondence-list")).status_code == 403

    def test_registers_link_is_shown_by_role(self, officer_client, client, monitoring_officer):
        assert b'href="/registers/"' in officer_client.get(reverse("dashboard")).content
        client.force_login(monitoring_officer)
        page = client.get(reverse("registers"))
        assert b"Complaints" in page.content
        assert b"Correspondence" not in page.content


class TestRecordingLetters:
    def test_officer_records_a_letter_with_its_pdf_and_the_actions_it_answers(self, officer_client):
        committee = CommitteeFactory()
        action = ActionFactory()
        data = letter_post_data(committee, answers=[action.pk])
        data["letter"] = upload(make_pdf(), name="../../etc/My letter.pdf")
        response = officer_client.post(reverse("correspondence-create"), data)
        assert response.status_code == 302, response.content.decode()[:2000]
        letter = Correspondence.objects.get()
        assert letter.reply_due == dt.date(2024, 1, 24)
        assert list(letter.answers.all()) == [action]
        assert letter.drafted_by == "Senior Policy Adviser"
        assert letter.cleared_by_line_manager_on == dt.date(2023, 12, 19)
        # Stored under a random name, never the one the user chose.
        assert letter.file.name.startswith("letters/")
        assert "My letter" not in letter.file.name and ".." not in letter.file.name
        page = officer_client.get(letter.get_absolute_url())
        assert "24 January 2024" in page.content.decode()
        assert "Cleared by (line manager)" in page.content.decode()

    @pytest.mark.parametrize(
        "content, message",
        [
            (b"Just some text, not a PDF at all.", "not a PDF"),
            (b"%PDF-1.7\n this is not really a PDF \n%%EOF", "could not be read as a PDF"),
            (make_pdf(password="secret"), "password-protected"),
        ],
        ids=["not-pdf", "malformed", "encrypted"],
    )
    def test_bad_uploads_are_refused_and_nothing_is_saved(self, officer_client, content, message):
        before = stored_letters()
        data = letter_post_data(CommitteeFactory())
        data["letter"] = upload(content)
        response = officer_client.post(reverse("correspondence-create"), data)
        assert response.status_code == 200
        text = response.content.decode()
        assert "There is a problem" in text
        assert message in text
        assert not Correspondence.objects.exists()
        assert stored_letters() == before

    def test_a_missing_field_is_linked_from_the_summary_and_marked(self, officer_client):
        data = letter_post_data(CommitteeFactory(), subject="")
        text = officer_client.post(reverse("correspondence-create"), data).content.decode()
        assert '<a href="#id_subject">This field is required.</a>' in text
        field = re.search(r"<input[^>]*id=\"id_subject\"[^>]*>", text).group()
        assert "govuk-input--error" in field and 'aria-describedby="id_subject-error"' in field
        assert 'id="id_subject-error" class="govuk-error-message"' in text
        assert not Correspondence.objects.exists()

    def test_oversized_upload_is_refused(self, officer_client, settings):
        pdf = make_pdf()
        settings.CORRESPONDENCE_MAX_UPLOAD_BYTES = len(pdf) - 1
        before = stored_letters()
        data = letter_post_data(CommitteeFactory())
        data["letter"] = upload(pdf)
        response = officer_client.post(reverse("correspondence-create"), data)
        assert "must be smaller than" in response.content.decode()
        assert not Correspondence.objects.exists()
        assert stored_letters() == before

    def test_editing_keeps_the_letter_and_changes_the_reply_due_date(self, officer_client):
        letter = CorrespondenceFactory(reply_due=dt.date(2023, 4, 21))
        letter.file.save("x.pdf", ContentFile(make_pdf()))
        stored = letter.file.name
        data = letter_post_data(letter.committee, reply_due="2023-05-05", date="2023-03-24")
        response = officer_client.post(reverse("correspondence-edit", args=[letter.pk]), data)
        assert response.status_code == 302
        letter.refresh_from_db()
        assert letter.reply_due == dt.date(2023, 5, 5)
        assert letter.file.name == stored


class TestServingLetters:
    def letter_with_file(self, subject='Reply "about" <stop> & search'):
        letter = CorrespondenceFactory(subject=subject, date=dt.date(2023, 5, 2))
        letter.file.save("ignored.pdf", ContentFile(make_pdf()))
        return letter

    def test_members_download_the_letter_with_a_safe_name_and_nosniff(self, member_client):
        letter = self.letter_with_file()
        response = member_client.get(reverse("correspondence-file", args=[letter.pk]))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["X-Content-Type-Options"] == "nosniff"
        disposition = response["Content-Disposition"]
        assert 'filename="2023-05-02-reply-about-stop-search.pdf"' in disposition
        assert b"".join(response.streaming_content).startswith(b"%PDF-")

    def test_letters_are_not_served_from_media_url(self, member_client):
        letter = self.letter_with_file()
        assert member_client.get(settings.MEDIA_URL + letter.file.name).status_code == 404

    def test_no_file_is_a_404(self, member_client):
        letter = CorrespondenceFactory()
        assert (
            member_client.get(reverse("correspondence-file", args=[letter.pk])).status_code == 404
        )


class TestRegisterFiltersAndExport:
    def test_overdue_and_awaiting_reply_filters(self, member_client):
        overdue = CorrespondenceFactory(subject="Overdue letter", reply_due=dt.date(2020, 1, 1))
        answered = CorrespondenceFactory(subject="Answered letter", reply_due=dt.date(2020, 1, 1))
        CorrespondenceFactory(
            subject="The reply", direction="received", in_reply_to=answered, sender="MPS"
        )
        future = CorrespondenceFactory(subject="Future letter", reply_due=dt.date(2099, 1, 1))
        text = member_client.get(reverse("correspondence-list"), {"overdue": "on"}).content
        assert overdue.subject.encode() in text
        assert answered.subject.encode() not in text
        assert future.subject.encode() not in text
        text = member_client.get(reverse("correspondence-list"), {"awaiting_reply": "on"}).content
        assert overdue.subject.encode() in text and future.subject.encode() in text
        assert answered.subject.encode() not in text
        page = member_client.get(reverse("correspondence-overdue")).content.decode()
        assert "Overdue letter" in page and "Answered letter" not in page
        assert "Future letter" not in page

    def test_direction_and_search_filters(self, member_client):
        CorrespondenceFactory(subject="Knife crime letter", reference="MOPAC050923-C4716")
        CorrespondenceFactory(subject="Budget letter", direction="received")
        text = member_client.get(reverse("correspondence-list"), {"q": "C4716"}).content
        assert b"Knife crime letter" in text and b"Budget letter" not in text
        text = member_client.get(reverse("correspondence-list"), {"direction": "received"}).content
        assert b"Budget letter" in text and b"Knife crime letter" not in text

    def test_csv_export_follows_the_filters_and_defuses_formulas(self, member_client):
        CorrespondenceFactory(subject='=HYPERLINK("http://evil")', reference="@SUM(A1)")
        CorrespondenceFactory(subject="Other", direction="received")
        response = member_client.get(reverse("correspondence-export"), {"direction": "sent"})
        assert response["Content-Type"].startswith("text/csv")
        rows = list(csv.reader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
        assert rows[0][0] == "Dated"
        assert len(rows) == 2
        assert rows[1][5] == '\'=HYPERLINK("http://evil")'
        assert rows[1][6] == "'@SUM(A1)"

    def test_register_page_costs_the_same_queries_for_few_or_many_letters(
        self, member_client, django_assert_max_num_queries
    ):
        for _ in range(3):
            CorrespondenceFactory(reply_due=dt.date(2020, 1, 1))
        urls = [reverse("correspondence-list"), reverse("correspondence-overdue")]
        counts = []
        for url in urls:
            with django_assert_max_num_queries(12) as few:
                member_client.get(url)
            counts.append(len(few.captured_queries))
        for _ in range(30):
            CorrespondenceFactory(reply_due=dt.date(2020, 1, 1))
        for url, count in zip(urls, counts, strict=True):
            with django_assert_max_num_queries(count):
                member_client.get(url)

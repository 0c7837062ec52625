"""Every file the application hands out carries the same headers: an attachment name that
cannot break the header, its type, nosniff, and no copy kept by any cache."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from actiontracker.downloads import attachment_header, file_response
from papers.models import Paper, RenderJob
from tests.factories import (
    ActionFactory,
    ComplaintFactory,
    CorrespondenceFactory,
    DisclosureFactory,
    MeetingFactory,
)
from tests.pdf_helpers import make_pdf
from tests.seed_letter_002 import create_seed_002
from tests.seed_report_003 import create_seed_003

pytestmark = pytest.mark.django_db

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PDF = "application/pdf"


@pytest.fixture
def every_download(pdf_renderer):
    """(url, query, content type, file name, streamed) for each kind of download."""
    pdf_renderer("stand_in")
    action = ActionFactory(agenda_item__meeting__date=dt.date(2023, 5, 24))
    committee = action.agenda_item.meeting.committee
    CorrespondenceFactory(committee=committee)
    ComplaintFactory(committee=committee)
    DisclosureFactory(committee=committee)
    report = create_seed_003()
    letter = CorrespondenceFactory(subject="Stop and search", date=dt.date(2023, 5, 2))
    letter.file.save("ignored.pdf", ContentFile(make_pdf()))
    paper = Paper.objects.create(meeting=action.agenda_item.meeting)
    job = RenderJob.objects.create(
        paper=paper, kind=RenderJob.Kind.PAPER, status=RenderJob.Status.DONE, pdf=b"%PDF-1.7"
    )
    board_meeting = create_seed_002()
    today = dt.date.today()
    return [
        (reverse("action-export-csv"), {}, CSV, "actions.csv", True),
        (reverse("action-export-xlsx"), {}, XLSX, "actions.xlsx", True),
        (reverse("correspondence-export"), {}, CSV, "correspondence.csv", True),
        (reverse("complaint-export"), {}, CSV, "complaints.csv", True),
        (reverse("disclosure-export"), {}, CSV, "transparency-disclosures.csv", True),
        (reverse("report-export"), {}, CSV, "committee-reports.csv", True),
        (
            reverse("correspondence-file", args=[letter.pk]),
            {},
            PDF,
            "2023-05-02-stop-and-search.pdf",
            True,
        ),
        (
            reverse("paper-pdf", args=[paper.pk]),
            {},
            PDF,
            "2023-05-24-summary-list-of-actions.pdf",
            False,
        ),
        (reverse("render-job-download", args=[job.pk]), {}, PDF, "2023-05-24.pdf", False),
        (reverse("board-annex", args=[board_meeting.pk]), {"format": "pdf"}, PDF, ".pdf", False),
        (
            reverse("report-response-paper", args=[report.pk]),
            {"format": "pdf"},
            PDF,
            ".pdf",
            False,
        ),
        (
            reverse("dashboard-pdf"),
            {"committee": committee.slug},
            PDF,
            f"dashboard-{committee.slug}-{today:%Y-%m-%d}.pdf",
            False,
        ),
    ]


def test_every_download_has_the_same_safe_headers(officer_client, every_download):
    for url, query, content_type, name_ending, streamed in every_download:
        response = officer_client.get(url, query)
        assert response.status_code == 200, url
        assert response["Content-Type"] == content_type, url
        assert response["X-Content-Type-Options"] == "nosniff", url
        assert response["Cache-Control"] == "private, no-store", url
        disposition = response["Content-Disposition"]
        assert disposition.startswith('attachment; filename="'), url
        assert disposition.endswith(f'{name_ending}"'), (url, disposition)
        assert response.streaming == streamed, url
        assert response.getvalue(), url  # and it has content


def test_the_agenda_pack_has_the_same_headers(member_client, pdf_renderer):
    pdf_renderer("recording")  # the pack joins real PDFs
    paper = Paper.objects.create(meeting=MeetingFactory(date=dt.date(2024, 1, 31)))
    response = member_client.get(reverse("paper-agenda-pack", args=[paper.pk]))
    assert response["Content-Disposition"] == 'attachment; filename="2024-01-31-agenda-pack.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"
    assert response.getvalue().startswith(b"%PDF-")


def test_non_ascii_names_keep_their_letters_and_an_ascii_fallback():
    header = attachment_header("Café – réponse 2023.pdf")
    assert header == (
        'attachment; filename="Cafe reponse 2023.pdf"; '
        "filename*=UTF-8''Caf%C3%A9%20%E2%80%93%20r%C3%A9ponse%202023.pdf"
    )


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ('a "quoted" name.csv', 'attachment; filename="a -quoted- name.csv"'),
        ("line\r\nbreak.pdf", 'attachment; filename="line-break.pdf"'),
        ("../../etc/passwd", 'attachment; filename="etc-passwd"'),
        ("back\\slash.pdf", 'attachment; filename="back-slash.pdf"'),
        ("", 'attachment; filename="download"'),
        (
            "日本.pdf",
            "attachment; filename=\"download.pdf\"; filename*=UTF-8''%E6%97%A5%E6%9C%AC.pdf",
        ),
    ],
)
def test_a_name_can_never_break_the_header_or_name_a_path(name, expected):
    assert attachment_header(name) == expected


def test_an_iterator_is_streamed_as_it_is_made():
    made = []

    def chunks():
        for n in range(3):
            made.append(n)
            yield b"row %d\n" % n

    response = file_response(chunks(), filename="rows.csv", content_type=CSV)
    assert response.streaming and made == []  # nothing made before it is sent
    assert b"".join(response.streaming_content) == b"row 0\nrow 1\nrow 2\n"
    assert made == [0, 1, 2]


def test_bytes_are_sent_whole_with_their_length():
    response = file_response(b"%PDF-1.7", filename="paper.pdf", content_type=PDF)
    assert not response.streaming
    assert response.content == b"%PDF-1.7"
    assert response["Content-Type"] == PDF


def test_a_meeting_paper_name_from_its_date_survives(member_client, pdf_renderer):
    pdf_renderer("stand_in")
    paper = Paper.objects.create(meeting=MeetingFactory(date=dt.date(2024, 1, 31)))
    response = member_client.get(reverse("paper-pdf", args=[paper.pk]))
    assert response["Content-Disposition"] == (
        'attachment; filename="2024-01-31-summary-list-of-actions.pdf"'
    )

"""The registers in the admin: the same upload checks and lateness flag as the workspace."""

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actiontracker.exports import safe_cell
from correspondence.models import Correspondence
from tests.factories import CommitteeFactory, DisclosureFactory
from tests.pdf_helpers import make_pdf

pytestmark = pytest.mark.django_db


def admin_letter_data(committee, content: bytes):
    return {
        "committee": committee.pk,
        "direction": "sent",
        "date": "2023-03-24",
        "sender": "Chairman",
        "recipient": "Mayor of London",
        "subject": "Invitation",
        "file": SimpleUploadedFile("x.pdf", content, content_type="application/pdf"),
    }


def test_admin_refuses_a_non_pdf_letter_and_accepts_a_real_one(officer_client):
    committee = CommitteeFactory()
    url = reverse("admin:correspondence_correspondence_add")
    response = officer_client.post(url, admin_letter_data(committee, b"MZ not a pdf"))
    assert response.status_code == 200
    assert "not a PDF" in response.content.decode()
    assert not Correspondence.objects.exists()
    response = officer_client.post(url, admin_letter_data(committee, make_pdf()))
    assert response.status_code == 302
    assert Correspondence.objects.get().file.name.startswith("letters/")


def test_admin_disclosure_list_flags_late_ones_in_text(officer_client):
    DisclosureFactory(contact_date=dt.date(2023, 3, 1), disclosed_on=dt.date(2023, 4, 11))
    url = reverse("admin:correspondence_transparencydisclosure_changelist")
    page = officer_client.get(url, {"late": "yes"}).content.decode()
    assert "Late: disclosed 41 days after contact" in page


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+2", "'=1+2"),
        ("+44 20 7983 4100", "'+44 20 7983 4100"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("Plain text", "Plain text"),
        (dt.date(2023, 5, 4), "2023-05-04"),
        (None, ""),
        (41, "41"),
    ],
)
def test_csv_cells_never_start_a_formula(value, expected):
    assert safe_cell(value) == expected

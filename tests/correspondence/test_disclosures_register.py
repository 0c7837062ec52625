"""Transparency disclosures: due within 28 days of the contact; late ones stand out."""

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from correspondence.models import TransparencyDisclosure
from tests.factories import CommitteeFactory, DisclosureFactory

pytestmark = pytest.mark.django_db

CONTACT = dt.date(2023, 3, 1)


def test_twenty_eight_days_is_on_time_and_twenty_nine_is_late(member_client):
    DisclosureFactory(member="Member On Time", disclosed_on=CONTACT + dt.timedelta(days=28))
    DisclosureFactory(member="Member Late", disclosed_on=CONTACT + dt.timedelta(days=29))
    page = member_client.get(reverse("disclosure-list")).content.decode()
    assert "On time: disclosed 28 days after contact" in page
    assert "Late: disclosed 29 days after contact" in page

    late_only = member_client.get(reverse("disclosure-list"), {"late": "on"}).content.decode()
    assert "Member Late" in late_only
    assert "Member On Time" not in late_only


def test_late_disclosure_is_flagged_on_its_page(member_client):
    disclosure = DisclosureFactory(disclosed_on=CONTACT + dt.timedelta(days=41))
    page = member_client.get(disclosure.get_absolute_url()).content.decode()
    assert "Late: disclosed 41 days after contact" in page


def test_csv_export_flags_late_disclosures(member_client):
    DisclosureFactory(member="+Member Late", disclosed_on=CONTACT + dt.timedelta(days=29))
    DisclosureFactory(member="Member On Time", disclosed_on=CONTACT + dt.timedelta(days=28))
    response = member_client.get(reverse("disclosure-export"))
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode("utf-8-sig"))))
    by_member = {row["Member"]: row for row in rows}
    assert by_member["'+Member Late"]["Late"] == "Yes"
    assert by_member["Member On Time"]["Late"] == "No"
    assert by_member["'+Member Late"]["Days to disclose"] == "29"


def test_officers_record_disclosures_and_members_cannot(client, officer, member):
    committee = CommitteeFactory()
    data = {
        "committee": committee.pk,
        "member": "Caroline Russell AM",
        "contact_date": "2023-03-01",
        "with_whom": "Borough Commander, MPS",
        "details": "Meeting on local policing.",
        "disclosed_on": "2023-04-11",
    }
    client.force_login(member)
    assert client.post(reverse("disclosure-create"), data).status_code == 403
    client.force_login(officer)
    response = client.post(reverse("disclosure-create"), data)
    assert response.status_code == 302
    disclosure = TransparencyDisclosure.objects.get()
    page = client.get(disclosure.get_absolute_url()).content.decode()
    assert "Late: disclosed 41 days after contact" in page


def test_a_disclosure_before_the_contact_is_refused(officer_client):
    data = {
        "committee": CommitteeFactory().pk,
        "member": "A Member",
        "contact_date": "2023-03-10",
        "with_whom": "MOPAC",
        "details": "x",
        "disclosed_on": "2023-03-01",
    }
    response = officer_client.post(reverse("disclosure-create"), data)
    assert "cannot be before the contact" in response.content.decode()
    assert not TransparencyDisclosure.objects.exists()


def test_register_query_count_does_not_grow_with_rows(member_client, django_assert_max_num_queries):
    DisclosureFactory()
    with django_assert_max_num_queries(12) as few:
        member_client.get(reverse("disclosure-list"))
    for day in range(30):
        DisclosureFactory(disclosed_on=CONTACT + dt.timedelta(days=day))
    with django_assert_max_num_queries(len(few.captured_queries)):
        member_client.get(reverse("disclosure-list"))

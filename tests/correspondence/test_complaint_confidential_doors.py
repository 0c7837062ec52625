"""Confidential complaint details through every door: only the Monitoring Officer may see,
filter, search or sort by them; for anyone else the answer is the same whatever the value,
so no series of requests can spell the text out a letter at a time."""

import datetime as dt
import io
import re
import subprocess
import zipfile

import pytest
from django.contrib import admin
from django.urls import reverse

from correspondence.models import Complaint
from tests.factories import ComplaintFactory
from tests.pdf_helpers import pdftotext
from tests.test_url_roles import EXPECTED, role_users, samples  # noqa: F401 - fixtures

pytestmark = pytest.mark.django_db

SECRET = "Complainant Jane Example of 1 Secret Street"
RIGHT, WRONG = "Complainant", "Complainanx"  # a correct and an incorrect guess
CHANGELIST = "admin:correspondence_complaint_changelist"


@pytest.fixture
def complaint():
    return ComplaintFactory(confidential_details=SECRET, public_summary="Not recorded.")


@pytest.fixture
def monitoring_client(client, monitoring_officer):
    client.force_login(monitoring_officer)
    return client


def page_text(response) -> str:
    # The CSRF token is masked afresh on every page, so it is not part of the comparison.
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", response.content.decode())


def guesses(client, url, name, extra=None):
    """The responses to a right and a wrong guess of the details' first word."""
    return [client.get(url, {name: value, **(extra or {})}) for value in (RIGHT, WRONG)]


class TestOfficersAreRefusedEveryLookup:
    @pytest.mark.parametrize(
        "lookup",
        [
            "confidential_details__startswith",
            "confidential_details__contains",
            "confidential_details__iregex",
            "confidential_details",
            "committee__complaints__confidential_details__startswith",
        ],
    )
    def test_a_url_lookup_answers_the_same_400_whatever_the_value(
        self, officer_client, complaint, lookup
    ):
        right, wrong = guesses(officer_client, reverse(CHANGELIST), lookup)
        assert right.status_code == wrong.status_code == 400
        assert page_text(right) == page_text(wrong)
        assert "Not recorded." not in page_text(right)

    def test_search_does_not_look_in_confidential_details(self, officer_client, complaint):
        url = reverse(CHANGELIST)
        found = officer_client.get(url, {"q": "Secret Street"})
        assert found.status_code == 200
        assert found.context["cl"].result_count == 0
        # The same search finds public words, so it is the field that is left out.
        assert officer_client.get(url, {"q": "Deputy"}).context["cl"].result_count == 1

    def test_no_column_ordering_or_form_field_names_a_confidential_field(
        self, officer_client, complaint
    ):
        model_admin = admin.site._registry[Complaint]
        request = officer_client.get(reverse(CHANGELIST)).wsgi_request
        named = [
            *model_admin.get_list_display(request),
            *model_admin.get_sortable_by(request),
            *model_admin.get_ordering(request),
            *model_admin.get_search_fields(request),
            *model_admin.get_fields(request, complaint),
            *model_admin.get_readonly_fields(request, complaint),
        ]
        assert not [name for name in named if Complaint.names_confidential_field(str(name))]
        assert "confidential_details" in model_admin.get_exclude(request, complaint)
        form = model_admin.get_form(request, complaint)(instance=complaint)
        assert "confidential_details" not in form.fields

    @pytest.mark.parametrize("order", ["0", "-0", "1.2", "5.4.3.2.1.0", "9", "-9"])
    def test_ordering_by_column_never_reaches_confidential_details(
        self, officer_client, complaint, order
    ):
        ComplaintFactory(confidential_details="Another secret")
        response = officer_client.get(reverse(CHANGELIST), {"o": order})
        assert response.status_code == 200
        ordering = response.context["cl"].queryset.query.order_by
        assert not [o for o in ordering if Complaint.names_confidential_field(str(o))]

    @pytest.mark.parametrize(
        "page", ["change", "history", "delete"], ids=["change", "history", "delete"]
    )
    def test_pages_carrying_the_list_filters_drop_confidential_ones(
        self, officer_client, complaint, page
    ):
        url = reverse(f"admin:correspondence_complaint_{page}", args=[complaint.pk])
        right, wrong = (
            officer_client.get(
                url, {"_changelist_filters": f"decision=pending&confidential_details={value}"}
            )
            for value in (RIGHT, WRONG)
        )
        assert right.status_code == wrong.status_code == 200
        assert page_text(right) == page_text(wrong)
        assert "confidential_details" not in page_text(right)
        if page == "change":
            assert "decision%3Dpending" in page_text(right)  # the public filter is kept

    def test_saving_from_a_filtered_list_returns_to_it_without_the_confidential_filter(
        self, officer_client, complaint
    ):
        url = reverse("admin:correspondence_complaint_change", args=[complaint.pk])
        filters = f"decision=pending&confidential_details__startswith={RIGHT}"
        form = officer_client.get(url, {"_changelist_filters": filters}).context["adminform"]
        data = {name: form.form[name].value() or "" for name in form.form.fields}
        response = officer_client.post(f"{url}?_changelist_filters=" + filters, data)
        assert response.status_code == 302
        assert "confidential" not in response["Location"]
        assert officer_client.get(response["Location"]).status_code == 200

    def test_history_pages_show_no_confidential_details(self, officer_client, complaint):
        record = complaint.history.first()
        for url in [
            reverse("admin:correspondence_complaint_history", args=[complaint.pk]),
            reverse(
                "admin:correspondence_complaint_simple_history", args=[complaint.pk, record.pk]
            ),
        ]:
            response = officer_client.get(url)
            assert response.status_code == 200, url
            assert SECRET not in response.content.decode(), url


class TestTheMonitoringOfficerMayUseThem:
    def test_a_url_lookup_filters_by_confidential_details(self, monitoring_client, complaint):
        right, wrong = guesses(
            monitoring_client, reverse(CHANGELIST), "confidential_details__startswith"
        )
        assert right.context["cl"].result_count == 1
        assert wrong.context["cl"].result_count == 0

    def test_search_looks_in_confidential_details(self, monitoring_client, complaint):
        response = monitoring_client.get(reverse(CHANGELIST), {"q": "Secret Street"})
        assert response.context["cl"].result_count == 1

    def test_the_form_and_its_history_show_confidential_details(self, monitoring_client, complaint):
        record = complaint.history.first()
        for url in [
            reverse("admin:correspondence_complaint_change", args=[complaint.pk]),
            reverse(
                "admin:correspondence_complaint_simple_history", args=[complaint.pk, record.pk]
            ),
        ]:
            assert SECRET in monitoring_client.get(url).content.decode(), url

    def test_list_filters_are_carried_along_as_they_are(self, monitoring_client, complaint):
        url = reverse("admin:correspondence_complaint_change", args=[complaint.pk])
        page = monitoring_client.get(url, {"_changelist_filters": "confidential_details=x"})
        assert "confidential_details%3Dx" in page.content.decode()


# Lookups that reach complaints through relations from the other admins. Django allows a
# lookup across a relation only where the admin lists it as a filter; these hold it to that.
RELATED_LOOKUPS = [
    ("admin:meetings_committee_changelist", "complaints__confidential_details__startswith"),
    ("admin:meetings_meeting_changelist", "committee__complaints__confidential_details"),
    (
        "admin:meetings_agendaitem_changelist",
        "meeting__committee__complaints__confidential_details__startswith",
    ),
    (
        "admin:correspondence_correspondence_changelist",
        "committee__complaints__confidential_details__startswith",
    ),
    (
        "admin:actions_action_changelist",
        "agenda_item__meeting__committee__complaints__confidential_details__startswith",
    ),
]


@pytest.mark.parametrize("url_name, lookup", RELATED_LOOKUPS)
@pytest.mark.parametrize("who", ["officer", "monitoring_officer"])
def test_other_admins_refuse_lookups_through_relations_to_complaints(
    client, request, complaint, url_name, lookup, who
):
    client.force_login(request.getfixturevalue(who))
    right, wrong = guesses(client, reverse(url_name), lookup)
    assert right.status_code == wrong.status_code
    assert right.status_code in (400, 403)  # refused, or no access to that admin at all
    assert page_text(right) == page_text(wrong)


class TestTheWorkspaceRegister:
    def test_unknown_filters_and_sorting_on_confidential_details_change_nothing(
        self, officer_client, complaint
    ):
        ComplaintFactory(
            confidential_details="Aardvark",
            public_summary="Second.",
            received_on=dt.date(2023, 4, 1),
        )
        url = reverse("complaint-list")

        def rows(params=None):
            # The page repeats the query in its export link; the rows are what it found.
            table = officer_client.get(url, params).context["table"]
            return [row.record.public_summary for row in table.rows]

        plain = rows()
        assert sorted(plain) == ["Not recorded.", "Second."]
        for params in [
            {"confidential_details__startswith": RIGHT},
            {"confidential_details__startswith": WRONG},
            {"confidential_details": SECRET},
            {"sort": "confidential_details"},
            {"sort": "-confidential_details"},
        ]:
            assert rows(params) == plain, params
        right, wrong = guesses(
            officer_client, reverse("complaint-export"), "confidential_details__startswith"
        )
        found = body(right)
        assert found == body(wrong) and b"Second." in found


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def download_text(response, tmp_path) -> str:
    content_type = response.get("Content-Type", "")
    content = body(response)
    if content_type.startswith("application/pdf"):
        try:
            return pdftotext(content, tmp_path)
        except subprocess.CalledProcessError:  # the samples' stand-in bytes, not a real PDF
            return content.decode("latin-1")
    if content.startswith(b"PK"):  # a spreadsheet (or any zip): every part, as text
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return "".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    return content.decode("utf-8-sig", "replace")


# Only the Monitoring Officer's own complaint pages may show the details.
SHOWS_DETAILS = {"complaint-detail", "complaint-edit"}


@pytest.mark.parametrize("role", ["member", "officer", "monitoring"])
def test_no_page_or_download_carries_confidential_details(
    client,
    samples,  # noqa: F811 - the fixture imported above
    role_users,  # noqa: F811 - the fixture imported above
    role,
    tmp_path,
):
    """Every URL of the project, the exports, PDFs and papers among them, with a complaint
    in the paper's period: its public summary goes out, its confidential details never."""
    paper = samples["paper"]
    complaint = samples["complaint"]
    # One word each, so a PDF's line breaks cannot hide them from the search.
    public, secret = "Wombatgate", "Quokkaville"
    Complaint.objects.filter(pk=complaint.pk).update(
        public_summary=public,
        confidential_details=f"{SECRET} {secret}",
        received_on=dt.date(2023, 4, 1),
    )
    paper.period_start, paper.period_end = dt.date(2023, 3, 1), dt.date(2023, 5, 1)
    paper.save()
    client.force_login(role_users[role])
    carried = set()
    for name, (kwargs, _expected) in EXPECTED.items():
        response = client.get(reverse(name, kwargs=kwargs(samples) if kwargs else None))
        if response.status_code != 200:
            continue
        text = download_text(response, tmp_path)
        if public in text:
            carried.add(name)
        if role == "monitoring" and name in SHOWS_DETAILS:
            assert secret in text, name
        else:
            assert secret not in text, f"{role} {name}"
    # The doors that export complaints were really walked and carried the complaint.
    if role != "member":
        assert {"complaint-export", "complaint-list"} <= carried
    if role != "monitoring":
        assert {"paper-pdf", "paper-detail"} <= carried

"""No lost update in the registers: letters, complaints, disclosures and committee reports.
Any change, from the officers' pages or the admin, raises the record's version; a form
opened before it is refused with what the other person changed, and nothing is written; a
save that changes nothing keeps the version."""

import datetime as dt

import pytest
from django.test import Client

from actiontracker import roles
from correspondence.models import (
    CommitteeReport,
    Complaint,
    Correspondence,
    Recommendation,
    TransparencyDisclosure,
)
from tests.actions.test_write_path import admin_form_data
from tests.factories import (
    CommitteeFactory,
    ComplaintFactory,
    CorrespondenceFactory,
    DisclosureFactory,
    OrganisationFactory,
    UserFactory,
)

CONFLICT = "while you were editing it"


def make_report():
    report = CommitteeReport.objects.create(
        committee=CommitteeFactory(),
        title="Policing the night-time economy",
        agreed_on=dt.date(2023, 2, 1),
        addressed_to=OrganisationFactory(),
        responder="the Deputy Mayor",
    )
    Recommendation.objects.create(report=report, number=1, text="Publish the figures.")
    return report


# model, how to make one, app edit URL, admin URL part, a text field to change
RECORDS = [
    (
        Correspondence,
        CorrespondenceFactory,
        "/correspondence/{}/edit/",
        "correspondence",
        "subject",
    ),
    (Complaint, ComplaintFactory, "/complaints/{}/edit/", "complaint", "concerning"),
    (
        TransparencyDisclosure,
        DisclosureFactory,
        "/disclosures/{}/edit/",
        "transparencydisclosure",
        "with_whom",
    ),
    (CommitteeReport, make_report, "/reports/{}/edit/", "committeereport", "title"),
]
IDS = ["letter", "complaint", "disclosure", "report"]


def page_form_data(page) -> dict:
    """What the browser posts back from an app edit page, unchanged: the form's fields and,
    for a report, its recommendations' formset."""
    forms_ = [page.context["form"]]
    formset = page.context.get("formset")
    if formset is not None:
        forms_ += [formset.management_form, *formset.forms]
    data = {}
    for form in forms_:
        for bound in form:
            value = bound.value()
            if value is None or value is False:
                continue
            if value is True:
                value = "on"
            if isinstance(value, list | tuple):
                data[bound.html_name] = [str(getattr(v, "pk", v)) for v in value]
            else:
                data[bound.html_name] = str(value)
    return data


@pytest.fixture
def admin_client():
    """A second officer, working in the admin."""
    client = Client()
    client.force_login(UserFactory(username="admin-officer", role=roles.OFFICERS))
    return client


def admin_url(name, record):
    return f"/admin/correspondence/{name}/{record.pk}/change/"


@pytest.mark.parametrize(("model", "make", "edit", "admin_name", "field"), RECORDS, ids=IDS)
def test_an_admin_change_refuses_the_stale_app_form_with_the_diff(
    officer_client, admin_client, model, make, edit, admin_name, field
):
    record = make()
    url = edit.format(record.pk)
    opened = officer_client.get(url)
    assert 'name="version" value="1"' in opened.content.decode()
    stale = page_form_data(opened)

    data = admin_form_data(admin_client.get(admin_url(admin_name, record)))
    data[field] = "Changed in the admin"
    response = admin_client.post(admin_url(admin_name, record), data)
    assert response.status_code == 302, response.content.decode()[:3000]
    record.refresh_from_db()
    assert (getattr(record, field), record.version) == ("Changed in the admin", 2)

    stale[field] = "Changed in my form"
    refused = officer_client.post(url, stale)
    assert refused.status_code == 409
    page = refused.content.decode()
    assert CONFLICT in page and "Changed in the admin" in page
    assert "not saved" in page
    record.refresh_from_db()
    assert (getattr(record, field), record.version) == ("Changed in the admin", 2)


@pytest.mark.parametrize(("model", "make", "edit", "admin_name", "field"), RECORDS, ids=IDS)
def test_an_app_edit_refuses_the_stale_admin_form(
    officer_client, admin_client, model, make, edit, admin_name, field
):
    record = make()
    stale = admin_form_data(admin_client.get(admin_url(admin_name, record)))

    url = edit.format(record.pk)
    data = page_form_data(officer_client.get(url))
    data[field] = "Changed in the app"
    assert officer_client.post(url, data).status_code == 302

    stale[field] = "Changed in the admin"
    response = admin_client.post(admin_url(admin_name, record), stale)
    assert response.status_code == 200
    page = response.content.decode()
    assert CONFLICT in page and "Changed in the app" in page
    record.refresh_from_db()
    assert (getattr(record, field), record.version) == ("Changed in the app", 2)


@pytest.mark.parametrize(("model", "make", "edit", "admin_name", "field"), RECORDS, ids=IDS)
def test_of_two_app_forms_opened_together_the_second_save_is_refused(
    officer_client, model, make, edit, admin_name, field
):
    record = make()
    url = edit.format(record.pk)
    first = page_form_data(officer_client.get(url))
    second = page_form_data(officer_client.get(url))

    first[field] = "First save"
    assert officer_client.post(url, first).status_code == 302
    second[field] = "Second save"
    refused = officer_client.post(url, second)
    assert refused.status_code == 409
    page = refused.content.decode()
    assert CONFLICT in page and "First save" in page
    record.refresh_from_db()
    assert (getattr(record, field), record.version) == ("First save", 2)

    # The refused page carries the current version: saving it again is deliberate.
    assert officer_client.post(url, page_form_data(refused)).status_code == 302
    record.refresh_from_db()
    assert (getattr(record, field), record.version) == ("Second save", 3)


@pytest.mark.parametrize(("model", "make", "edit", "admin_name", "field"), RECORDS, ids=IDS)
def test_a_save_that_changes_nothing_keeps_the_version(
    officer_client, admin_client, model, make, edit, admin_name, field
):
    record = make()
    url = edit.format(record.pk)
    assert officer_client.post(url, page_form_data(officer_client.get(url))).status_code == 302
    data = admin_form_data(admin_client.get(admin_url(admin_name, record)))
    assert admin_client.post(admin_url(admin_name, record), data).status_code == 302
    record.refresh_from_db()
    assert record.version == 1


def test_a_changed_recommendation_raises_the_reports_version(officer_client):
    report = make_report()
    url = f"/reports/{report.pk}/edit/"
    data = page_form_data(officer_client.get(url))
    data["recommendations-0-response"] = "Accepted in full."
    assert officer_client.post(url, data).status_code == 302
    report.refresh_from_db()
    assert report.version == 2


@pytest.fixture
def monitoring_client(monitoring_officer):
    client = Client()
    client.force_login(monitoring_officer)
    return client


def test_the_monitoring_officers_stale_confidential_edit_is_refused_with_the_change(
    monitoring_client,
):
    complaint = ComplaintFactory()
    url = f"/complaints/{complaint.pk}/edit/"
    first = page_form_data(monitoring_client.get(url))
    second = page_form_data(monitoring_client.get(url))
    assert "confidential_details" in first

    first["confidential_details"] = "The complainant asked for a call back."
    assert monitoring_client.post(url, first).status_code == 302
    second["public_summary"] = "A complaint was received and recorded."
    refused = monitoring_client.post(url, second)
    assert refused.status_code == 409
    # The field history leaves out is shown from the stored record, to the one who may see it.
    assert "The complainant asked for a call back." in refused.content.decode()
    complaint.refresh_from_db()
    assert complaint.public_summary == "A complaint was received and not recorded."
    assert complaint.version == 2


def test_an_officers_stale_complaint_form_does_not_show_confidential_changes(
    officer_client, monitoring_client
):
    complaint = ComplaintFactory()
    url = f"/complaints/{complaint.pk}/edit/"
    stale = page_form_data(officer_client.get(url))
    assert "confidential_details" not in stale
    mine = page_form_data(monitoring_client.get(url))
    mine["confidential_details"] = "A secret the officer must not read."
    assert monitoring_client.post(url, mine).status_code == 302

    refused = officer_client.post(url, stale)
    assert refused.status_code == 409
    assert "A secret the officer must not read." not in refused.content.decode()
    complaint.refresh_from_db()
    assert complaint.confidential_details == "A secret the officer must not read."


def test_deleting_a_letter_in_the_admin_raises_its_version(officer_client, admin_client):
    letter = CorrespondenceFactory()
    url = f"/correspondence/{letter.pk}/edit/"
    stale = page_form_data(officer_client.get(url))
    delete = f"/admin/correspondence/correspondence/{letter.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 302
    letter.refresh_from_db()
    assert letter.deleted_at is not None and letter.version == 2
    admin_client.post(
        "/admin/correspondence/correspondence/",
        {"action": "restore_selected", "_selected_action": [letter.pk]},
    )
    letter.refresh_from_db()
    assert letter.deleted_at is None and letter.version == 3
    refused = officer_client.post(url, stale)
    assert refused.status_code == 409
    letter.refresh_from_db()
    assert letter.version == 3

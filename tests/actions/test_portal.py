"""The response portal from the respondent's side: their organisation's open actions and
letters awaiting reply, answering and proposing dates through a signed link; and what
the link refuses: another organisation's action, expired, revoked or tampered links,
made-up references, forms without CSRF, bad PDFs, too many requests, tokens in logs."""

import datetime as dt

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from actions.models import Action
from actions.portal import portal_links_revoke, respond_token
from actions.portal_models import PortalAnswer, PortalVisit
from correspondence.models import Correspondence
from meetings.models import Contact, Meeting
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    CorrespondenceFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
)
from tests.pdf_helpers import make_pdf

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


def organisation(name, short):
    organisation = OrganisationFactory(name=name, short_name=short)
    Contact.objects.create(
        organisation=organisation, name=f"{short} contact", email=f"{short.lower()}@example.org"
    )
    return organisation


def action_for(organisation, intro, **fields):
    committee = CommitteeFactory(name="Police and Crime Committee")
    meeting = Meeting.objects.filter(committee=committee).first() or MeetingFactory(
        committee=committee, date=dt.date(2026, 9, 3)
    )
    item = AgendaItemFactory(meeting=meeting)
    person = ResponsiblePersonFactory(organisation=organisation)
    return ActionFactory(agenda_item=item, responsible_person=person, intro=intro, **fields)


@pytest.fixture
def mopac():
    return organisation("Mayor's Office for Policing and Crime", "MOPAC")


@pytest.fixture
def mps():
    return organisation("Metropolitan Police Service", "MPS")


@pytest.fixture
def budget(mopac):
    return action_for(mopac, "Send the budget figures.")


@pytest.fixture
def stop_search(mps):
    return action_for(mps, "Send the stop and search figures.")


def page_path(contact):
    return reverse("respond", args=[respond_token(contact)])


def ref_of(client, contact, action):
    """The action's reference, as the respondent finds it: from the link on their page."""
    token = respond_token(contact)
    page = client.get(reverse("respond", args=[token])).content.decode()
    marker = f"/respond/{token}/actions/"
    for chunk in page.split(marker)[1:]:
        ref = chunk.split("/")[0]
        if action_for_ref_matches(contact, ref, action):
            return ref
    raise AssertionError("no link to the action on the page")


def action_for_ref_matches(contact, ref, action):
    from actions.portal import action_for_ref, portal_scope

    found = action_for_ref(portal_scope(respond_token(contact)), ref)
    return found is not None and found.pk == action.pk


def answer_url(contact, ref, kind="answer"):
    name = "respond-answer" if kind == "answer" else "respond-new-date"
    return reverse(name, args=[respond_token(contact), ref])


def test_the_page_lists_only_the_organisations_open_actions_and_letters(
    client, mopac, budget, stop_search
):
    action_for(mopac, "A completed action.", status=Action.Status.COMPLETED)
    CorrespondenceFactory(
        committee=budget.committee,
        direction=Correspondence.Direction.SENT,
        organisation=mopac,
        subject="Letter about the budget",
        reply_due=dt.date(2026, 12, 1),
    )
    CorrespondenceFactory(
        committee=budget.committee,
        direction=Correspondence.Direction.SENT,
        organisation=stop_search.responsible_person.organisation,
        subject="Letter to the police",
        reply_due=dt.date(2026, 12, 1),
    )
    response = client.get(page_path(mopac.contact))
    page = response.content.decode()
    assert response.status_code == 200
    assert "Send the budget figures." in page
    assert "Letter about the budget" in page and "1 December 2026" in page
    assert "stop and search" not in page and "Letter to the police" not in page
    assert "A completed action." not in page
    assert response["Cache-Control"] == "private, no-store"
    # No id of any record in the action links.
    assert f"/actions/{budget.pk}/" not in page
    assert PortalVisit.objects.filter(contact=mopac.contact, page="list").count() == 1


def test_the_respondent_answers_with_a_pdf_and_it_waits_for_review(client, mopac, budget):
    ref = ref_of(client, mopac.contact, budget)
    form = client.get(answer_url(mopac.contact, ref))
    assert form.status_code == 200 and "Send the budget figures." in form.content.decode()
    response = client.post(
        answer_url(mopac.contact, ref),
        {
            "text": "The figures are attached.",
            "file": SimpleUploadedFile("figures.pdf", make_pdf(), "application/pdf"),
        },
        follow=True,
    )
    assert "Your answer was sent" in response.content.decode()
    assert "waiting for review" in response.content.decode()
    answer = PortalAnswer.objects.get()
    assert (answer.action, answer.organisation, answer.contact) == (budget, mopac, mopac.contact)
    assert answer.state == PortalAnswer.State.WAITING and answer.file.read(5) == b"%PDF-"
    assert answer.history.count() == 1
    budget.refresh_from_db()
    assert budget.status_note == ""  # nothing changes before an officer accepts
    pages = set(PortalVisit.objects.values_list("page", flat=True))
    assert {"list", "answer", "answered"} <= pages


def test_the_respondent_proposes_a_new_date_with_a_reason(client, mopac, budget):
    ref = ref_of(client, mopac.contact, budget)
    url = answer_url(mopac.contact, ref, "new-date")
    missing = client.post(url, {"proposed_date": "2030-03-31", "reason": ""})
    assert missing.status_code == 400
    assert "Enter why the action needs a new date" in missing.content.decode()
    client.post(url, {"proposed_date": "2030-03-31", "reason": "Waiting for the audit."})
    answer = PortalAnswer.objects.get()
    assert answer.kind == PortalAnswer.Kind.NEW_DATE
    assert answer.proposed_date == dt.date(2030, 3, 31)
    assert answer.reason == "Waiting for the audit."


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"not a pdf at all", "must be a PDF file"),
        (b"%PDF-1.7 broken", "could not be read as a PDF"),
        (make_pdf(password="secret"), "password-protected"),
    ],
)
def test_an_upload_is_checked_as_a_letter_is(client, mopac, budget, content, message):
    ref = ref_of(client, mopac.contact, budget)
    response = client.post(
        answer_url(mopac.contact, ref),
        {"text": "See attached.", "file": SimpleUploadedFile("a.pdf", content)},
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not PortalAnswer.objects.exists()


def test_a_too_large_upload_is_refused(client, settings, mopac, budget):
    settings.CORRESPONDENCE_MAX_UPLOAD_BYTES = 100
    ref = ref_of(client, mopac.contact, budget)
    response = client.post(
        answer_url(mopac.contact, ref),
        {"text": "See attached.", "file": SimpleUploadedFile("a.pdf", make_pdf())},
    )
    assert response.status_code == 400 and "must be smaller than" in response.content.decode()
    assert not PortalAnswer.objects.exists()


def test_another_organisations_action_is_refused(client, mopac, mps, budget, stop_search):
    police_ref = ref_of(client, mps.contact, stop_search)
    # The police's reference on MOPAC's link, and MOPAC's own reference on the police's.
    for contact, ref in [(mopac.contact, police_ref)]:
        for kind in ("answer", "new-date"):
            response = client.get(answer_url(contact, ref, kind))
            assert response.status_code == 404
            assert "stop and search" not in response.content.decode()
    posted = client.post(answer_url(mopac.contact, police_ref), {"text": "Done."})
    assert posted.status_code == 404 and not PortalAnswer.objects.exists()


def test_actions_cannot_be_enumerated_by_id(client, mopac, budget, stop_search):
    for guess in [str(budget.pk), str(stop_search.pk), "1", "0" * 24, "a" * 24]:
        response = client.post(answer_url(mopac.contact, guess), {"text": "Done."})
        assert response.status_code == 404
    assert not PortalAnswer.objects.exists()


def test_a_finished_action_cannot_be_answered_any_more(client, mopac, budget):
    ref = ref_of(client, mopac.contact, budget)
    Action.objects.filter(pk=budget.pk).update(status=Action.Status.COMPLETED)
    assert client.post(answer_url(mopac.contact, ref), {"text": "Done."}).status_code == 404


def bad_link_pages(client, token, ref="x" * 24):
    return [
        client.get(reverse("respond", args=[token])),
        client.get(reverse("respond-answer", args=[token, ref])),
        client.post(reverse("respond-answer", args=[token, ref]), {"text": "Done."}),
    ]


def assert_refused(responses):
    for response in responses:
        page = response.content.decode()
        assert response.status_code == 404
        assert "This link does not work" in page
        assert "budget" not in page.lower() and "MOPAC" not in page
    assert not PortalAnswer.objects.exists()


def test_a_tampered_link_gets_a_clear_page_and_no_data(client, mopac, budget):
    token = respond_token(mopac.contact)
    ref = ref_of(client, mopac.contact, budget)
    tampered = token[:-3] + ("AAA" if token[-3:] != "AAA" else "BBB")
    assert_refused(bad_link_pages(client, tampered, ref))
    # A link naming another contact with the first link's signature.
    other = OrganisationFactory(name="Other", short_name="OTH")
    Contact.objects.create(organisation=other, name="X", email="x@example.org")
    payload, rest = token.split(":", 1)
    forged = respond_token(other.contact).split(":", 1)[0] + ":" + rest
    assert_refused(bad_link_pages(client, forged, ref))


def test_an_expired_link_gets_a_clear_page_and_no_data(client, settings, mopac, budget):
    token = respond_token(mopac.contact)
    ref = ref_of(client, mopac.contact, budget)
    settings.RESPOND_LINK_MAX_AGE = dt.timedelta(seconds=-1)
    assert_refused(bad_link_pages(client, token, ref))


def test_a_revoked_link_gets_a_clear_page_and_a_new_link_works(client, officer, mopac, budget):
    token = respond_token(mopac.contact)
    ref = ref_of(client, mopac.contact, budget)
    portal_links_revoke(contact=mopac.contact, by=officer)
    assert_refused(bad_link_pages(client, token, ref))
    fresh = respond_token(mopac.contact)
    assert fresh != token
    assert client.get(reverse("respond", args=[fresh])).status_code == 200
    # The old reference means nothing on the new link either.
    assert client.get(reverse("respond-answer", args=[fresh, ref])).status_code == 404


def test_officers_revoke_a_contacts_links_from_the_portal_links_page(officer_client, mopac, budget):
    token = respond_token(mopac.contact)
    Client().get(reverse("respond", args=[token]))
    page = officer_client.get(reverse("portal-links")).content.decode()
    assert "MOPAC contact" in page and "1, last" in page
    response = officer_client.post(
        reverse("portal-links"), {"contact": mopac.contact.pk}, follow=True
    )
    assert "has stopped working" in response.content.decode()
    assert Client().get(reverse("respond", args=[token])).status_code == 404


def test_every_portal_form_needs_its_csrf_token(mopac, budget):
    client = Client(enforce_csrf_checks=True)
    ref = ref_of(client, mopac.contact, budget)
    for kind, data in [
        ("answer", {"text": "Done."}),
        ("new-date", {"proposed_date": "2030-01-01", "reason": "Later."}),
    ]:
        assert client.post(answer_url(mopac.contact, ref, kind), data).status_code == 403
    assert not PortalAnswer.objects.exists()
    form = client.get(answer_url(mopac.contact, ref)).content.decode()
    assert 'name="csrfmiddlewaretoken"' in form


def test_revoking_a_contact_that_is_not_there_finds_nothing(officer_client, mopac):
    for contact in ["", "abc", "999999"]:
        response = officer_client.post(reverse("portal-links"), {"contact": contact})
        assert response.status_code == 404


def test_a_new_date_must_be_a_real_date_today_or_later(client, mopac, budget):
    ref = ref_of(client, mopac.contact, budget)
    url = answer_url(mopac.contact, ref, "new-date")
    parts = {"proposed_date-day": "31", "proposed_date-month": "13", "proposed_date-year": "2030"}
    wrong = client.post(url, {**parts, "reason": "Audit."})
    assert wrong.status_code == 400 and "New date" in wrong.content.decode()
    past = client.post(url, {"proposed_date": "2020-01-01", "reason": "Audit."})
    assert past.status_code == 400
    assert "The new date must be today or in the future" in past.content.decode()
    assert not PortalAnswer.objects.exists()
    typed = {"proposed_date-day": "31", "proposed_date-month": "3", "proposed_date-year": "2030"}
    client.post(url, {**typed, "reason": "Audit."})
    assert PortalAnswer.objects.get().proposed_date == dt.date(2030, 3, 31)


def test_the_portal_page_reads_a_fixed_number_of_queries(
    client, mopac, budget, django_assert_max_num_queries
):
    token = respond_token(mopac.contact)
    path = reverse("respond", args=[token])
    with django_assert_max_num_queries(12) as few:
        assert client.get(path).status_code == 200
    for n in range(10):
        action_for(mopac, f"Another action {n}.")
        CorrespondenceFactory(
            committee=budget.committee,
            direction=Correspondence.Direction.SENT,
            organisation=mopac,
            reply_due=dt.date(2026, 12, 1),
        )
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(path).content.decode()
    assert page.count("Propose a new date<span") == 11

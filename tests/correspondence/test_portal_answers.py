"""Answers to review: officers accept or reject what organisations sent through the
response portal. Accepting writes the action through its services (status note,
completion, due date), optionally records a letter received that answers it, and is
refused with what changed when the action changed since the page was opened."""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from actions.models import Action
from actions.portal import portal_scope, respond_token
from actions.portal_models import PortalAnswer
from actions.portal_services import portal_answer_submit, portal_date_propose
from actions.services import action_update
from correspondence.models import Correspondence
from meetings.models import Contact
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
    UserFactory,
)
from tests.pdf_helpers import make_pdf

pytestmark = pytest.mark.django_db


def organisation_action(n=0, intro="Send the budget figures."):
    organisation = OrganisationFactory(name=f"Organisation {n}", short_name=f"ORG{n}")
    contact = Contact.objects.create(
        organisation=organisation, name=f"Contact {n}", email=f"c{n}@example.org"
    )
    committee = CommitteeFactory(name="Police and Crime Committee")
    meeting = MeetingFactory(committee=committee, date=dt.date(2026, 9, 1) + dt.timedelta(n))
    action = ActionFactory(
        agenda_item=AgendaItemFactory(meeting=meeting),
        responsible_person=ResponsiblePersonFactory(organisation=organisation),
        intro=intro,
    )
    return portal_scope(respond_token(contact)), action


def answer(n=0, text="The figures were published in October.", file=None):
    scope, action = organisation_action(n)
    return portal_answer_submit(scope=scope, action=action, text=text, file=file)


def accept(client, answer, **data):
    data.setdefault("version", answer.action.version)
    return client.post(reverse("portal-answer-accept", args=[answer.pk]), data)


def test_the_queue_lists_waiting_answers_with_flat_queries(
    officer_client, django_assert_max_num_queries
):
    first = answer(0, file=ContentFile(make_pdf(), name="a.pdf"))
    scope, action = organisation_action(1)
    portal_date_propose(
        scope=scope, action=action, proposed_date=dt.date(2030, 1, 31), reason="An audit."
    )
    page = officer_client.get(reverse("portal-answers")).content.decode()
    assert "The figures were published in October." in page
    assert "31 January 2030" in page and "An audit." in page
    assert reverse("portal-answer-file", args=[first.pk]) in page
    pdf = officer_client.get(reverse("portal-answer-file", args=[first.pk]))
    assert b"".join(pdf.streaming_content).startswith(b"%PDF-")
    with django_assert_max_num_queries(12) as few:
        officer_client.get(reverse("portal-answers"))
    for n in range(2, 12):
        answer(n)
    with django_assert_max_num_queries(len(few.captured_queries)):
        officer_client.get(reverse("portal-answers"))


def test_members_cannot_review_answers(member_client):
    given = answer()
    assert member_client.get(reverse("portal-answers")).status_code == 403
    assert accept(member_client, given, status_note="x").status_code == 403
    given.refresh_from_db()
    assert given.state == PortalAnswer.State.WAITING


def test_accepting_an_answer_writes_the_status_note_and_keeps_history(officer_client, officer):
    given = answer()
    response = accept(officer_client, given, status_note="Published in October (see website).")
    assert response.status_code == 302
    action = Action.objects.get(pk=given.action.pk)
    assert action.status_note == "Published in October (see website)."
    assert action.status == Action.Status.ONGOING
    assert action.history.first().history_user == officer
    given.refresh_from_db()
    assert given.state == PortalAnswer.State.ACCEPTED and given.reviewed_by == officer
    assert given.history.count() == 2
    queue = officer_client.get(reverse("portal-answers")).content.decode()
    assert "No answers are waiting" in queue


def test_accepting_can_complete_the_action_and_record_a_letter_received(officer_client):
    given = answer(file=ContentFile(make_pdf(), name="reply.pdf"))
    accept(officer_client, given, status_note="Answered.", complete="on", register_letter="on")
    action = Action.objects.get(pk=given.action.pk)
    assert action.status == Action.Status.COMPLETED and action.status_note == "Answered."
    letter = Correspondence.objects.get()
    assert letter.direction == Correspondence.Direction.RECEIVED
    assert letter.organisation == given.organisation
    assert list(letter.answers.all()) == [action]
    assert letter.summary == given.text and letter.file.read(5) == b"%PDF-"
    assert letter.sender == "Contact 0, Organisation 0"


def test_accepting_a_new_date_changes_the_due_date_and_timing(officer_client):
    scope, action = organisation_action()
    proposed = portal_date_propose(
        scope=scope, action=action, proposed_date=dt.date(2030, 3, 31), reason="Audit."
    )
    accept(officer_client, proposed)
    action.refresh_from_db()
    assert action.due_date == dt.date(2030, 3, 31) and action.timing == "31 March 2030"


def test_a_stale_acceptance_is_refused_and_names_the_change(officer_client, officer):
    given = answer()
    version = given.action.version
    other = UserFactory(username="other-officer")
    action_update(action=given.action, expected_version=version, status_note="Chased again.")
    Action.history.filter(id=given.action.pk).update(history_user=other)
    response = accept(officer_client, given, status_note="Answered.", version=version)
    page = response.content.decode()
    assert response.status_code == 409
    assert "not accepted" in page and "other-officer" in page and "Chased again." in page
    action = Action.objects.get(pk=given.action.pk)
    assert action.status_note == "Chased again."
    given.refresh_from_db()
    assert given.state == PortalAnswer.State.WAITING
    # Nor is a letter recorded when the acceptance is refused.
    accept(officer_client, given, status_note="x", version=version, register_letter="on")
    assert not Correspondence.all_objects.exists()


def test_an_answer_reviewed_by_another_officer_is_not_reviewed_twice(officer_client):
    given = answer()
    assert accept(officer_client, given, status_note="Answered.").status_code == 302
    again = accept(officer_client, given, status_note="Something else.")
    assert again.status_code == 409 and "reviewed already" in again.content.decode()
    assert Action.objects.get(pk=given.action.pk).status_note == "Answered."
    rejected = officer_client.post(reverse("portal-answer-reject", args=[given.pk]))
    assert rejected.status_code == 409


def test_rejecting_leaves_the_action_as_it_was(officer_client):
    given = answer()
    officer_client.post(
        reverse("portal-answer-reject", args=[given.pk]), {"note": "Not an answer."}
    )
    given.refresh_from_db()
    assert given.state == PortalAnswer.State.REJECTED and given.review_note == "Not an answer."
    assert Action.objects.get(pk=given.action.pk).status_note == ""


def test_the_action_page_shows_its_portal_answers_and_their_review(officer_client):
    given = answer(text="Published <b>today</b>.")
    accept(officer_client, given, status_note="Published.")
    page = officer_client.get(reverse("action-detail", args=[given.action.pk])).content.decode()
    assert "Answers through the response portal" in page
    assert "Published &lt;b&gt;today&lt;/b&gt;." in page and "Accepted by" in page

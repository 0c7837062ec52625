"""The world of the escaping tests: the text fields, their payloads and the records
holding them.

Markup typed into any user text field comes out as text in every page, export and PDF.

Every free-text field of the domain models is found from the models' ``_meta`` (so a new
field is covered without touching this file) and filled with its own payload: a script, an
image fetching from a local trap server, quotes and an ampersand. Each output that shows the
field must show the payload as text and never run it or fetch it.
"""

import datetime as dt
import re

from django.apps import apps
from django.db import models
from django.utils import timezone

from actions.account import calendar_token_renew
from actions.chase_models import ChaseMessage
from actions.models import Action, FollowUp, ResponsiblePerson
from actions.people_models import PersonContact, UserSettings
from actions.portal import portal_scope, respond_token
from actions.portal_services import (
    portal_answer_reject,
    portal_answer_submit,
    portal_date_propose,
)
from actiontracker import roles
from correspondence.chaser_letters import chaser_letter_for_organisation
from correspondence.chaser_models import ChaseRun
from correspondence.models import (
    CommitteeReport,
    Complaint,
    Correspondence,
    Recommendation,
    TransparencyDisclosure,
)
from meetings.models import (
    AgendaItem,
    Committee,
    Contact,
    ContactOfficer,
    Meeting,
    Organisation,
)
from papers.import_models import ImportRecord
from papers.models import Paper, PaperCorrespondence, RenderJob
from papers.selectors import paper_period
from papers.services import paper_create, paper_publish
from tests.factories import UserFactory

DOMAIN_APPS = ("meetings", "actions", "correspondence", "papers")

# Text fields that are not free user text, and why they need no payload.
NOT_USER_TEXT = {
    "meetings.Committee.slug": "derived from the name by slugify: letters, digits, hyphens",
    "meetings.ContactOfficer.email": "validated as an e-mail address: cannot hold markup",
    "actions.ResponsiblePerson.email": "validated as an e-mail address: cannot hold markup",
    "papers.Paper.imported_from": "the importer's record of the source file name",
    "actions.ChaseMessage.notify_notifications": "GOV.UK Notify's notification ids",
    "actions.UserSettings.calendar_token": "a random token the app makes (secrets.token_urlsafe)",
    "correspondence.ChaseRun.summary": "the chase schedule's own words and counts",
    "correspondence.HolidayFingerprint.key": "the app's name for the fingerprint",
    "correspondence.HolidayFingerprint.fingerprint": "a hash of the bank-holiday data",
    "papers.ImportRecord.committee_slug": "a committee's slug, chosen from the committees",
    "papers.ImportRecord.counts": "JSON of numbers the importer writes",
    "papers.ImportRecord.file_type": "the type the importer found from the file's content",
    "papers.ImportRecord.kind": "the importer's word for what the file was read as",
    "papers.ImportRecord.plan_digest": "a SHA-256 digest of the plan",
    "papers.ImportRecord.sha256": "a SHA-256 digest of the file",
}
# User text fields that no page shows (so no page can fail to escape them), and why.
NOT_SHOWN = {
    # A chase e-mail as sent: its HTML part escapes user text (test_mail.py).
    "actions.ChaseMessage.subject": "kept as sent; e-mailed, not shown on a page",
    "actions.ChaseMessage.body": "kept as sent; e-mailed, not shown on a page",
    "actions.ChaseMessage.cc": "kept as sent; e-mailed, not shown on a page",
    "actions.ChaseMessage.link": "kept as sent; e-mailed, not shown on a page",
}


def text_fields() -> list[str]:
    """Every free-text field of the domain models as "app.Model.field"."""
    found = []
    for app in DOMAIN_APPS:
        for model in apps.get_app_config(app).get_models():
            if model.__name__.startswith("Historical"):
                continue  # django-simple-history copies of the real models
            for field in model._meta.get_fields():
                if not isinstance(field, models.CharField | models.TextField | models.JSONField):
                    continue
                if field.choices or not field.editable or isinstance(field, models.EmailField):
                    continue
                name = f"{model._meta.label}.{field.name}"
                if name not in NOT_USER_TEXT:
                    found.append(name)
    return sorted(found)


FIELDS = text_fields()
CODES = {name: f"XSS{i:02d}" for i, name in enumerate(FIELDS)}
CONFIDENTIAL = "correspondence.Complaint.confidential_details"
RAW_MARKUP = re.compile(r"<script>(alert|XSS)|<img src=http://127\.0\.0\.1|<i>XSS", re.I)


def payload(code: str, port: int, max_length: int | None = None) -> str:
    """The longest of three payloads that fits the field."""
    for text in (
        f'<script>alert("{code}")</script><img src=http://127.0.0.1:{port}/{code} '
        f"onerror=alert(1)>\"'&",
        f"<script>{code}</script>\"'&",
        f"<i>{code}</i>\"'&",
    ):
        if max_length is None or len(text) <= max_length:
            return text
    raise AssertionError(f"no payload fits {max_length} characters")


class World:
    """One of every record, each text field holding its own payload."""

    def __init__(self, port: int):
        self.port = port
        self.payloads: dict[str, str] = {}

    def text(self, name: str, suffix: str = "") -> str:
        app_model, field_name = name.rsplit(".", 1)
        field = apps.get_model(app_model)._meta.get_field(field_name)
        value = payload(CODES[name] + suffix, self.port, field.max_length)
        self.payloads[CODES[name] + suffix] = value
        return value

    def fill(self, instance, **fixed):
        """Set every listed text field of ``instance`` to its payload, then ``fixed``."""
        label = instance._meta.label
        for name in FIELDS:
            app_model, field_name = name.rsplit(".", 1)
            if app_model != label:
                continue
            field = instance._meta.get_field(field_name)
            value = self.text(name, fixed.pop("_suffix", ""))
            setattr(instance, field_name, [value] if isinstance(field, models.JSONField) else value)
        for key, value in fixed.items():
            setattr(instance, key, value)
        instance.save()
        return instance


def build_world(port: int) -> dict:
    w = World(port)
    committee = w.fill(Committee(slug="committee"))
    organisation = w.fill(Organisation())
    w.fill(Contact(organisation=organisation, email="contact@example.org"))
    w.fill(ContactOfficer(committee=committee, email="officer@example.org", position=1))
    earlier = w.fill(
        Meeting(committee=committee, date=dt.date(2023, 3, 22), kind=Meeting.Kind.BOARD)
    )
    item = w.fill(AgendaItem(meeting=earlier))
    person = w.fill(ResponsiblePerson(organisation=organisation))
    action = w.fill(
        Action(agenda_item=item, responsible_person=person, status=Action.Status.ONGOING)
    )
    action.lead_organisations.set([organisation])
    w.fill(FollowUp(action=action, date=dt.date(2023, 4, 3)))
    letter = w.fill(
        Correspondence(
            committee=committee,
            direction=Correspondence.Direction.RECEIVED,
            date=dt.date(2023, 4, 10),
            received_on=dt.date(2023, 4, 11),
            organisation=organisation,
        )
    )
    complaint = w.fill(Complaint(committee=committee, received_on=dt.date(2023, 4, 1)))
    disclosure = w.fill(
        TransparencyDisclosure(
            committee=committee, contact_date=dt.date(2023, 4, 1), disclosed_on=dt.date(2023, 4, 5)
        )
    )
    later = Meeting.objects.create(committee=committee, date=dt.date(2023, 5, 24))
    paper = paper_create(meeting=later)
    if not paper.letters.filter(correspondence=letter).exists():
        PaperCorrespondence.objects.create(paper=paper, correspondence=letter)
    # In section 4, with the officer's own wording of its paragraph.
    w.fill(paper.letters.get(correspondence=letter), in_additional_section=True)
    w.fill(paper)
    response_meeting = Meeting.objects.create(committee=committee, date=dt.date(2023, 6, 28))
    report = w.fill(
        CommitteeReport(
            committee=committee,
            agreed_on=dt.date(2023, 2, 1),
            addressed_to=organisation,
            response_letter=letter,
            response_meeting=response_meeting,
        )
    )
    w.fill(Recommendation(report=report, number=1))
    response = w.fill(
        Paper(meeting=response_meeting, kind=Paper.Kind.RESPONSE, committee_report=report),
        _suffix="R",
        report_of="",  # so the response paper falls back to the committee's
    )
    response.contact_officers.set(committee.contact_officers.all())
    # A background render's failure text can quote what it was rendering.
    render_job = w.fill(RenderJob(paper=paper, status=RenderJob.Status.FAILED, progress=100))
    # A failed chase's error text can quote the mail server.
    w.fill(ChaseMessage(organisation=organisation, status="failed", date=dt.date(2023, 6, 1)))
    added = build_added_records(w, committee, organisation, person, action, earlier_paper=paper)
    return added | {
        "world": w,
        "committee": committee,
        "meeting": earlier,
        "action": action,
        "letter": letter,
        "complaint": complaint,
        "disclosure": disclosure,
        "paper": paper,
        "report": report,
        "render_job": render_job,
    }


def build_added_records(w: World, committee, organisation, person, action, earlier_paper) -> dict:
    """The portal, chaser letters, a person's contact, an officer's settings, imports and
    the open record: each holding its payloads."""
    today = timezone.localdate()
    contact = organisation.contact
    # A bounce flag names the mail server's reason (refilled: the flag was not set before).
    w.fill(contact, bounced_address=contact.email, bounced_at=timezone.now())
    w.fill(PersonContact(person=person, email="person@example.org"))
    # The officer owns the action (My actions) and has a private calendar link.
    officer = UserFactory(username=roles.OFFICERS, role=roles.OFFICERS, email="o@example.org")
    action.owner, action.due_date = officer, today + dt.timedelta(days=30)
    action.save()
    settings = calendar_token_renew(user=officer)
    UserSettings.objects.filter(pk=settings.pk).update(notify_on_publish=True)
    # Through the portal as a contact would: an answer and two new dates waiting for
    # review, and one new date rejected with the officer's note.
    scope = portal_scope(respond_token(contact))
    answer = portal_answer_submit(
        scope=scope, action=action, text=w.text("actions.PortalAnswer.text")
    )
    proposed = [
        portal_date_propose(
            scope=scope,
            action=action,
            proposed_date=today + dt.timedelta(days=60),
            reason=w.text("actions.PortalAnswer.reason"),
        )
        for _ in range(2)
    ]
    portal_answer_reject(
        answer=proposed[1], by=officer, note=w.text("actions.PortalAnswer.review_note")
    )
    chaser = chaser_letter_for_organisation(
        organisation=organisation, committee=committee, date=today
    )
    ChaseRun.objects.create(date=today, summary="1 chase sent.")
    # An import previewed: the file's name, its actions' text, warnings and the text it
    # could not place are the file's own words (the plan's text is its payload).
    plan_text = w.text("papers.ImportRecord.plan")
    unplaced = [{"line": 3, "text": w.text("papers.ImportRecord.unplaced"), "where": plan_text}]
    imported = ImportRecord.objects.create(
        original_name=w.text("papers.ImportRecord.original_name"),
        file_type="docx",
        kind="summary paper",
        committee=committee,
        plan={
            "kind": "summary paper",
            "created": {"actions": 1},
            "updated": {},
            "meetings": [
                {
                    "date": "2023-03-22",
                    "committee": plan_text,
                    "actions": [
                        {
                            "outcome": "update",
                            "where": plan_text,
                            "text": plan_text,
                            "status": plan_text,
                            "changes": [["Status", plan_text, plan_text]],
                        }
                    ],
                }
            ],
            "lines": [plan_text],
            "warnings": [plan_text],
            "unplaced": unplaced,
        },
        plan_digest="0" * 64,
        unplaced=unplaced,
    )
    # One refused: its error quotes the file.
    error = w.text("papers.ImportRecord.error")
    refused = ImportRecord.objects.create(
        original_name=w.text("papers.ImportRecord.original_name"),
        state=ImportRecord.State.REFUSED,
        error=error,
        plan={"refusal": {"message": error, "line": 7}},
    )
    # A paper published, for the open record, its downloads and the API.
    committee.publishes_openly = True
    committee.save()
    to_publish = paper_create(meeting=Meeting.objects.create(committee=committee, date=today))
    to_publish.subject = w.text("papers.Paper.subject")
    # Its period follows on from the earlier draft paper's, as the period rules want, so
    # that draft's own dates stay valid and its edit form can still be saved as it is.
    to_publish.period_start = paper_period(earlier_paper)[1] + dt.timedelta(days=1)
    to_publish.save()
    published = paper_publish(paper=to_publish, by=officer)
    return {
        "officer": officer,
        "contact": contact,
        "token": respond_token(contact),
        "ref": scope.action_ref(action),
        "answer": answer,
        "chaser": chaser,
        "calendar_token": settings.calendar_token,
        "import": imported,
        "refused_import": refused,
        "published": published,
    }


def login(client, role):
    client.force_login(UserFactory(username=role, role=role))
    return client


def codes_in(text: str) -> set[str]:
    return set(re.findall(r"XSS\d\dR?", text))

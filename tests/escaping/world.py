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

from actions.chase_models import ChaseMessage
from actions.models import Action, FollowUp, ResponsiblePerson
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
from papers.models import Paper, PaperCorrespondence, RenderJob
from papers.services import paper_create
from tests.factories import UserFactory

DOMAIN_APPS = ("meetings", "actions", "correspondence", "papers")

# Text fields that are not free user text, and why they need no payload.
NOT_USER_TEXT = {
    "meetings.Committee.slug": "derived from the name by slugify: letters, digits, hyphens",
    "meetings.ContactOfficer.email": "validated as an e-mail address: cannot hold markup",
    "actions.ResponsiblePerson.email": "validated as an e-mail address: cannot hold markup",
    "papers.Paper.imported_from": "the importer's record of the source file name",
}
# User text fields that no page shows (so no page can fail to escape them), and why.
NOT_SHOWN = {
    # A chase e-mail as sent: its HTML part escapes user text (tests/actions/test_chasing.py).
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
    return {
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


def login(client, role):
    client.force_login(UserFactory(username=role, role=role))
    return client


def codes_in(text: str) -> set[str]:
    return set(re.findall(r"XSS\d\dR?", text))

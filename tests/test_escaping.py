"""Markup typed into any user text field comes out as text in every page, export and PDF.

Every free-text field of the domain models is found from the models' ``_meta`` (so a new
field is covered without touching this file) and filled with its own payload: a script, an
image fetching from a local trap server, quotes and an ampersand. Each output that shows the
field must show the payload as text and never run it or fetch it.
"""

import csv
import datetime as dt
import io
import re
import subprocess

import pytest
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.urls import reverse
from django.utils.html import escape
from openpyxl import load_workbook

from actions.models import Action, FollowUp, ResponsiblePerson
from actiontracker import roles
from correspondence.models import (
    CommitteeReport,
    Complaint,
    Correspondence,
    Recommendation,
    TransparencyDisclosure,
)
from meetings.models import AgendaItem, Committee, ContactOfficer, Meeting, Organisation
from papers.annex import annex_html
from papers.models import Paper, PaperCorrespondence, RenderJob
from papers.render import summary_html
from papers.response import response_html
from papers.services import paper_create
from tests.factories import UserFactory
from tests.http_trap import http_trap

pytestmark = pytest.mark.django_db

DOMAIN_APPS = ("meetings", "actions", "correspondence", "papers")

# Text fields that are not free user text, and why they need no payload.
NOT_USER_TEXT = {
    "meetings.Committee.slug": "derived from the name by slugify: letters, digits, hyphens",
    "meetings.ContactOfficer.email": "validated as an e-mail address: cannot hold markup",
    "actions.ResponsiblePerson.email": "validated as an e-mail address: cannot hold markup",
    "papers.Paper.imported_from": "the importer's record of the source file name",
}
# User text fields that no page shows (so no page can fail to escape them), and why.
NOT_SHOWN = {}


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


@pytest.fixture(scope="module")
def trap():
    with http_trap() as (port, hits):
        yield port, hits


@pytest.fixture
def world(trap):
    return build_world(trap[0])


def reading_pages(w) -> list[str]:
    """Pages every reader (member and officer) may open."""
    a, paper, report = w["action"].pk, w["paper"].pk, w["report"].pk
    return [
        reverse("action-list"),
        reverse("action-detail", args=[a]),
        reverse("paper-committees"),
        reverse("paper-list", args=[w["committee"].slug]),
        reverse("paper-detail", args=[paper]),
        reverse("registers"),
        reverse("correspondence-list"),
        reverse("correspondence-detail", args=[w["letter"].pk]),
        reverse("correspondence-overdue"),
        reverse("disclosure-list"),
        reverse("disclosure-detail", args=[w["disclosure"].pk]),
        reverse("report-list"),
        reverse("report-detail", args=[report]),
        reverse("report-response-paper", args=[report]),
        reverse("board-meeting-list"),
        reverse("board-annex", args=[w["meeting"].pk]),
        reverse("dashboard"),
        reverse("render-job", args=[w["render_job"].pk]),
    ]


def officer_pages(w) -> list[str]:
    """Pages only officers open: the edit forms and the complaints register."""
    a = w["action"].pk
    return [
        reverse("action-edit", args=[a]),
        reverse("action-status", args=[a]),
        reverse("action-follow-up"),
        reverse("meeting-create"),
        reverse("paper-edit", args=[w["paper"].pk]),
        reverse("correspondence-edit", args=[w["letter"].pk]),
        reverse("complaint-list"),
        reverse("complaint-detail", args=[w["complaint"].pk]),
        reverse("complaint-edit", args=[w["complaint"].pk]),
        reverse("disclosure-edit", args=[w["disclosure"].pk]),
        reverse("report-edit", args=[w["report"].pk]),
        reverse("report-response-texts", args=[w["report"].pk]),
    ]


def admin_pages() -> list[str]:
    """The admin's list, change and history pages of every domain model registered there."""
    urls = []
    for model in admin.site._registry:
        if model._meta.app_label not in DOMAIN_APPS:
            continue
        info = (model._meta.app_label, model._meta.model_name)
        urls.append(reverse("admin:{}_{}_changelist".format(*info)))
        first = model._base_manager.order_by("pk").first()
        if first is not None:
            urls.append(reverse("admin:{}_{}_change".format(*info), args=[first.pk]))
            urls.append(reverse("admin:{}_{}_history".format(*info), args=[first.pk]))
    return urls


def monitoring_pages(w) -> list[str]:
    c = w["complaint"].pk
    return [
        reverse("complaint-list"),
        reverse("complaint-detail", args=[c]),
        reverse("complaint-edit", args=[c]),
    ]


def login(client, role):
    client.force_login(UserFactory(username=role, role=role))
    return client


def fetch_pages(client, urls) -> dict[str, str]:
    pages = {}
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        pages[url] = response.content.decode()
    return pages


def codes_in(text: str) -> set[str]:
    return set(re.findall(r"XSS\d\dR?", text))


def test_every_user_text_field_is_listed():
    # The enumeration found the fields the application is known to have; a model without
    # any would mean the discovery broke.
    for name in (
        "meetings.Committee.name",
        "meetings.AgendaItem.number",
        "actions.Action.requested_items",
        "actions.FollowUp.note",
        "correspondence.Correspondence.cleared_by_chief_executive",
        CONFIDENTIAL,
        "correspondence.Recommendation.sub_points",
        "papers.Paper.background_papers",
    ):
        assert name in FIELDS
    for name in NOT_USER_TEXT:
        app_model, field = name.rsplit(".", 1)
        apps.get_model(app_model)._meta.get_field(field)  # still exists


def test_html_pages_show_every_payload_as_text(client, world):
    w = world["world"]
    pages = fetch_pages(login(client, roles.MEMBERS), reading_pages(world))
    client.logout()
    pages |= {
        f"officer {url}": html
        for url, html in fetch_pages(
            login(client, roles.OFFICERS),
            reading_pages(world) + officer_pages(world) + admin_pages(),
        ).items()
    }
    client.logout()
    monitoring = fetch_pages(login(client, roles.MONITORING), monitoring_pages(world))
    for url, html in (pages | {f"monitoring {u}": h for u, h in monitoring.items()}).items():
        raw = RAW_MARKUP.search(html)
        assert raw is None, f"{url} shows raw markup: {html[raw.start() - 80 : raw.end() + 80]}"
        assert "&amp;lt;" not in html, f"{url} escapes user text twice"
    # Confidential details appear only to the Monitoring Officer.
    secret = CODES[CONFIDENTIAL]
    for url, html in pages.items():
        assert secret not in html, f"{url} shows confidential complaint details"
    assert (
        escape(w.payloads[secret])
        in monitoring[reverse("complaint-detail", args=[world["complaint"].pk])]
    )
    # Each payload is shown in full, escaped, somewhere: a field no page shows must be listed.
    everything = "\n".join(pages.values()) + "\n".join(monitoring.values())
    missing = [
        f"{name} ({code})"
        for name, code in CODES.items()
        if name not in NOT_SHOWN and escape(w.payloads[code]) not in everything
    ]
    assert not missing, f"not shown escaped on any page: {missing}"


EXPORTS = {
    "action-export-csv": [
        "meetings.Committee.name",
        "meetings.AgendaItem.number",
        "meetings.AgendaItem.title",
        "actions.Action.number",
        "actions.ResponsiblePerson.name",
        "actions.Action.intro",
        "actions.Action.requested_items",
        "actions.Action.status_note",
        "actions.Action.timing",
    ],
    "correspondence-export": [
        "correspondence.Correspondence.sender",
        "correspondence.Correspondence.recipient",
        "correspondence.Correspondence.subject",
        "correspondence.Correspondence.reference",
    ],
    "complaint-export": [
        "correspondence.Complaint.concerning",
        "correspondence.Complaint.public_summary",
    ],
    "disclosure-export": [
        "correspondence.TransparencyDisclosure.member",
        "correspondence.TransparencyDisclosure.with_whom",
        "correspondence.TransparencyDisclosure.details",
    ],
    "report-export": ["correspondence.CommitteeReport.title"],
}


def csv_cells(content: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert len(rows) >= 2
    return [cell for row in rows for cell in row]


def xlsx_cells(content: bytes) -> list:
    sheet = load_workbook(io.BytesIO(content)).active
    return [cell for row in sheet.iter_rows() for cell in row]


def assert_literal(cells: list[str], w: World, expected: list[str], where: str):
    """Each payload found is there in full, as typed; each expected field is there."""
    found = set()
    for cell in cells:
        for code in codes_in(cell):
            assert w.payloads[code] in cell, f"{where}: {code} altered in {cell!r}"
            found.add(code)
    missing = [name for name in expected if CODES[name] not in found]
    assert not missing, f"{where} lacks {missing}"
    assert CODES[CONFIDENTIAL] not in found, f"{where} exports confidential details"


@pytest.mark.parametrize("role", [roles.OFFICERS, roles.MONITORING])
def test_csv_exports_hold_the_payloads_literally(client, world, role):
    login(client, role)
    for name, expected in EXPORTS.items():
        response = client.get(reverse(name))
        if role == roles.MONITORING and response.status_code == 403:
            continue  # the Monitoring Officer keeps only the complaints register
        assert response.status_code == 200, name
        assert_literal(csv_cells(response.content), world["world"], expected, name)


def test_xlsx_export_holds_the_payloads_as_string_cells(officer_client, world):
    response = officer_client.get(reverse("action-export-xlsx"))
    cells = xlsx_cells(response.content)
    for cell in cells:
        assert cell.data_type in ("s", "inlineStr", "n"), f"{cell.coordinate}: {cell.data_type}"
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert_literal(texts, world["world"], EXPORTS["action-export-csv"], "xlsx")


FORMULA = 'HYPERLINK("http://127.0.0.1/x","click")'


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r"])
def test_exported_cells_never_start_a_formula(officer_client, prefix):
    from tests.factories import (
        ActionFactory,
        CommitteeFactory,
        ComplaintFactory,
        CorrespondenceFactory,
        DisclosureFactory,
    )

    text = prefix + FORMULA
    committee = CommitteeFactory(name=text, slug="formula")
    ActionFactory(
        agenda_item__meeting__committee=committee, intro=text, status_note=text, timing=text
    )
    CorrespondenceFactory(committee=committee, subject=text, sender=text)
    ComplaintFactory(committee=committee, concerning=text, public_summary=text)
    DisclosureFactory(committee=committee, member=text, details=text)
    CommitteeReport.objects.create(
        committee=committee,
        title=text,
        responder=text,
        addressed_to=Organisation.objects.create(name=text, short_name=""),
    )
    for name in EXPORTS:
        cells = csv_cells(officer_client.get(reverse(name)).content)
        assert ("'" + text) in cells, name
        assert not [cell for cell in cells if cell.startswith(("=", "+", "-", "@", "\t", "\r"))]
    sheet = load_workbook(io.BytesIO(officer_client.get(reverse("action-export-xlsx")).content))
    cells = [c for row in sheet.active.iter_rows(min_row=2) for c in row if c.value]
    # The text as typed (a workbook keeps line breaks as line feeds).
    assert [c.value for c in cells if c.value == text.replace("\r", "\n")]
    for cell in cells:
        assert cell.data_type == "s"
        assert cell.quotePrefix == cell.value.startswith(("=", "+", "-", "@", "\t", "\r"))


def test_xlsx_export_survives_control_characters(officer_client):
    from tests.factories import ActionFactory

    # Word's manual line break (\x0b) pasted into a text box; a workbook may not hold it.
    ActionFactory(intro="Line one\x0bline two\x01", status_note="Note\x0c")
    response = officer_client.get(reverse("action-export-xlsx"))
    assert response.status_code == 200
    row = next(load_workbook(io.BytesIO(response.content)).active.iter_rows(min_row=2))
    assert row[7].value == "Line oneline two" and row[9].value == "Note"


def pdf_text(pdf: bytes, tmp_path) -> str:
    """The PDF's text in drawing order with all white space removed, so that a payload
    wrapped over lines or table cells still reads as one string."""
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    )
    return re.sub(r"\s+", "", result.stdout)


def blank_status_texts(paper: Paper) -> Paper:
    """Without its own status texts the paper words the complaints and Transparency
    Procedure rows from the registers' records."""
    paper.complaints_status_text = paper.transparency_status_text = ""
    paper.save()
    return paper


PDFS = {
    # name: (HTML the PDF is made from, the PDF download)
    "summary paper": (
        lambda w: summary_html(w["paper"].meeting),
        lambda w: reverse("paper-pdf", args=[w["paper"].pk]),
    ),
    "summary paper with the registers' rows": (
        lambda w: summary_html(blank_status_texts(w["paper"]).meeting),
        lambda w: reverse("paper-pdf", args=[w["paper"].pk]),
    ),
    "annex A": (
        lambda w: annex_html(w["meeting"]),
        lambda w: reverse("board-annex", args=[w["meeting"].pk]) + "?format=pdf",
    ),
    "response paper": (
        lambda w: response_html(w["report"].response_meeting),
        lambda w: reverse("report-response-paper", args=[w["report"].pk]) + "?format=pdf",
    ),
}


@pytest.mark.parametrize("name", PDFS)
def test_pdfs_print_the_payloads_and_fetch_nothing(officer_client, world, trap, tmp_path, name):
    w = world["world"]
    html_of, url_of = PDFS[name]
    html = html_of(world)
    assert RAW_MARKUP.search(html) is None
    shown = {code for code in codes_in(html) if escape(w.payloads[code]) in html}
    assert len(shown) >= 5, f"{name} shows too few user fields: {shown}"
    if "registers" in name:
        for field in (
            "correspondence.Complaint.public_summary",
            "correspondence.TransparencyDisclosure.member",
            "correspondence.TransparencyDisclosure.with_whom",
            "correspondence.TransparencyDisclosure.details",
        ):
            assert CODES[field] in shown, f"{name} lacks {field}"
    trap[1].clear()
    response = officer_client.get(url_of(world))
    assert response["Content-Type"] == "application/pdf"
    assert trap[1] == [], f"rendering {name} fetched {trap[1]}"
    text = pdf_text(response.content, tmp_path)
    missing = [code for code in shown if re.sub(r"\s+", "", w.payloads[code]) not in text]
    assert not missing, f"{name} PDF lacks the visible text of {missing}"
    assert CODES[CONFIDENTIAL] not in text

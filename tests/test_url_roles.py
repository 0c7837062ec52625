"""Every URL of the project, walked as every role.

A URL added without an entry in EXPECTED fails ``test_every_url_is_declared``: whoever adds
a view also says who may see it.
"""

import datetime as dt

import pytest
from django.core.files.base import ContentFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from actions.account import calendar_token_renew
from actions.chasing import respond_token
from actions.models import Action
from actiontracker import roles
from correspondence.chaser_letters import chaser_letter_propose
from correspondence.models import CommitteeReport, Correspondence
from meetings.models import Contact
from papers.import_models import ImportRecord
from papers.models import Paper, RenderJob
from tests.factories import (
    ActionFactory,
    CommitteeFactory,
    ComplaintFactory,
    CorrespondenceFactory,
    DisclosureFactory,
    MeetingFactory,
    OrganisationFactory,
    UserFactory,
)

LOGIN = "login"  # 302 to the sign-in page
ROLES = ("anonymous", "member", "officer", "monitoring")


def readers(anonymous=LOGIN):
    return {"anonymous": anonymous, "member": 200, "officer": 200, "monitoring": 403}


def officers_only():
    return {"anonymous": LOGIN, "member": 403, "officer": 200, "monitoring": 403}


def complaints_staff():
    return {"anonymous": LOGIN, "member": 403, "officer": 200, "monitoring": 200}


def signed_in():
    return {"anonymous": LOGIN, "member": 200, "officer": 200, "monitoring": 200}


def everyone(status=200):
    return dict.fromkeys(ROLES, status)


def open_committee(s):
    return {"slug": s["open_paper"].meeting.committee.slug}


def open_paper(s):
    return {**open_committee(s), "pk": s["open_paper"].pk}


OPEN_LISTS = ["actions", "meetings", "papers", "organisations", "people"]
# The open data's JSON API, by URL name: None for the API as a whole, else its committee
# or paper.
OPEN_API = {
    "api-root": None,
    "api-index": None,
    "openapi-json": None,
    "api-committees": None,
    "api-committee": open_committee,
    "api-paper": open_paper,
    "api-paper-actions": open_paper,
    **dict.fromkeys([f"api-{name}" for name in OPEN_LISTS], open_committee),
}

# name -> (kwargs from the sample records, expected status per role).
# A redirect other than to sign-in is written ("redirect", "/where/").
EXPECTED = {
    "healthz": (None, everyone()),
    "login": (None, everyone()),
    "logout": (None, everyone(405)),  # sign-out is a POST only
    "home": (
        None,
        {
            "anonymous": LOGIN,
            "member": ("redirect", "/dashboard/"),
            "officer": ("redirect", "/dashboard/"),
            "monitoring": ("redirect", "/complaints/"),
        },
    ),
    "dashboard": (None, readers()),
    "dashboard-pdf": (None, readers()),
    "action-list": (None, readers()),
    "action-export-csv": (None, readers()),
    "action-export-xlsx": (None, readers()),
    "action-detail": (lambda s: {"pk": s["action"].pk}, readers()),
    "action-edit": (lambda s: {"pk": s["action"].pk}, officers_only()),
    "action-status": (lambda s: {"pk": s["action"].pk}, officers_only()),
    "action-delete": (lambda s: {"pk": s["action"].pk}, officers_only()),
    "action-restore": (lambda s: {"pk": s["deleted"].pk}, officers_only()),
    "action-deleted": (None, officers_only()),
    "action-follow-up": (None, officers_only()),
    "action-bulk-status": (None, officers_only()),
    "chases-due": (None, officers_only()),
    "meeting-create": (None, officers_only()),
    "my-actions": (None, officers_only()),
    "account-settings": (None, readers()),
    # A user's private calendar: open to whoever holds its secret link.
    "private-calendar": (lambda s: {"token": s["calendar_token"]}, everyone()),
    "meeting-detail": (lambda s: {"pk": s["paper"].meeting.pk}, readers()),
    "paper-committees": (None, readers()),
    "paper-list": (lambda s: {"slug": s["paper"].meeting.committee.slug}, readers()),
    "paper-create": (lambda s: {"pk": s["next_meeting"].pk}, officers_only()),
    "paper-detail": (lambda s: {"pk": s["paper"].pk}, readers()),
    "paper-edit": (lambda s: {"pk": s["paper"].pk}, officers_only()),
    "paper-pdf": (lambda s: {"pk": s["paper"].pk}, readers()),
    "paper-agenda-pack": (lambda s: {"pk": s["paper"].pk}, readers()),
    "paper-publish": (lambda s: {"pk": s["paper"].pk}, officers_only()),
    "reply-link": (lambda s: {"pk": s["reply"].pk}, officers_only()),
    "registers": (None, signed_in()),
    "correspondence-list": (None, readers()),
    "correspondence-export": (None, readers()),
    "correspondence-overdue": (None, readers()),
    "correspondence-create": (None, officers_only()),
    "correspondence-action-search": (None, officers_only()),
    "correspondence-detail": (lambda s: {"pk": s["reply"].pk}, readers()),
    "correspondence-edit": (lambda s: {"pk": s["reply"].pk}, officers_only()),
    "correspondence-file": (lambda s: {"pk": s["reply"].pk}, readers()),
    "correspondence-delete": (lambda s: {"pk": s["reply"].pk}, officers_only()),
    "correspondence-deleted": (None, officers_only()),
    "correspondence-restore": (lambda s: {"pk": s["deleted_letter"].pk}, officers_only()),
    "complaint-list": (None, complaints_staff()),
    "complaint-export": (None, complaints_staff()),
    "complaint-create": (None, complaints_staff()),
    "complaint-detail": (lambda s: {"pk": s["complaint"].pk}, complaints_staff()),
    "complaint-edit": (lambda s: {"pk": s["complaint"].pk}, complaints_staff()),
    "disclosure-list": (None, readers()),
    "disclosure-export": (None, readers()),
    "disclosure-create": (None, officers_only()),
    "disclosure-detail": (lambda s: {"pk": s["disclosure"].pk}, readers()),
    "disclosure-edit": (lambda s: {"pk": s["disclosure"].pk}, officers_only()),
    "report-list": (None, readers()),
    "report-export": (None, readers()),
    "report-create": (None, officers_only()),
    "report-detail": (lambda s: {"pk": s["report"].pk}, readers()),
    "report-edit": (lambda s: {"pk": s["report"].pk}, officers_only()),
    "report-response-paper": (lambda s: {"pk": s["report"].pk}, readers()),
    "report-response-texts": (lambda s: {"pk": s["report"].pk}, officers_only()),
    # Importing earlier papers and logs, and the files imported: officers only.
    "import-start": (None, officers_only()),
    "import-list": (None, officers_only()),
    "import-detail": (lambda s: {"pk": s["import_record"].pk}, officers_only()),
    "import-file": (lambda s: {"pk": s["import_record"].pk}, officers_only()),
    "import-confirm": (
        lambda s: {"pk": s["import_record"].pk},
        {"anonymous": LOGIN, "member": 403, "officer": 405, "monitoring": 403},
    ),
    "import-cancel": (
        lambda s: {"pk": s["import_record"].pk},
        {"anonymous": LOGIN, "member": 403, "officer": 405, "monitoring": 403},
    ),
    "board-meeting-list": (None, readers()),
    "board-annex": (lambda s: {"pk": s["board_meeting"].pk}, readers()),
    # Starting a background render is a POST; a GET by an officer is refused as such.
    "render-start": (
        lambda s: {"paper_pk": s["paper"].pk},
        {"anonymous": LOGIN, "member": 403, "officer": 405, "monitoring": 403},
    ),
    "render-job": (lambda s: {"pk": s["render_job"].pk}, readers()),
    "render-job-download": (lambda s: {"pk": s["render_job"].pk}, readers()),
    # The open record: a publishing committee's pages, calendar and feed, for anyone.
    "open-committees": (None, everyone()),
    "open-committee": (lambda s: {"slug": s["open_paper"].meeting.committee.slug}, everyone()),
    "open-meetings-ics": (
        lambda s: {"slug": s["open_paper"].meeting.committee.slug},
        everyone(),
    ),
    "open-papers-atom": (
        lambda s: {"slug": s["open_paper"].meeting.committee.slug},
        everyone(),
    ),
    "open-paper": (
        lambda s: {"slug": s["open_paper"].meeting.committee.slug, "pk": s["open_paper"].pk},
        everyone(),
    ),
    "open-meeting": (
        lambda s: {
            "slug": s["open_paper"].meeting.committee.slug,
            "date": s["open_paper"].meeting.date.isoformat(),
        },
        everyone(),
    ),
    # Its lists as CSV files, and its read-only JSON API, for anyone.
    "open-committees-csv": (None, everyone()),
    **{f"open-{name}-csv": (open_committee, everyone()) for name in OPEN_LISTS},
    "open-paper-actions-csv": (open_paper, everyone()),
    **{f"api-v1:{name}": (kwargs, everyone()) for name, kwargs in OPEN_API.items()},
    # The response portal: open to whoever holds a chase's signed link, signed in or not.
    "respond": (lambda s: {"token": s["respond_token"]}, everyone()),
    # Letters from the Chair chasing actions; creating and sending them is a POST only.
    "chaser-letter-list": (None, readers()),
    "chaser-letter-create": (None, {**officers_only(), "officer": 405}),
    "chaser-letter-pdf": (lambda s: {"pk": s["chaser_letter"].pk}, readers()),
    "chaser-letter-send": (
        lambda s: {"pk": s["chaser_letter"].pk},
        {**officers_only(), "officer": 405},
    ),
    # Its forms name an action by its reference on the link; a made-up one finds nothing.
    "respond-answer": (lambda s: {"token": s["respond_token"], "ref": "x" * 24}, everyone(404)),
    "respond-new-date": (
        lambda s: {"token": s["respond_token"], "ref": "x" * 24},
        everyone(404),
    ),
    # Answers sent through the portal, reviewed by officers; accepting and rejecting are
    # a POST only, and no answer 1 exists for its file.
    "portal-answers": (None, officers_only()),
    "portal-answer-accept": (lambda s: {"pk": 1}, {**officers_only(), "officer": 405}),
    "portal-answer-reject": (lambda s: {"pk": 1}, {**officers_only(), "officer": 405}),
    "portal-answer-file": (lambda s: {"pk": 1}, {**officers_only(), "officer": 404}),
    "portal-links": (None, officers_only()),
}
# The admin checks staff status itself and sends others to its own sign-in page.
ADMIN_LOGIN = ("redirect", "/admin/login/")
ADMIN = {
    "admin:index": {
        "anonymous": ADMIN_LOGIN,
        "member": ADMIN_LOGIN,
        "officer": 200,
        "monitoring": 200,
    },
    "admin:actions_action_changelist": {
        "anonymous": ADMIN_LOGIN,
        "member": ADMIN_LOGIN,
        "officer": 200,
        "monitoring": 403,
    },
    "admin:correspondence_complaint_changelist": {
        "anonymous": ADMIN_LOGIN,
        "member": ADMIN_LOGIN,
        "officer": 200,
        "monitoring": 200,
    },
}
DECLARED_NAMESPACES = {"admin"}
UNNAMED_ALLOWED = {"^static/(?P<path>.*)$"}  # static files in development only


def project_urls(resolver=None, namespace=""):
    """(name or route, namespace) of every pattern, walking includes."""
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace or ""
            full = f"{namespace}:{inner}".strip(":") if inner else namespace
            yield from project_urls(pattern, full)
        elif isinstance(pattern, URLPattern):
            name = pattern.name
            if name and namespace:
                name = f"{namespace}:{name}"
            yield name or str(pattern.pattern), namespace


def test_every_url_is_declared():
    undeclared = sorted(
        {
            name
            for name, namespace in project_urls()
            if namespace.split(":")[0] not in DECLARED_NAMESPACES
            and name not in EXPECTED
            and name not in UNNAMED_ALLOWED
        }
    )
    assert undeclared == [], f"Declare who may open these URLs in EXPECTED: {undeclared}"


def test_no_declared_url_has_gone_missing():
    names = {name for name, _ns in project_urls()}
    assert set(EXPECTED) <= names


@pytest.fixture
def samples(db):
    action = ActionFactory()
    deleted = ActionFactory()
    Action.all_objects.filter(pk=deleted.pk).update(deleted_at=timezone.now())
    paper = Paper.objects.create(
        meeting=MeetingFactory(committee=action.agenda_item.meeting.committee)
    )
    reply = CorrespondenceFactory(
        direction=Correspondence.Direction.RECEIVED,
        file=ContentFile(b"%PDF-1.4 sample letter", name="letter.pdf"),
    )
    deleted_letter = CorrespondenceFactory()
    Correspondence.all_objects.filter(pk=deleted_letter.pk).update(deleted_at=timezone.now())
    committee = paper.meeting.committee
    report = CommitteeReport.objects.create(
        committee=committee,
        title="Response to the draft plan",
        addressed_to=OrganisationFactory(),
        response_meeting=MeetingFactory(committee=committee),
    )
    board = CommitteeFactory(name="Performance and Risk Oversight Board", kind="board")
    open_meeting = MeetingFactory(committee=CommitteeFactory(name="Open", publishes_openly=True))
    open_paper = Paper.objects.create(
        meeting=open_meeting, status=Paper.Status.PUBLISHED, published_at=timezone.now()
    )
    return {
        "action": action,
        "deleted": deleted,
        "today": dt.date.today(),
        "paper": paper,
        "next_meeting": MeetingFactory(committee=paper.meeting.committee),
        "reply": reply,
        "deleted_letter": deleted_letter,
        "complaint": ComplaintFactory(committee=committee),
        "disclosure": DisclosureFactory(committee=committee),
        "report": report,
        "board_meeting": MeetingFactory(committee=board, kind="board"),
        "open_paper": open_paper,
        "import_record": ImportRecord.objects.create(
            original_name="paper.txt",
            file_type="text",
            file=ContentFile(b"Subject: Summary List of Actions", name="import.txt"),
        ),
        "render_job": RenderJob.objects.create(
            paper=paper, status=RenderJob.Status.DONE, progress=100, pdf=b"%PDF-1.7 sample"
        ),
        "chaser_letter": chaser_letter_propose(
            organisation=action.responsible_person.organisation or OrganisationFactory(),
            committee=action.committee,
            actions=[action],
            date=dt.date.today(),
        )[0],
        "calendar_token": calendar_token_renew(
            user=UserFactory(username="calendar-owner")
        ).calendar_token,
        "respond_token": respond_token(
            Contact.objects.create(
                organisation=OrganisationFactory(), name="A contact", email="c@example.org"
            )
        ),
    }


@pytest.fixture
def role_users(db):
    return {
        "member": UserFactory(username="member", role=roles.MEMBERS),
        "officer": UserFactory(username="officer", role=roles.OFFICERS),
        "monitoring": UserFactory(username="monitoring", role=roles.MONITORING),
    }


def check(client, url, expected, role):
    response = client.get(url)
    where = f"{role} GET {url}"
    if expected == LOGIN:
        assert response.status_code == 302, where
        assert response["Location"].startswith(reverse("login") + "?next="), where
    elif isinstance(expected, tuple):
        assert response.status_code == 302, where
        assert response["Location"].startswith(expected[1]), where
    else:
        assert response.status_code == expected, f"{where}: {response.status_code}"


@pytest.mark.parametrize("role", ROLES)
def test_every_url_answers_each_role_as_declared(client, samples, role_users, role):
    if role != "anonymous":
        client.force_login(role_users[role])
    for name, (kwargs, expectations) in EXPECTED.items():
        url = reverse(name, kwargs=kwargs(samples) if kwargs else None)
        check(client, url, expectations[role], role)
    for name, expectations in ADMIN.items():
        check(client, reverse(name), expectations[role], role)

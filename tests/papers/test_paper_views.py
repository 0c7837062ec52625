"""Paper pages by role; publishing freezes; the draft PDF cache."""

import datetime as dt
import threading

import pytest
from django.core.cache import cache
from django.urls import reverse

from actions.models import Action
from actiontracker.pdf import weasyprint_pdf
from papers.models import Paper
from papers.services import paper_create, paper_publish, paper_update
from tests.factories import ActionFactory, AgendaItemFactory, CommitteeFactory, MeetingFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def paper():
    committee = CommitteeFactory()
    earlier = MeetingFactory(committee=committee, date=dt.date(2023, 3, 22))
    ActionFactory(
        agenda_item=AgendaItemFactory(meeting=earlier, title="Policing Plan"),
        intro="Provide the figures.",
        status_note="Followed-up on 4 May 2023.",
    )
    ActionFactory(
        agenda_item=AgendaItemFactory(meeting=earlier, title="Work Programme"),
        intro="Agree any output.",
        status=Action.Status.COMPLETED,
        status_note="See Agenda Item 8.",
        finished_on=dt.date(2023, 4, 1),
    )
    return paper_create(meeting=MeetingFactory(committee=committee, date=dt.date(2023, 5, 24)))


def urls(paper):
    return {
        "list": reverse("paper-list", args=[paper.meeting.committee.slug]),
        "detail": reverse("paper-detail", args=[paper.pk]),
        "pdf": reverse("paper-pdf", args=[paper.pk]),
        "edit": reverse("paper-edit", args=[paper.pk]),
        "publish": reverse("paper-publish", args=[paper.pk]),
        "create": reverse("paper-create", args=[paper.meeting.pk]),
    }


def test_anonymous_is_sent_to_sign_in(client, paper):
    for url in urls(paper).values():
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_member_reads_and_downloads_but_cannot_write(member_client, paper):
    u = urls(paper)
    assert member_client.get(u["list"]).status_code == 200
    page = member_client.get(u["detail"])
    assert page.status_code == 200
    assert "Actions Arising from the Meeting Held on 22 March 2023" in page.content.decode()
    assert "Edit paper" not in page.content.decode()
    # The preview must pass a CSP without inline styles or scripts.
    assert 'style="' not in page.content.decode() and "<style" not in page.content.decode()
    assert "<script>" not in page.content.decode()
    assert "/static/css/paper.css" in page.content.decode()
    pdf = member_client.get(u["pdf"])
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    for name in ("edit", "publish", "create"):
        assert member_client.get(u[name]).status_code == 403
        assert member_client.post(u[name], {"subject": "Hacked"}).status_code == 403
    paper.refresh_from_db()
    assert paper.status == Paper.Status.DRAFT and paper.subject == "Summary List of Actions"


def test_pdf_download_name_and_type(officer_client, paper):
    response = officer_client.get(urls(paper)["pdf"])
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == 'attachment; filename="2023-05-24-summary-list-of-actions.pdf"'
    )


def test_officer_edits_with_error_summary_then_saves(officer_client, paper):
    u = urls(paper)
    form = officer_client.get(u["edit"])
    assert form.status_code == 200
    data = {
        name: value if value is not None else ""
        for name, value in form.context["form"].initial.items()
        if name not in ("letters", "section_four", "contact_officers")
    }
    data.update(period_start="2023-05-10", period_end="2023-05-01")
    bad = officer_client.post(u["edit"], data)
    assert bad.status_code == 200
    assert "govuk-error-summary" in bad.content.decode()
    paper.refresh_from_db()
    assert paper.period_start != dt.date(2023, 5, 10)

    data.update(period_start="2023-03-09", recommendation_text="That the Committee notes it.")
    assert officer_client.post(u["edit"], data).status_code == 302
    page = officer_client.get(u["detail"]).content.decode()
    assert "That the Committee notes it." in page
    assert "No disclosures to report for the period from 9 March to 1 May 2023." in page


def test_publish_freezes_the_paper(officer_client, officer, paper):
    u = urls(paper)
    assert "Publish paper" in officer_client.get(u["publish"]).content.decode()
    assert officer_client.post(u["publish"]).status_code == 302
    paper.refresh_from_db()
    assert paper.is_published and paper.published_by == officer
    stored = bytes(paper.pdf)
    assert stored.startswith(b"%PDF")
    finished = Action.objects.get(intro="Agree any output.")
    assert finished.reported_in == paper

    # Later edits to the actions do not change the published copy.
    Action.objects.filter(intro="Provide the figures.").update(intro="Changed afterwards.")
    again = officer_client.get(u["pdf"])
    assert again.content == stored

    # No further edits, and a second publish is refused.
    response = officer_client.post(u["edit"], {"subject": "Changed"})
    assert response.status_code == 302
    follow = officer_client.get(response["Location"]).content.decode()
    assert "published and can no longer be edited" in follow
    paper.refresh_from_db()
    assert paper.subject == "Summary List of Actions"
    officer_client.post(u["publish"])
    paper.refresh_from_db()
    assert bytes(paper.pdf) == stored


def test_double_publish_produces_one_publication(paper):
    stale = Paper.objects.get(pk=paper.pk)  # a second request that read the draft too
    first = paper_publish(paper=paper)
    with pytest.raises(Exception, match="already been published"):
        paper_publish(paper=stale)
    stale.refresh_from_db()
    assert bytes(stale.pdf) == bytes(first.pdf)


def test_draft_pdf_served_from_cache_until_something_changes(officer_client, paper, pdf_renderer):
    cache.clear()
    calls = pdf_renderer("recording")
    url = urls(paper)["pdf"]
    first = officer_client.get(url).content
    second = officer_client.get(url).content
    assert first == second and len(calls) == 1

    action = Action.objects.get(intro="Provide the figures.")
    action.status_note = "Followed-up on 9 May 2023."
    action.save()
    officer_client.get(url)
    assert len(calls) == 2

    paper.refresh_from_db()
    paper.legal_text = "Another legal text."
    paper.save()
    officer_client.get(url)
    assert len(calls) == 3


def test_officer_creates_a_paper_for_a_meeting(officer_client):
    meeting = MeetingFactory(date=dt.date(2023, 7, 5))
    listing = officer_client.get(reverse("paper-list", args=[meeting.committee.slug]))
    assert reverse("paper-create", args=[meeting.pk]) in listing.content.decode()
    response = officer_client.post(reverse("paper-create", args=[meeting.pk]))
    paper = Paper.objects.get(meeting=meeting)
    assert response["Location"] == reverse("paper-edit", args=[paper.pk])
    assert paper.report_to == meeting.committee.name


def test_fingerprint_changes_with_every_register_the_paper_shows(paper):
    from papers.selectors import paper_fingerprint
    from tests.factories import ComplaintFactory, CorrespondenceFactory, DisclosureFactory

    committee = paper.meeting.committee
    seen = {paper_fingerprint(paper)}

    def changed():
        value = paper_fingerprint(paper)
        assert value not in seen
        seen.add(value)

    ComplaintFactory(committee=committee, received_on=dt.date(2023, 4, 1))
    changed()
    DisclosureFactory(committee=committee)
    changed()
    letter = CorrespondenceFactory(committee=committee)
    changed()
    paper_update(paper=paper, data={}, letters=[letter], section_four=[letter])
    changed()
    paper_update(paper=paper, data={}, letters=[letter], section_four=[])
    changed()
    item = Action.objects.first().agenda_item
    item.title = "Renamed item"
    item.save()
    changed()
    assert paper_fingerprint(paper) in seen  # and nothing changed: the same value


def test_officer_links_a_reply_and_completes_the_actions(officer_client, member, paper):
    from django.test import Client

    from correspondence.models import Correspondence
    from tests.factories import CorrespondenceFactory

    reply = CorrespondenceFactory(
        committee=paper.meeting.committee,
        direction=Correspondence.Direction.RECEIVED,
        date=dt.date(2023, 5, 2),
        sender="Deputy Commissioner, MPS",
    )
    url = reverse("reply-link", args=[reply.pk])
    page = officer_client.get(url).content.decode()
    assert "This reply will be Appendix 1 of the paper for 24 May 2023." in page

    empty = officer_client.post(url, {"complete": "on"})
    assert "Select the actions this reply answers" in empty.content.decode()
    action = Action.objects.get(intro="Provide the figures.")
    assert action.status == Action.Status.ONGOING

    response = officer_client.post(url, {"actions": [action.pk], "complete": "on"})
    assert response["Location"] == paper.get_absolute_url()
    action.refresh_from_db()
    assert action.status_text == "Completed. Attached at Appendix 1."
    preview = officer_client.get(response["Location"]).content.decode()
    assert "Appendix 1 – Correspondence from Deputy Commissioner, MPS, dated 2 May 2023" in preview

    as_member = Client()
    as_member.force_login(member)
    assert as_member.get(url).status_code == 403
    assert as_member.post(url, {"actions": [action.pk]}).status_code == 403
    assert Client().get(url).status_code == 302


def test_officer_reaches_the_reply_link_from_the_letter_page(officer_client, member, paper):
    """From a received letter's page, through the form, to completed actions numbered as the
    appendix the reply becomes in the next paper."""
    from django.test import Client

    from correspondence.models import Correspondence
    from tests.factories import CorrespondenceFactory

    as_member = Client()
    as_member.force_login(member)
    committee = paper.meeting.committee
    first = CorrespondenceFactory(
        committee=committee, direction=Correspondence.Direction.RECEIVED, date=dt.date(2023, 4, 2)
    )
    paper_update(paper=paper, data={}, letters=[first], section_four=[first])
    reply = CorrespondenceFactory(
        committee=committee,
        direction=Correspondence.Direction.RECEIVED,
        date=dt.date(2023, 5, 9),
        sender="Director of Strategy, MOPAC",
    )
    sent = CorrespondenceFactory(committee=committee, direction=Correspondence.Direction.SENT)
    link = reverse("reply-link", args=[reply.pk])

    letter_page = officer_client.get(reply.get_absolute_url()).content.decode()
    assert f'href="{link}">Link this reply to actions</a>' in letter_page
    assert (
        "Link this reply to actions" not in as_member.get(reply.get_absolute_url()).content.decode()
    )
    assert (
        "Link this reply to actions"
        not in officer_client.get(sent.get_absolute_url()).content.decode()
    )

    form = officer_client.get(link).content.decode()
    assert "This reply will be Appendix 2 of the paper for 24 May 2023." in form
    action = Action.objects.get(intro="Provide the figures.")
    assert f'value="{action.pk}"' in form

    # Completing an action of the paper's table with it makes the reply its first mention,
    # ahead of the letter quoted in section 4: it becomes Appendix 1, and the page says so.
    response = officer_client.post(link, {"actions": [action.pk], "complete": "on"}, follow=True)
    page = response.content.decode()
    assert "Linked and completed 1 action:" in page
    assert "Completed. Attached at Appendix 1." in page
    action.refresh_from_db()
    assert action.status == Action.Status.COMPLETED
    assert action.status_text == "Completed. Attached at Appendix 1."
    assert "Appendix 1 – Correspondence from Director of Strategy, MOPAC, dated 9 May 2023" in page
    assert "Appendix 2 – Correspondence from" in page
    letter_page = officer_client.get(reply.get_absolute_url()).content.decode()
    assert "Provide the figures." in letter_page


# The two publishing officers of the test below meet here, through settings.PDF_RENDERER.
publish_race = {}


def render_then_wait(html: str) -> bytes:
    """Render for real, then wait until the other officer has rendered too; the PDF
    carries the name of the officer's thread, to tell whose publication won."""
    pdf = weasyprint_pdf(html)
    publish_race["both rendered"].wait()
    publish_race["write turn"].acquire()
    return pdf + b"\n% " + threading.current_thread().name.encode() + b"\n"


@pytest.mark.django_db(transaction=True)
def test_two_officers_publishing_at_the_same_moment_make_one_publication(paper, settings):
    """Two requests, each on its own database connection, both past the draft check and
    both holding a rendered PDF before either freezes the paper: one wins, the other is
    told, and the paper and its actions carry the winner's publication only."""
    from django.db import connection

    from papers import services
    from tests.factories import UserFactory

    publish_race["both rendered"] = threading.Barrier(2, timeout=60)
    # PostgreSQL: the two freezes really overlap and the row lock decides. The tests' SQLite
    # is a shared in-memory database that refuses a second writer instead of making it
    # wait as a file database does, so there the second freeze waits its turn here.
    write_turn = threading.Semaphore(1 if connection.vendor == "sqlite" else 2)
    publish_race["write turn"] = write_turn
    settings.PDF_RENDERER = f"{__name__}.render_then_wait"
    officers = [UserFactory(username=f"officer-{n}") for n in (1, 2)]
    outcomes = {}

    def press_publish(officer):
        try:
            services.paper_publish(paper=Paper.objects.get(pk=paper.pk), by=officer)
            outcomes[officer.username] = "published"
        except services.AlreadyPublished:
            outcomes[officer.username] = "refused"
        finally:
            write_turn.release()
            connection.close()

    threads = [threading.Thread(target=press_publish, args=(o,), name=o.username) for o in officers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)

    assert sorted(outcomes.values()) == ["published", "refused"], outcomes
    winner = next(name for name, outcome in outcomes.items() if outcome == "published")
    paper.refresh_from_db()
    assert paper.is_published and paper.published_by.username == winner
    assert bytes(paper.pdf).endswith(f"% {winner}\n".encode())
    finished = Action.objects.get(intro="Agree any output.")
    assert finished.reported_in_id == paper.pk
    assert Paper.objects.filter(meeting=paper.meeting).count() == 1


@pytest.mark.django_db(transaction=True)
def test_making_a_pdf_holds_no_transaction_that_would_hold_up_other_users(
    officer_client, paper, pdf_renderer
):
    """Every request runs in a transaction, which on SQLite holds the write lock: a PDF,
    which only reads, is made outside it so other officers' saves need not wait for it."""
    cache.clear()
    renderings = pdf_renderer("recording")
    assert officer_client.get(urls(paper)["pdf"]).status_code == 200
    assert [r.in_transaction for r in renderings] == [False]
    # Writes still run in the request's transaction: publishing renders the PDF it stores
    # inside it.
    assert officer_client.post(urls(paper)["publish"]).status_code == 302
    paper.refresh_from_db()
    assert paper.is_published
    assert [r.in_transaction for r in renderings] == [False, True]

"""Letters from the Chair chasing an organisation's outstanding actions: the PDF's text,
its place in the register as a letter sent with its reply due date, the chases it records,
and the pages an officer uses, from the Chases due page to approval."""

import datetime as dt
import re
import subprocess

import pytest
from django.urls import reverse
from pypdf import PdfReader

from actions.models import Action, FollowUp
from actions.services import followup_record
from correspondence.chaser_letters import (
    chaser_letter_for_organisation,
    chaser_letter_pdf,
    chaser_letter_send,
)
from correspondence.chaser_models import ChaserLetter
from correspondence.models import Correspondence
from meetings import deadlines
from meetings.models import Contact, Meeting
from tests.factories import (
    ActionFactory,
    AgendaItemFactory,
    CommitteeFactory,
    MeetingFactory,
    OrganisationFactory,
    ResponsiblePersonFactory,
)
from tests.pdf_helpers import pdftotext

pytestmark = pytest.mark.django_db
LETTER_DAY = dt.date(2026, 12, 1)
PAYLOAD = '<b>bold</b> & <img src="http://example.invalid/x.png"> "quoted"'


@pytest.fixture
def committee():
    return CommitteeFactory(name="Police and Crime Committee")


@pytest.fixture
def mps(committee):
    organisation = OrganisationFactory(name="Metropolitan Police Service", short_name="MPS")
    Contact.objects.create(
        organisation=organisation,
        name="Jane Example",
        email="jane@example.org",
        postal_address="New Scotland Yard\nVictoria Embankment\nLondon SW1A 2JL",
    )
    return organisation


def action_for(organisation, committee, *, meeting_date, title, intro, items=()):
    meeting = Meeting.objects.filter(committee=committee, date=meeting_date).first()
    meeting = meeting or MeetingFactory(committee=committee, date=meeting_date)
    item = AgendaItemFactory(meeting=meeting, title=title, number=str(6 + meeting.items.count()))
    person = ResponsiblePersonFactory(organisation=organisation)
    return ActionFactory(
        agenda_item=item, responsible_person=person, intro=intro, requested_items=list(items)
    )


@pytest.fixture
def outstanding(mps, committee):
    knife = action_for(
        mps,
        committee,
        meeting_date=dt.date(2026, 3, 4),
        title="Knife crime",
        intro="The Committee asked for knife crime figures by borough.",
    )
    stop = action_for(
        mps,
        committee,
        meeting_date=dt.date(2026, 6, 10),
        title="Stop and search",
        intro="The Committee requested:",
        items=["the number of searches", "the arrest rate"],
    )
    followup_record(actions=[knife], date=dt.date(2026, 4, 1), method=FollowUp.Method.EMAIL)
    followup_record(actions=[knife], date=dt.date(2026, 5, 1), method=FollowUp.Method.EMAIL)
    done = action_for(
        mps, committee, meeting_date=dt.date(2026, 6, 10), title="Done", intro="Already answered."
    )
    Action.objects.filter(pk=done.pk).update(status=Action.Status.COMPLETED)
    return knife, stop


def raw_text(pdf: bytes, tmp_path) -> str:
    """The PDF's text in drawing order (each table cell whole), white space collapsed."""
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(
        ["pdftotext", "-raw", str(path), "-"], capture_output=True, text=True, check=True
    )
    return re.sub(r"\s+", " ", result.stdout)


def test_the_letter_lists_each_outstanding_action_with_its_meeting_item_ask_and_chases(
    mps, committee, outstanding, tmp_path
):
    chaser = chaser_letter_for_organisation(organisation=mps, committee=committee, date=LETTER_DAY)
    pdf = chaser_letter_pdf(chaser, LETTER_DAY)
    text = raw_text(pdf, tmp_path)
    assert "Chair of the Police and Crime Committee" in text
    assert "Dear Jane Example" in text
    assert "New Scotland Yard" in text
    assert "waiting for Metropolitan Police Service's response on 2 actions" in text
    assert "4 March 2026" in text and "Knife crime" in text
    assert "knife crime figures by borough" in text
    assert "10 June 2026" in text and "Stop and search" in text
    assert "the arrest rate" in text
    assert "Already answered" not in text  # completed: not outstanding
    # Each row: meeting, item, what was asked, since when, chases so far.
    assert (
        "4 March 2026 6: Knife crime The Committee asked for knife crime figures by borough. "
        "4 March 2026 2 " in text
    )
    assert "the number of searches the arrest rate 10 June 2026 0 " in text
    reply = deadlines.reply_due(LETTER_DAY, committee).due
    assert f"response by {reply.day} {reply:%B %Y}" in text
    # The papers' path: a tagged PDF whose title names the letter.
    reader = PdfReader(__import__("io").BytesIO(pdf))
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert "Metropolitan Police Service" in reader.metadata.title


def test_user_text_prints_as_text_in_the_letter(mps, committee, tmp_path):
    action_for(
        mps, committee, meeting_date=dt.date(2026, 3, 4), title=PAYLOAD, intro=f"Ask {PAYLOAD}"
    )
    mps.name = f"Police {PAYLOAD}"
    mps.save()
    chaser = chaser_letter_for_organisation(organisation=mps, committee=committee, date=LETTER_DAY)
    text = re.sub(r"\s+", "", pdftotext(chaser_letter_pdf(chaser, LETTER_DAY), tmp_path))
    assert re.sub(r"\s+", "", PAYLOAD) in text  # printed, not obeyed (nor fetched)


def test_sending_registers_a_letter_with_its_reply_due_date_and_chases_each_action(
    mps, committee, outstanding, officer
):
    knife, stop = outstanding
    chaser = chaser_letter_for_organisation(organisation=mps, committee=committee, date=LETTER_DAY)
    letter = chaser_letter_send(chaser=chaser, date=LETTER_DAY, by=officer)

    letter = Correspondence.objects.get(pk=letter.pk)
    assert letter.direction == Correspondence.Direction.SENT
    assert letter.sender == "Chair of the Police and Crime Committee"
    assert letter.recipient == "Jane Example, Metropolitan Police Service"
    assert letter.organisation == mps and letter.committee == committee
    assert letter.date == LETTER_DAY
    assert letter.reply_due == deadlines.reply_due(LETTER_DAY, committee).due
    assert letter.reply_due_deadline is not None  # explains itself: the engine's date
    assert letter.file.read().startswith(b"%PDF")
    # Linked to the actions it chases: a chase by letter on each, naming it.
    chases = FollowUp.objects.filter(letter=letter)
    assert {f.action_id for f in chases} == {knife.pk, stop.pk}
    assert {f.method for f in chases} == {FollowUp.Method.LETTER}
    knife.refresh_from_db()
    assert knife.last_chased_on == LETTER_DAY
    assert knife.status_note.endswith("Followed-up on 1 December 2026.")
    chaser.refresh_from_db()
    assert chaser.status == ChaserLetter.Status.SENT and chaser.letter == letter
    with pytest.raises(ValueError, match="sent already"):
        chaser_letter_send(chaser=chaser, date=LETTER_DAY)


def test_an_officer_writes_one_from_the_chases_due_page_and_approves_it(
    client, officer, mps, committee, outstanding, tmp_path, settings
):
    client.force_login(officer)
    page = client.get(reverse("chases-due")).content.decode()
    button = "Write a letter from the Chair of the Police and Crime Committee to MPS"
    assert button in page

    response = client.post(
        reverse("chaser-letter-create"), {"organisation": mps.pk, "committee": committee.pk}
    )
    assert response.status_code == 302 and response["Location"] == reverse("chaser-letter-list")
    chaser = ChaserLetter.objects.get()
    assert chaser.status == ChaserLetter.Status.PROPOSED and chaser.proposed_by == officer
    listing = client.get(reverse("chaser-letter-list")).content.decode()
    assert "Approve and send the letter to MPS" in listing
    preview = client.get(reverse("chaser-letter-pdf", args=[chaser.pk]))
    assert preview["Content-Type"] == "application/pdf"
    assert "Knife crime" in pdftotext(b"".join(preview), tmp_path)
    assert not Correspondence.objects.exists()  # a preview registers nothing

    response = client.post(reverse("chaser-letter-send", args=[chaser.pk]))
    letter = Correspondence.objects.get()
    assert response.status_code == 302 and response["Location"] == letter.get_absolute_url()
    detail = client.get(letter.get_absolute_url()).content.decode()
    assert "Chair of the Police and Crime Committee" in detail
    sent = client.get(reverse("chaser-letter-pdf", args=[chaser.pk]))
    assert b"".join(sent) == letter.file.open("rb").read()  # the letter as registered


def test_a_member_may_read_letters_but_not_write_or_send_them(
    client, member, mps, committee, outstanding
):
    chaser = chaser_letter_for_organisation(organisation=mps, committee=committee, date=LETTER_DAY)
    client.force_login(member)
    assert client.get(reverse("chaser-letter-list")).status_code == 200
    assert "Approve and send" not in client.get(reverse("chaser-letter-list")).content.decode()
    assert client.post(reverse("chaser-letter-send", args=[chaser.pk])).status_code == 403
    assert (
        client.post(
            reverse("chaser-letter-create"), {"organisation": mps.pk, "committee": committee.pk}
        ).status_code
        == 403
    )
    assert not Correspondence.objects.exists()


def test_no_letter_for_an_organisation_with_nothing_outstanding(client, officer, mps, committee):
    client.force_login(officer)
    response = client.post(
        reverse("chaser-letter-create"),
        {"organisation": mps.pk, "committee": committee.pk},
        follow=True,
    )
    assert "MPS has no outstanding action of the Police and Crime Committee" in (
        response.content.decode()
    )
    assert not ChaserLetter.objects.exists()


def test_the_letters_page_reads_a_fixed_number_of_queries(
    client, officer, committee, django_assert_max_num_queries
):
    client.force_login(officer)
    client.get(reverse("chaser-letter-list"))  # warm the session and permission caches

    def letters(count):
        for n in range(count):
            org = OrganisationFactory(name=f"Body {n} {count}", short_name=f"B{n}x{count}")
            action = action_for(
                org, committee, meeting_date=dt.date(2026, 3, 4), title="Item", intro="Ask."
            )
            chaser = chaser_letter_for_organisation(
                organisation=org, committee=committee, date=LETTER_DAY
            )
            if n % 2:
                chaser_letter_send(chaser=chaser, date=LETTER_DAY)
            assert action

    letters(2)
    with django_assert_max_num_queries(8) as few:
        client.get(reverse("chaser-letter-list"))
    letters(6)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("chaser-letter-list")).content.decode()
    assert page.count("Approve and send the letter to") == 4

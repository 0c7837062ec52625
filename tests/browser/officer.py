"""The secretariat officer's browser for tests/browser/test_committee_year.py: each step of
the year done through the pages, and each page it lands on checked at 1280 and 390 px (no
sideways scroll, nothing of moderate impact or worse from axe-core)."""

import datetime as dt
import re

from django.urls import reverse

from actions.models import Action
from meetings.models import Meeting
from papers.models import Paper
from tests.browser.conftest import fill_date
from tests.browser.test_workspace import axe_violations
from tests.pdf_helpers import make_pdf

WIDTHS = (1280, 390)


def day(date: dt.date) -> str:
    return f"{date.day} {date:%B %Y}"


class Officer:
    """The officer's browser, checking each page it lands on at every width."""

    def __init__(self, page, tmp_path):
        self.page = page
        self.tmp_path = tmp_path
        self.problems: dict[str, list[str]] = {}
        self.visited = 0

    def check(self, name: str) -> None:
        page = self.page
        page.wait_for_load_state()
        self.visited += 1
        for width in WIDTHS:
            page.set_viewport_size({"width": width, "height": 900})
            scroll, inner = page.evaluate(
                "[document.scrollingElement.scrollWidth, window.innerWidth]"
            )
            found = [] if scroll <= inner else [f"scrolls sideways: {scroll} > {inner}"]
            found += axe_violations(page)
            if found:
                self.problems[f"{name} ({page.url}), {width}px"] = found
        page.set_viewport_size({"width": 1280, "height": 900})

    def goto(self, url: str, name: str) -> None:
        response = self.page.goto(url)
        assert response.status == 200, name
        self.check(name)

    def click(self, role: str, label: str, name: str) -> None:
        self.page.get_by_role(role, name=label, exact=True).first.click()
        self.check(name)

    def main_text(self) -> str:
        return self.page.locator("main").inner_text()

    # The meeting entry form, rows by their legends.
    def enter_meeting(self, date: dt.date, items, actions, *, enter=False) -> Meeting:
        page = self.page
        self.goto(reverse("meeting-create"), "new meeting")
        page.get_by_label("Committee", exact=True).select_option(label="Police and Crime Committee")
        fill_date(page, "Meeting date", date.day, date.month, date.year)
        for n, (number, title) in enumerate(items, 1):
            row = page.get_by_role("group", name=f"Agenda item {n}", exact=True)
            row.get_by_label("Item No.").fill(number)
            row.get_by_label("Item title").fill(title)
        for n, (number, person, intro, requested, timing) in enumerate(actions, 1):
            row = page.get_by_role("group", name=f"Action {n}", exact=True)
            row.get_by_label("Item No.").fill(number)
            row.get_by_label("Responsible person").select_option(label=person)
            row.get_by_label("Action", exact=True).fill(intro)
            row.get_by_label("Requested items").fill("\n".join(requested))
            row.get_by_label("Timing").fill(timing)
        if enter:  # Enter in the last field saves the page (not "Add more" or a wording)
            page.get_by_role("group", name=f"Action {len(actions)}").get_by_label("Timing").press(
                "Enter"
            )
            self.check("register after entering a meeting")
        else:
            self.click("button", "Save meeting and actions", "register after entering a meeting")
        assert f"The meeting of {day(date)} was entered." in page.content()
        meeting = Meeting.objects.get(date=date)
        assert meeting.items.count() == len(items)
        assert Action.objects.filter(agenda_item__meeting=meeting).count() == len(actions)
        return meeting

    def chase(self, intros: list[str], date: dt.date) -> None:
        page = self.page
        self.goto(reverse("action-list") + "?status=ongoing", "register, ongoing")
        for intro in intros:
            pk = Action.objects.get(intro=intro).pk
            page.locator(f"#select-{pk}").check()
        self.click("button", "Record a follow-up on the selected actions", "follow-up form")
        fill_date(page, "Date of the follow-up", date.day, date.month, date.year)
        page.get_by_label("Letter", exact=True).check()
        self.click("button", "Record follow-up", "register after a follow-up")
        n = len(intros)
        assert f"Follow-up of {day(date)} recorded on {n} action" in page.content()

    def add_letter(self, *, direction, dated, received, sender, recipient, subject, answers=""):
        page = self.page
        self.goto(reverse("correspondence-create"), "new letter")
        page.get_by_label("Committee", exact=True).select_option(label="Police and Crime Committee")
        page.get_by_label("Direction").select_option(label=direction)
        fill_date(page, "Dated", dated.day, dated.month, dated.year)
        if received:
            fill_date(page, "Received on", received.day, received.month, received.year)
        page.get_by_label("From", exact=True).fill(sender)
        page.get_by_label("To", exact=True).fill(recipient)
        page.get_by_label("Subject", exact=True).fill(subject)
        pdf = self.tmp_path / "letter.pdf"
        pdf.write_bytes(make_pdf())
        page.get_by_label("The letter (PDF)").set_input_files(str(pdf))
        if answers:
            self.pick_by_keyboard(*answers)
        page.get_by_label("Subject", exact=True).focus()
        page.keyboard.press("Enter")  # Enter saves the letter
        page.wait_for_url(re.compile(r"/correspondence/\d+/$"))
        self.check("letter page")
        assert subject in self.main_text()

    def pick_by_keyboard(self, typed: str, intro: str) -> None:
        """accessible-autocomplete over the server's search: type, arrow down, Enter."""
        page = self.page
        picker = page.get_by_role("combobox", name="Find the actions this letter answers")
        picker.focus()
        page.keyboard.type(typed, delay=15)
        page.get_by_role("option", name=re.compile(re.escape(intro[:40]))).first.wait_for()
        page.keyboard.press("ArrowDown")
        page.keyboard.press("Enter")
        assert page.get_by_role("checkbox", name=re.compile(re.escape(intro[:40]))).is_checked()
        self.check("new letter, action picked")

    def complete(self, intro: str, note: str, letter_subject: str = "") -> None:
        page = self.page
        action = Action.objects.get(intro=intro)
        self.goto(action.get_absolute_url(), "action page")
        self.goto(reverse("action-status", args=[action.pk]), "status form")
        page.get_by_label("Completed", exact=True).check()
        page.get_by_label("Status note").fill(note)
        if letter_subject:
            select = page.get_by_label("Letter that answered it")
            value = select.locator("option", has_text=letter_subject).get_attribute("value")
            select.select_option(value=value)
        self.click("button", "Save status", "action page after its status")
        assert "The action is now Completed." in page.content()

    def bulk(self, intros: list[str], status: str, note: str) -> None:
        page = self.page
        self.goto(reverse("action-list") + "?status=ongoing", "register, ongoing")
        for intro in intros:
            page.locator(f"#select-{Action.objects.get(intro=intro).pk}").check()
        self.click("button", "Mark the selected actions completed or closed", "bulk status form")
        page.get_by_label(status, exact=True).check()
        page.get_by_label("Status note for each of them").fill(note)
        n = len(intros)
        self.click("button", f"Save status of {n} action{'s' if n > 1 else ''}", "register")

    def build_paper(self, meeting: Meeting) -> Paper:
        page = self.page
        self.goto(reverse("paper-list", args=["police-and-crime-committee"]), "paper list")
        self.click("link", f"Create paper for {day(meeting.date)}", "create paper")
        self.click("button", "Create paper", "paper edit page")
        paper = Paper.objects.get(meeting=meeting, kind=Paper.Kind.SUMMARY)
        assert page.url.endswith(reverse("paper-edit", args=[paper.pk]))
        return paper

    def save_paper(self, paper: Paper) -> str:
        self.click("button", "Save paper", "paper preview")
        assert self.page.url.endswith(paper.get_absolute_url())
        text = self.main_text()
        assert "DRAFT" in text
        return text

    def publish(self, paper: Paper) -> None:
        self.goto(paper.get_absolute_url(), "paper preview")
        self.click("link", "Publish", "publish page")
        self.click("button", "Publish paper", "published paper")
        paper.refresh_from_db()
        assert paper.is_published
        assert "DRAFT" not in self.main_text()


def block(text: str, date: dt.date) -> str:
    """The paper's table of actions arising from the meeting of ``date``."""
    heading = f"Actions Arising from the Meeting Held on {day(date)}"
    assert heading in text, heading
    rest = text.split(heading, 1)[1]
    return re.split(r"Actions Arising from the Meeting Held on|Complaints about", rest)[0]

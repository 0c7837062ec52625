"""Every register in one look: sortable headers that say how they sort, cells labelled for
a phone, labelled date ranges, a Committee column only where committees differ, back links
that keep the register's filters, and the documents' previews inside the service."""

import datetime as dt
import re
from urllib.parse import quote

import pytest
from django.urls import reverse

from tests.factories import (
    ActionFactory,
    CommitteeFactory,
    CorrespondenceFactory,
    MeetingFactory,
)

pytestmark = pytest.mark.django_db


def test_sorted_header_says_its_direction_and_the_others_offer_a_sort(member_client):
    CorrespondenceFactory.create_batch(2)
    html = member_client.get(reverse("correspondence-list"), {"sort": "-date"}).content.decode()
    dated = re.search(r'<th[^>]*aria-sort="(\w+)"[^>]*>\s*<a[^>]*>Dated', html)
    assert dated and dated.group(1) == "descending"
    assert re.search(r'aria-sort="none"[^>]*>\s*<a[^>]*>Subject', html)
    # A visible arrow beside the sorted header, not only the attribute.
    assert html.count("<svg") >= 2
    # On a phone each cell is labelled by its column.
    assert 'data-label="Subject"' in html


def test_dated_filter_is_two_labelled_govuk_date_inputs(member_client):
    CorrespondenceFactory(subject="March letter", date=dt.date(2023, 3, 24))
    CorrespondenceFactory(subject="May letter", date=dt.date(2023, 5, 2))
    url = reverse("correspondence-list")
    html = member_client.get(url).content.decode()
    assert re.search(r"<legend[^>]*>\s*Dated from\s*</legend>", html)
    assert re.search(r"<legend[^>]*>\s*Dated to\s*</legend>", html)
    assert 'name="date_after-day"' in html and 'name="date_before-year"' in html

    typed = {"date_after-day": "1", "date_after-month": "May", "date_after-year": "2023"}
    table = member_client.get(url, typed).content.decode().split("<table", 1)[1]
    assert "May letter" in table and "March letter" not in table
    # A link with the whole date still filters (both days included).
    table = member_client.get(url, {"date_before": "2023-03-24"}).content.decode()
    table = table.split("<table", 1)[1]
    assert "March letter" in table and "May letter" not in table
    # Export of the same filter.
    csv_text = member_client.get(reverse("correspondence-export"), typed).getvalue()
    assert b"May letter" in csv_text and b"March letter" not in csv_text

    wrong = member_client.get(url, {**typed, "date_after-month": "13"}).content.decode()
    assert "Dated from must be a real date" in wrong


def test_count_agrees_with_one_record(member_client):
    CorrespondenceFactory(subject="Diversion scheme")
    CorrespondenceFactory(subject="Other")
    html = member_client.get(reverse("correspondence-list"), {"q": "diversion"}).content
    assert "1 record matches these filters." in html.decode()


def test_committee_column_only_where_the_records_span_committees(member_client):
    CorrespondenceFactory(subject="Ours")
    url = reverse("correspondence-list")
    assert 'data-label="Committee"' not in member_client.get(url).content.decode()
    board = CommitteeFactory(name="Budget Committee")
    CorrespondenceFactory(subject="Theirs", committee=board)
    html = member_client.get(url).content.decode()
    assert 'data-label="Committee">Budget Committee<' in html


def test_back_link_from_a_letter_returns_to_the_filtered_register(member_client):
    letter = CorrespondenceFactory(subject="Diversion scheme")
    register = reverse("correspondence-list") + "?q=diversion&sort=-date"
    html = member_client.get(register).content.decode()
    link = f"{letter.get_absolute_url()}?back={quote(register, safe='')}"
    assert f'href="{link.replace("&", "&amp;")}"' in html

    page = member_client.get(link).content.decode()
    assert f'href="{register.replace("&", "&amp;")}">Correspondence</a>' in page
    # Anywhere else, or another site, is not followed.
    for elsewhere in ("https://evil.example/correspondence/", "/actions/", "//evil.example/"):
        page = member_client.get(letter.get_absolute_url(), {"back": elsewhere}).content
        assert f'href="{reverse("correspondence-list")}">Correspondence</a>' in page.decode()


def test_back_link_from_an_action_keeps_the_register_filters(member_client):
    action = ActionFactory(agenda_item__meeting=MeetingFactory())
    register = reverse("action-list") + "?status=ongoing&sort=-meeting_date"
    html = member_client.get(register).content.decode()
    assert f"{action.get_absolute_url()}?back={quote(register, safe='')}" in html
    page = member_client.get(action.get_absolute_url(), {"back": register}).content.decode()
    assert f'href="{register.replace("&", "&amp;")}" class="govuk-back-link"' in page


def test_annex_preview_sits_in_the_layout_with_back_and_pdf_links(member_client):
    meeting = MeetingFactory(committee=CommitteeFactory(name="Oversight Board"))
    html = member_client.get(reverse("board-annex", args=[meeting.pk])).content.decode()
    assert 'class="govuk-service-navigation"' in html  # the service's header and menu
    assert f'href="{reverse("board-meeting-list")}" class="govuk-back-link"' in html
    assert 'href="?format=pdf">Download PDF</a>' in html
    assert html.count("<html") == 1 and html.count("<main") == 1


def test_dashboard_counts_one_day_in_the_singular(member_client):
    ActionFactory(agenda_item__meeting=MeetingFactory())
    html = member_client.get(reverse("dashboard"), {"days": "1"}).content.decode()
    assert "not chased for more than 1 day" in html.lower()
    assert "more than 1 days" not in html
    html = member_client.get(reverse("dashboard"), {"days": "30"}).content.decode()
    assert "more than 30 days" in html

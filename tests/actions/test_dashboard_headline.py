"""The dashboard's headline numbers, above the charts, and its lists' short texts."""

import datetime as dt
import re
import subprocess
from unittest import mock

import pytest
from django.http import QueryDict
from django.utils import timezone

from actions.filters import ActionFilter
from actions.models import Action
from actiontracker.pdf import html_to_pdf
from correspondence.filters import CorrespondenceFilter
from tests.actions.test_dashboard import COMPLETED, ONGOING, committee  # noqa: F401 - fixture
from tests.factories import ActionFactory, CommitteeFactory, CorrespondenceFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def letters(committee):  # noqa: F811 - the fixture imported above
    """Two sent letters past their reply due date with no reply, one answered, one with no
    reply due, and another committee's overdue letter."""
    today = timezone.localdate()
    late = today - dt.timedelta(days=10)
    CorrespondenceFactory(committee=committee, reply_due=late)
    CorrespondenceFactory(committee=committee, reply_due=today - dt.timedelta(days=1))
    answered = CorrespondenceFactory(committee=committee, reply_due=late)
    CorrespondenceFactory(
        committee=committee,
        direction="received",
        in_reply_to=answered,
        date=today,
    )
    CorrespondenceFactory(committee=committee, reply_due=None)
    other = CommitteeFactory(name="Transport Committee")
    CorrespondenceFactory(committee=other, reply_due=late)
    # One ongoing action past its timing.
    overdue = Action.objects.filter(committee=committee, status=ONGOING).first()
    Action.objects.filter(pk=overdue.pk).update(due_date=today - dt.timedelta(days=3))
    return committee


def headline(page: str) -> str:
    return page[page.index('id="headline-heading"') : page.index('id="status-heading"')]


def test_headline_numbers_come_before_the_first_chart_and_link_to_their_rows(
    member_client, letters
):
    response = member_client.get("/dashboard/")
    page = response.content.decode()
    dashboard = response.context["dashboard"]
    assert page.index("At a glance") < page.index('id="status-heading"') < page.index("<svg")
    top = headline(page)
    figures = [dashboard.outstanding, dashboard.overdue, dashboard.completed_since]
    assert [f.count for f in figures] == [6, 1, 1]
    for figure, label in zip(
        figures,
        ["outstanding actions", "overdue actions", "answered (completed) since"],
        strict=True,
    ):
        href = figure.url.replace("&", "&amp;")
        assert re.search(
            rf'href="{re.escape(href)}"><span[^>]*>{figure.count}</span> {re.escape(label)}', top
        ), label
        rows = ActionFilter(QueryDict(figure.query)).qs
        assert rows.count() == figure.count, label
    assert dashboard.completed_since.params[1] == ("status", COMPLETED)
    # Not chased, under the overdue number, with its own link and words.
    not_chased = dashboard.not_chased
    assert f">{not_chased.count} not chased for more than 30 days</a>" in top


def test_letters_awaiting_a_reply_count_what_the_overdue_list_and_register_list(
    member_client, letters
):
    dashboard = member_client.get("/dashboard/").context["dashboard"]
    figure = dashboard.letters_awaiting_reply
    assert figure.count == 2
    assert figure.url == f"/correspondence/?committee={letters.slug}&awaiting_reply=on"
    assert CorrespondenceFilter(QueryDict(figure.query)).qs.count() == figure.count
    register = member_client.get(figure.url).content.decode()
    assert register.count("Letter ") >= figure.count
    overdue = member_client.get("/correspondence/overdue/").context["rows"]
    ours = [letter for letter, _days in overdue if letter.committee_id == letters.pk]
    assert len(ours) == figure.count
    page = member_client.get("/dashboard/").content.decode()
    assert ">2</span> letters awaiting a reply</a>" in headline(page)


def test_a_new_letter_counts_at_once_though_the_action_figures_are_cached(member_client, letters):
    first = member_client.get("/dashboard/").context["dashboard"].letters_awaiting_reply
    CorrespondenceFactory(committee=letters, reply_due=timezone.localdate())
    again = member_client.get("/dashboard/").context["dashboard"].letters_awaiting_reply
    assert again.count == first.count + 1


def test_lists_show_the_short_text_not_the_lead_in(member_client, committee):  # noqa: F811
    lead_in = "The Committee requested the following:"
    ActionFactory(
        agenda_item__meeting__committee=committee,
        agenda_item__meeting__date=dt.date(2015, 1, 8),
        intro=lead_in,
        requested_items=["a breakdown of stop and search by borough;", "the ward data."],
    )
    page = member_client.get("/dashboard/").content.decode()
    longest = page[page.index('id="longest-heading"') : page.index('id="chased-heading"')]
    assert "a breakdown of stop and search by borough" in longest
    assert lead_in not in longest


def test_the_pdf_opens_with_the_headline_numbers(member_client, letters):
    with mock.patch("actions.dashboard.views.html_to_pdf", wraps=html_to_pdf) as render:
        response = member_client.get("/dashboard/pdf/")
    html = render.call_args.args[0]
    assert "<a " not in html
    assert html.index("At a glance") < html.index("<svg")
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"],
        input=response.content,
        capture_output=True,
        check=True,
    ).stdout.decode()
    words = " ".join(text.split())
    assert words.index("6 outstanding actions") < words.index("Actions by status")
    assert "2 letters awaiting a reply" in words

"""The "Annex A" action table of a board meeting, for inclusion in a letter (seed 002)."""

import re

from django.db.models import Prefetch
from django.template.loader import render_to_string

from actions.models import Action
from actions.services import format_date
from meetings.models import Meeting, Organisation
from papers.models import Paper


def _number_key(action: Action):
    # "2" before "10"; unnumbered actions keep their place after the numbered ones.
    digits = re.match(r"\d+", action.number or "")
    return (0, int(digits.group()), action.number) if digits else (1, action.position, "")


def lead_text(action: Action) -> str:
    """The Lead cell: "MPS", "MPS and MOPAC", or the responsible person's organisation."""
    leads = [organisation.label for organisation in action.lead_organisations.all()]
    if not leads and action.responsible_person.organisation_id:
        leads = [action.responsible_person.organisation.label]
    if not leads:
        return action.responsible_person.name
    if len(leads) == 1:
        return leads[0]
    return ", ".join(leads[:-1]) + " and " + leads[-1]


def timing_text(action: Action) -> str:
    """The Timing cell as the letter writes it: the timing, else "Completed" or the due date."""
    if action.timing:
        return action.timing
    if action.status == Action.Status.COMPLETED:
        return "Completed"
    if action.due_date:
        return format_date(action.due_date)
    return ""


def annex_rows(meeting: Meeting) -> list[dict]:
    """The rows of Annex A, in action number order, read with a fixed number of queries."""
    actions = (
        Action.objects.filter(agenda_item__meeting=meeting)
        .select_related("responsible_person__organisation")
        .prefetch_related(
            Prefetch("lead_organisations", queryset=Organisation.objects.order_by("id"))
        )
    )
    rows = []
    for index, action in enumerate(sorted(actions, key=_number_key), start=1):
        rows.append(
            {
                "number": action.number or str(index),
                "intro": action.intro,
                "items": action.requested_items,
                "timing": timing_text(action),
                "lead": lead_text(action),
            }
        )
    return rows


def annex_context(meeting: Meeting) -> dict:
    """What Annex A shows: its rows, and whether it is still a draft."""
    return {
        "meeting": meeting,
        "committee": meeting.committee,
        "meeting_date": format_date(meeting.date),
        "rows": annex_rows(meeting),
        # A draft until the meeting's Annex A paper is published.
        "draft": not Paper.objects.filter(
            meeting=meeting, kind=Paper.Kind.ANNEX, status=Paper.Status.PUBLISHED
        ).exists(),
    }


def annex_html(meeting: Meeting) -> str:
    """The Annex A document of a board meeting as HTML, ready for ``html_to_pdf``."""
    return render_to_string("papers/annex.html", annex_context(meeting))

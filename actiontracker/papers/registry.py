"""The papers ``render_report --paper KIND`` can render: kind -> function(meeting) -> HTML.

Each kind of paper registers its renderer here; the command looks the kind up and turns
the HTML into a PDF through the one PDF path.
"""

from collections.abc import Callable

from actiontracker.papers.annex import annex_html
from actiontracker.papers.render import summary_html
from actiontracker.papers.response import response_html
from meetings.models import Meeting

Renderer = Callable[[Meeting], str]

RENDERERS: dict[str, Renderer] = {
    "summary": summary_html,
    "annex": annex_html,
    "response": response_html,
}

"""The papers ``render_report --paper KIND`` can render: kind -> function(meeting) -> HTML.

Each kind of paper registers its renderer here; the command looks the kind up and turns
the HTML into a PDF through the one PDF path.
"""

from collections.abc import Callable

from meetings.models import Meeting
from papers.annex import annex_html
from papers.render import summary_html
from papers.response import response_html

Renderer = Callable[[Meeting], str]

RENDERERS: dict[str, Renderer] = {
    "summary": summary_html,
    "annex": annex_html,
    "response": response_html,
}

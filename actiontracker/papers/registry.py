"""The papers ``render_report --paper KIND`` can render: kind -> function(meeting) -> HTML."""

from actiontracker.papers.annex import annex_html
from actiontracker.papers.response import response_html

PAPER_RENDERERS = {"annex": annex_html, "response": response_html}

"""Views of the committee papers: the Summary List, Annex A and response papers."""

from papers.views.paper import (
    CommitteeListView,
    PaperAgendaPackView,
    PaperCreateView,
    PaperDetailView,
    PaperListView,
    PaperPdfView,
    PaperPublishView,
    PaperUpdateView,
    ReplyLinkView,
)

__all__ = [
    "CommitteeListView",
    "PaperAgendaPackView",
    "PaperCreateView",
    "PaperDetailView",
    "PaperListView",
    "PaperPdfView",
    "PaperPublishView",
    "PaperUpdateView",
    "ReplyLinkView",
]

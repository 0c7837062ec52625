"""An imported paper's published copy, made at import: what the paper showed then (its
HTML, its actions) and its PDF, so editing its actions later never changes it."""

from functools import partial

from django.db import transaction
from django.utils import timezone

from papers.models import Paper
from papers.registry import RENDERERS
from papers.render import published_copy, published_document
from papers.tasks import store_imported_pdf


def is_frozen(paper: Paper) -> bool:
    return bool(paper.published_html) or paper.pdf is not None


def freeze_imported(papers: list[Paper], *, source_pdf: bytes | None) -> None:
    """Store the published copy of each paper the import published that has none.

    A PDF source is the published PDF itself, stored as it is. From any other source the
    PDF is made from the paper's HTML as the import left it, by the background worker once
    the import commits (so the import does not wait a second or more for it and the render
    holds no lock; until it is stored, or if it fails, the PDF download renders the page's
    stored HTML instead).
    """
    for paper in papers:
        if is_frozen(paper):
            continue  # published before: never changes
        html, action_ids = "", []
        if paper.kind == Paper.Kind.SUMMARY:
            copy = published_copy(paper)
            html, action_ids = copy.html, copy.action_ids
            document = published_document(paper, html)
        else:
            document = RENDERERS[paper.kind](paper.meeting)
        Paper.objects.filter(pk=paper.pk).update(
            published_html=html,
            published_action_ids=action_ids,
            # After the import's own writes, so "changed since publication" starts here.
            published_at=paper.published_at or timezone.now(),
            pdf=source_pdf,
        )
        if source_pdf is None:
            transaction.on_commit(
                partial(store_imported_pdf.enqueue, paper_id=paper.pk, document=document),
                robust=True,
            )

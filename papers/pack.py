"""The agenda pack: the paper followed by its appendix letters, in appendix order, with a
bookmark per appendix and one continuous "Page X of Y" across every page."""

import io
from collections.abc import Callable

from django.template.loader import render_to_string
from pypdf import PdfReader, PdfWriter

from actiontracker.pdf import html_to_pdf
from papers.models import Paper
from papers.render import DOCUMENT_TEMPLATE, paper_context, published_document


def _letter_pdf(letter) -> PdfReader | None:
    if not letter.file:
        return None
    with letter.file.open("rb") as handle:
        return PdfReader(io.BytesIO(handle.read()))


def render_agenda_pack(paper: Paper, progress: Callable[[int], None] | None = None) -> bytes:
    """The paper and its appendix letters as one PDF (pypdf), bookmarked and numbered.

    ``progress``, if given, is told the per cent done as each part is added (the
    background worker shows it to the officer waiting for a large pack).
    """
    progress = progress or (lambda percent: None)
    context = paper_context(paper)
    writer = PdfWriter()
    if paper.is_published and paper.published_html:
        # A published paper goes into its pack as it was published.
        document = published_document(paper, paper.published_html, pack=True)
    else:
        document = render_to_string(DOCUMENT_TEMPLATE, {**context, "pack": True})
    paper_pdf = html_to_pdf(document)
    writer.append(PdfReader(io.BytesIO(paper_pdf)), import_outline=False)
    writer.add_outline_item(title=paper.subject, page_number=0)
    progress(50)

    appendices = context["appendices"]
    for done, appendix in enumerate(appendices, start=1):
        start = len(writer.pages)
        parent = None
        letters = [(letter, _letter_pdf(letter)) for letter in appendix.letters]
        held = [(letter, pdf) for letter, pdf in letters if pdf is not None]
        if not held:
            placeholder = html_to_pdf(
                render_to_string("papers/pack_placeholder.html", {"appendix": appendix})
            )
            held = [(None, PdfReader(io.BytesIO(placeholder)))]
        for letter, pdf in held:
            page = len(writer.pages)
            writer.append(pdf, import_outline=False)
            if parent is None:
                parent = writer.add_outline_item(title=appendix.heading, page_number=start)
            if letter is not None and len(held) > 1:
                writer.add_outline_item(title=str(letter), page_number=page, parent=parent)
        progress(50 + 30 * done // len(appendices))

    total = len(writer.pages)
    stamps = PdfReader(
        io.BytesIO(
            html_to_pdf(
                render_to_string(
                    "papers/pack_stamp.html", {"numbers": range(1, total + 1), "total": total}
                )
            )
        )
    )
    progress(90)
    for page, stamp in zip(writer.pages, stamps.pages, strict=True):
        page.merge_page(stamp)
    writer.add_metadata({"/Title": f"{paper.subject} – agenda pack – {context['meeting_date']}"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()

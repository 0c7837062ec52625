"""Records a backup must carry beyond the demo data: a published paper's PDF bytes and an
uploaded letter file (also run by the cross-database test through `manage.py shell`)."""

from django.core.files.base import ContentFile

# Bytes that are not valid UTF-8, so a text round trip would corrupt them.
PAPER_PDF = b"%PDF-1.7\n\x00\xff\xfe binary \x80\x81 body\n%%EOF\n" * 50
LETTER_PDF = b"%PDF-1.4\n\x00\x01 letter <script>alert(1)</script> \xc3\x28\n%%EOF\n"


def add_backup_records():
    from correspondence.models import Correspondence
    from meetings.models import Meeting
    from papers.models import Paper

    # The newest meeting whose summary paper the demo has not made already.
    meeting = Meeting.objects.exclude(papers__kind=Paper.Kind.SUMMARY).order_by("-date").first()
    paper = Paper.objects.create(
        meeting=meeting,
        status=Paper.Status.PUBLISHED,
        report_to="Police and Crime Committee",
        summary_text="Café – “quotes” & <b>markup</b>",
        pdf=PAPER_PDF,
    )
    letter = Correspondence.objects.order_by("pk").first()
    letter.file.save("letter.pdf", ContentFile(LETTER_PDF))
    return paper, letter


def paper_renderings() -> dict[str, str]:
    """Every paper as a reader gets it, hashed: a published paper's stored PDF, a draft
    rendered from the records by its kind's renderer (the PDF's HTML source)."""
    import hashlib

    from papers.models import Paper
    from papers.registry import RENDERERS

    renderings = {}
    for paper in Paper.objects.select_related("meeting__committee").order_by("pk"):
        if paper.is_published:
            content = bytes(paper.pdf)
        else:
            content = RENDERERS[paper.kind](paper.meeting).encode()
        renderings[f"{paper.pk} {paper.kind} {paper.status}"] = hashlib.sha256(content).hexdigest()
    return renderings


def print_paper_renderings():
    """For the cross-database test, which reads them from `manage.py shell`."""
    import json

    print(json.dumps(paper_renderings()))

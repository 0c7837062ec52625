"""Records a backup must carry beyond the demo data: a published paper's PDF bytes and an
uploaded letter file (also run by the cross-database test through `manage.py shell`)."""

import io
import json
import zipfile

from django.core.files.base import ContentFile
from django.core.management import call_command

# Bytes that are not valid UTF-8, so a text round trip would corrupt them.
PAPER_PDF = b"%PDF-1.7\n\x00\xff\xfe binary \x80\x81 body\n%%EOF\n" * 50
LETTER_PDF = b"%PDF-1.4\n\x00\x01 letter <script>alert(1)</script> \xc3\x28\n%%EOF\n"
# Values the app accepts that databases store differently: a long text, several scripts
# (combining accents, right-to-left marks), emoji beyond the Basic Multilingual Plane
# (four bytes in UTF-8, joined sequences), tabs and Windows line ends.
AWKWARD_TEXT = (
    "Gwasanaeth Heddlu – ŵ ŷ naïve café e\u0301 – 東京 – مرحبا \u200f שלום – "
    "👩‍👩‍👧‍👦 🏳️‍🌈 🇬🇧 𝔘𝔫𝔦𝔠𝔬𝔡𝔢\ttab\r\nCRLF – “quotes” & <b>markup</b>"
)
LONG_TEXT = "".join(f"Paragraph {n}: {AWKWARD_TEXT}\n\n" for n in range(1500))
FULL_SUBJECT = "🙂" * 500  # the subject's full length, every character four bytes


def add_awkward_records():
    """Write the awkward values through the services, as the app accepts them."""
    from actions.models import Action
    from actions.services import action_update
    from correspondence.models import Complaint, Correspondence
    from correspondence.services import complaint_record, correspondence_record

    action = Action.objects.order_by("pk").first()
    action_update(action=action, expected_version=action.version, intro=LONG_TEXT)
    letter = Correspondence.objects.order_by("-pk").first()
    correspondence_record(instance=letter, data={"subject": FULL_SUBJECT})
    complaint = Complaint.objects.order_by("pk").first()
    complaint_record(
        instance=complaint,
        data={"public_summary": AWKWARD_TEXT, "confidential_details": LONG_TEXT},
        can_see_confidential=True,
    )


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


def import_refused(path, *options) -> str:
    """Run import_all expecting a refusal: exit status 1 and one line on stderr, returned."""
    stderr, stdout = io.StringIO(), io.StringIO()
    try:
        call_command("import_all", str(path), *options, stdout=stdout, stderr=stderr)
    except SystemExit as exit:
        assert exit.code == 1, exit.code
    else:
        raise AssertionError(f"import_all restored {path}: {stdout.getvalue()}")
    # One line; after the warning an option to trust the archive asks for, if any.
    *warnings, line = stderr.getvalue().splitlines()
    assert line.startswith("import_all: refused: "), line
    assert len(warnings) <= (1 if options else 0), warnings
    assert all(w.startswith("import_all: warning: ") for w in warnings)
    assert not stdout.getvalue()
    return line


def as_previous_release(current, older, change=lambda value: value) -> None:
    """Write the archive `current` as the previous release wrote it: a manifest of counts
    only, no digests, no signature. `change` edits its records and its counts."""
    with zipfile.ZipFile(current) as source, zipfile.ZipFile(older, "w") as target:
        manifest = json.loads(source.read("manifest.json"))
        previous = {
            "format": "actiontracker-backup/1",
            "counts": change(manifest["counts"]),
            "files": manifest["files"],
        }
        target.writestr("records.json", json.dumps(change(json.loads(source.read("records.json")))))
        for name in source.namelist():
            if name.startswith("media/"):
                target.writestr(name, source.read(name))
        target.writestr("manifest.json", json.dumps(previous, indent=2))

"""Import from the browser: upload a paper or action log, see what it would do, confirm or
cancel; the imports done, with their files."""

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import filesizeformat, pluralize
from django.views import View
from django.views.generic import DetailView, FormView, ListView

from actiontracker.downloads import file_response
from actiontracker.govuk import GovukFormMixin, GovukFormViewMixin
from actiontracker.permissions import PermissionRequiredMixin
from actiontracker.transactions import OutsideRequestTransactionMixin
from meetings.models import Committee
from papers.import_models import ImportRecord
from papers.importing.filetypes import LABELS, SUFFIXES, max_upload_bytes
from papers.importing.records import (
    ImportNotPending,
    ImportPlanChanged,
    import_apply,
    import_cancel,
    import_start,
)

PERMISSION = "papers.add_importrecord"
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "text": "text/plain; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
OUTCOME_WORDS = {"create": "Create", "update": "Update", "unchanged": "Unchanged"}
OUTCOME_TAGS = {
    "create": "govuk-tag--green",
    "update": "govuk-tag--blue",
    "unchanged": "govuk-tag--grey",
}


class ImportForm(GovukFormMixin, forms.Form):
    file = forms.FileField(
        label="The file",
        help_text=(
            "A paper (PDF, Word .docx or text) or an action log (Excel .xlsx or CSV), "
            f"smaller than {filesizeformat(max_upload_bytes())}."
        ),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".pdf,.docx,.xlsx,.csv,.txt,application/pdf,text/plain,text/csv"}
        ),
    )
    committee = forms.ModelChoiceField(
        queryset=Committee.objects.order_by("name"),
        required=False,
        empty_label="The committee the file names",
        label="Committee",
        help_text="Choose one if the file does not say which committee it reports to.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_upload_bytes():
            # Refused before it is read into memory.
            raise ValidationError(
                f"The file must be smaller than {filesizeformat(max_upload_bytes())}; "
                f"this file is {filesizeformat(upload.size)}."
            )
        return upload


class ImportStartView(
    OutsideRequestTransactionMixin, PermissionRequiredMixin, GovukFormViewMixin, FormView
):
    """Upload a file; it is kept, read and previewed (a dry run: nothing is written)."""

    permission_required = PERMISSION
    template_name = "papers/import_start.html"
    form_class = ImportForm

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        content = b"".join(upload.chunks())
        try:
            record = import_start(
                content=content,
                original_name=upload.name or "upload",
                user=self.request.user,
                committee=form.cleaned_data["committee"],
            )
        except ValidationError as error:
            form.add_error("file", error)
            return self.form_invalid(form)
        return redirect(record)


class ImportRecordMixin(PermissionRequiredMixin):
    permission_required = PERMISSION

    def get_record(self) -> ImportRecord:
        return get_object_or_404(
            ImportRecord.objects.select_related("uploaded_by", "committee"), pk=self.kwargs["pk"]
        )


class ImportDetailView(ImportRecordMixin, DetailView):
    """The preview of an import not yet confirmed, its outcome once applied, or why it was
    refused."""

    template_name = "papers/import_detail.html"
    context_object_name = "record"

    def get_object(self, queryset=None):
        return self.get_record()

    def get_context_data(self, **kwargs):
        record = self.object
        plan = record.plan or {}
        meetings = [
            {
                **meeting,
                "date": datetime.date.fromisoformat(meeting["date"]) if meeting["date"] else None,
                "counts": {
                    word: sum(1 for a in meeting["actions"] if a["outcome"] == key)
                    for key, word in OUTCOME_WORDS.items()
                },
                "actions": [
                    {**a, "word": OUTCOME_WORDS[a["outcome"]], "tag": OUTCOME_TAGS[a["outcome"]]}
                    for a in meeting["actions"]
                ],
            }
            for meeting in plan.get("meetings", [])
        ]
        return super().get_context_data(
            plan=plan,
            meetings=meetings,
            refusal=plan.get("refusal"),
            file_label=LABELS.get(record.file_type, record.file_type),
            action_totals=(record.counts or {}).get("actions", {}),
            created=_listed(plan.get("created", {})),
            updated=_listed(plan.get("updated", {})),
            pending=record.state == ImportRecord.State.PREVIEWED,
            **kwargs,
        )


def _listed(counts: dict) -> str:
    return ", ".join(
        f"{n} {what if n != 1 else what.removesuffix('s')}" for what, n in counts.items()
    )


class ImportConfirmView(OutsideRequestTransactionMixin, ImportRecordMixin, View):
    """Apply the previewed import, in one transaction; refused if it would now do other
    than the preview showed (the new preview is shown instead)."""

    def post(self, request, pk):
        record = self.get_record()
        try:
            record = import_apply(
                record=record, digest=request.POST.get("digest", ""), user=request.user
            )
        except ImportPlanChanged:
            messages.warning(
                request,
                "The records changed since this preview, so the import would now do something "
                "else. Nothing was written: check the new preview below and confirm again.",
            )
            return redirect(record)
        except ImportNotPending as state:
            messages.warning(
                request, f"This import is no longer waiting: it was {str(state).lower()}."
            )
            return redirect(record)
        if record.state == ImportRecord.State.APPLIED:
            actions = record.counts.get("actions", {})
            total = sum(actions.values())
            messages.success(
                request,
                f"Imported {record.original_name}: {actions.get('create', 0)} action"
                f"{pluralize(actions.get('create', 0))} created, {actions.get('update', 0)} "
                f"updated, {actions.get('unchanged', 0)} unchanged (of {total}).",
            )
        return redirect(record)


class ImportCancelView(ImportRecordMixin, View):
    """Cancel a previewed import: nothing is written and the uploaded file is removed."""

    def post(self, request, pk):
        record = self.get_record()
        try:
            import_cancel(record=record)
        except ImportNotPending as state:
            messages.warning(
                request, f"This import is no longer waiting: it was {str(state).lower()}."
            )
            return redirect(record)
        messages.success(
            request, f"Import of {record.original_name} cancelled. Nothing was written."
        )
        return redirect("import-list")


class ImportListView(PermissionRequiredMixin, ListView):
    """The imports done, newest first, with their files."""

    permission_required = PERMISSION
    template_name = "papers/import_list.html"
    context_object_name = "records"
    paginate_by = 50

    def get_queryset(self):
        return ImportRecord.objects.select_related("uploaded_by", "committee").defer(
            "plan", "unplaced"
        )


class ImportFileView(OutsideRequestTransactionMixin, ImportRecordMixin, View):
    """The imported file, to those who may import (never served from MEDIA_URL)."""

    def get(self, request, pk):
        record = self.get_record()
        if not record.file:
            raise Http404("The file was removed when the import was cancelled.")
        try:
            handle = record.file.open("rb")
        except FileNotFoundError as error:
            raise Http404("The imported file is missing.") from error
        stem = record.original_name.rpartition(".")[0] or record.original_name
        return file_response(
            handle,
            filename=f"{stem}.{SUFFIXES.get(record.file_type, 'bin')}",
            content_type=CONTENT_TYPES.get(record.file_type, "application/octet-stream"),
        )

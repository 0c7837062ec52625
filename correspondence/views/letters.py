"""The correspondence register: letters sent and received, and the letter PDFs."""

from django.contrib import messages
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.text import slugify
from django.views import View
from django.views.generic import CreateView, DetailView, ListView, TemplateView, UpdateView

from actions.selectors import action_choice_label, open_actions_matching
from actiontracker.downloads import file_response
from actiontracker.govuk import style_form
from actiontracker.permissions import PermissionRequiredMixin
from correspondence.forms import CorrespondenceForm
from correspondence.models import Correspondence
from correspondence.selectors import (
    correspondence_detail_queryset,
    correspondence_register,
    deleted_letters,
    overdue_replies,
)
from correspondence.services import (
    correspondence_delete,
    correspondence_record,
    correspondence_restore,
)
from correspondence.tables import CorrespondenceTable
from correspondence.views.base import RegisterCsvView, RegisterListView, ServiceFormMixin


class CorrespondenceListView(PermissionRequiredMixin, RegisterListView):
    permission_required = "correspondence.view_correspondence"
    create_permission = "correspondence.add_correspondence"
    selector = correspondence_register
    table_class = CorrespondenceTable
    title = "Correspondence"
    caption = "Letters sent and received"
    create_url_name = "correspondence-create"
    export_url_name = "correspondence-export"


class CorrespondenceCsvView(PermissionRequiredMixin, RegisterCsvView):
    permission_required = "correspondence.view_correspondence"
    selector = correspondence_register
    filename = "correspondence.csv"
    columns = [
        ("Dated", lambda c: c.date),
        ("Sent or received", lambda c: c.get_direction_display()),
        ("From", lambda c: c.sender),
        ("To", lambda c: c.recipient),
        ("Organisation", lambda c: c.organisation.label if c.organisation else ""),
        ("Subject", lambda c: c.subject),
        ("Reference", lambda c: c.reference),
        ("Received on", lambda c: c.received_on),
        ("Reply due", lambda c: c.reply_due),
        ("Replies", lambda c: c.reply_count),
        ("Committee", lambda c: c.committee.name),
    ]


class OverdueRepliesView(PermissionRequiredMixin, ListView):
    permission_required = "correspondence.view_correspondence"
    template_name = "correspondence/overdue_replies.html"
    paginate_by = 100

    def get_queryset(self):
        self.today = timezone.localdate()
        return overdue_replies(today=self.today)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["rows"] = [
            (letter, (self.today - letter.reply_due).days) for letter in context["object_list"]
        ]
        return context


class CorrespondenceDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "correspondence.view_correspondence"
    template_name = "correspondence/correspondence_detail.html"
    context_object_name = "letter"

    def get_queryset(self):
        return correspondence_detail_queryset()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        letter = self.object
        context["is_overdue"] = bool(
            letter.reply_due
            and letter.reply_due < timezone.localdate()
            and not letter.replies.all()
        )
        return context


class ActionPickerMixin:
    """The letter form's "Search actions" button: the form comes back with what the officer
    typed and the matching actions to tick, nothing saved (the page works without
    JavaScript; with it, the type-ahead asks ActionSearchView instead)."""

    def post(self, request, *args, **kwargs):
        if "search_actions" not in request.POST:
            return super().post(request, *args, **kwargs)
        self.object = self.get_object() if self.kwargs.get("pk") else None
        sent = self.get_form(data=request.POST, files=request.FILES)
        # Shown again unbound: a search is not a save, so nothing is refused yet.
        initial = {name: sent[name].value() for name in sent.fields if name != "letter"}
        kwargs = {**self.get_form_kwargs(), "initial": initial}
        kwargs.pop("data", None)
        kwargs.pop("files", None)
        form = style_form(self.get_form_class()(**kwargs))
        context = self.get_context_data(
            form=form, searched=True, file_forgotten=bool(request.FILES)
        )
        return self.render_to_response(context)


class ActionSearchView(PermissionRequiredMixin, View):
    """The ongoing actions matching ``q`` (of committee ``committee``, if given) as JSON,
    for the letter form's type-ahead: at most 25, in one query."""

    permission_required = ("correspondence.change_correspondence", "actions.view_action")

    def get(self, request):
        query = request.GET.get("q", "").strip()[:200]
        committee = request.GET.get("committee", "")
        several = not committee.isdigit()
        actions = open_actions_matching(
            query=query, committee_id=None if several else int(committee)
        )
        results = [
            {"id": a.pk, "label": action_choice_label(a, with_committee=several)} for a in actions
        ]
        return JsonResponse({"results": results})


class CorrespondenceCreateView(
    PermissionRequiredMixin, ActionPickerMixin, ServiceFormMixin, CreateView
):
    permission_required = "correspondence.add_correspondence"
    form_class = CorrespondenceForm
    template_name = "correspondence/correspondence_form.html"
    success_message = "The letter was recorded."

    def save(self, form):
        return correspondence_record(**form.service_kwargs())


class CorrespondenceUpdateView(
    PermissionRequiredMixin, ActionPickerMixin, ServiceFormMixin, UpdateView
):
    permission_required = "correspondence.change_correspondence"
    form_class = CorrespondenceForm
    template_name = "correspondence/correspondence_form.html"
    queryset = Correspondence.objects.all()
    success_message = "The letter was updated."

    def save(self, form):
        # The service starts from the stored record, locked, not the form's copy of it.
        return correspondence_record(instance=self.object, **form.service_kwargs())


class CorrespondenceDeleteView(PermissionRequiredMixin, TemplateView):
    """Delete a letter: it leaves the register, restorable from the deleted letters."""

    permission_required = "correspondence.delete_correspondence"
    template_name = "correspondence/correspondence_confirm_delete.html"

    def get_context_data(self, **kwargs):
        letter = get_object_or_404(Correspondence.objects, pk=self.kwargs["pk"])
        return super().get_context_data(letter=letter, **kwargs)

    def post(self, request, *args, **kwargs):
        letter = get_object_or_404(Correspondence.objects, pk=kwargs["pk"])
        correspondence_delete(letter=letter)
        messages.success(request, "The letter was deleted. Officers can restore it.")
        return redirect("correspondence-deleted")


class DeletedCorrespondenceListView(PermissionRequiredMixin, ListView):
    """Deleted letters, to those who may delete (and so restore) them."""

    permission_required = "correspondence.delete_correspondence"
    template_name = "correspondence/correspondence_deleted.html"
    context_object_name = "letters"
    paginate_by = 50

    def get_queryset(self):
        return deleted_letters()


class CorrespondenceRestoreView(PermissionRequiredMixin, TemplateView):
    permission_required = "correspondence.delete_correspondence"
    template_name = "correspondence/correspondence_confirm_restore.html"

    def get_context_data(self, **kwargs):
        letter = get_object_or_404(deleted_letters(), pk=self.kwargs["pk"])
        return super().get_context_data(letter=letter, **kwargs)

    def post(self, request, *args, **kwargs):
        letter = get_object_or_404(deleted_letters(), pk=kwargs["pk"])
        correspondence_restore(letter=letter)
        messages.success(request, "The letter was restored to the register.")
        return redirect(letter.get_absolute_url())


def letter_download_name(letter: Correspondence) -> str:
    """A safe file name from the letter's date and subject, never the stored one."""
    stem = slugify(f"{letter.date:%Y-%m-%d} {letter.subject}")[:80].strip("-")
    return f"{stem or 'letter'}.pdf"


class LetterFileView(PermissionRequiredMixin, DetailView):
    """The letter PDF, to those who may read the correspondence (never served from MEDIA_URL).
    A deleted letter's file stays: the papers that had it as an appendix still link to it."""

    permission_required = "correspondence.view_correspondence"

    queryset = Correspondence.all_objects.all()

    def get(self, request, *args, **kwargs):
        letter = self.get_object()
        if not letter.file:
            raise Http404("No letter has been uploaded.")
        try:
            handle = letter.file.open("rb")
        except FileNotFoundError as error:
            raise Http404("The letter file is missing.") from error
        return file_response(
            handle, filename=letter_download_name(letter), content_type="application/pdf"
        )


class RegistersIndexView(PermissionRequiredMixin, TemplateView):
    """The registers the user may open: each link shown to those its register lets in."""

    template_name = "correspondence/registers.html"
    # Any one register is reason enough to come here.
    permission_required = (
        "correspondence.view_correspondence",
        "correspondence.view_transparencydisclosure",
        "correspondence.view_committeereport",
        "correspondence.view_complaint",
        "meetings.view_meeting",
    )
    permission_any = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.request.user.has_perm("correspondence.view_correspondence"):
            context["overdue_count"] = overdue_replies(today=timezone.localdate()).count()
        return context

"""Paper pages: list per committee, create, edit, preview, PDF download, publish."""

from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import pluralize
from django.views import View
from django.views.generic import DetailView, FormView, TemplateView

from actions.services import format_date
from actiontracker.downloads import file_response
from actiontracker.govuk import GovukFormViewMixin
from actiontracker.pdf import html_to_pdf
from actiontracker.permissions import PermissionRequiredMixin
from actiontracker.transactions import OutsideRequestTransactionMixin
from actiontracker.versioning import StaleEditError
from correspondence.models import Correspondence
from meetings.models import Committee, Meeting
from papers import selectors, services
from papers.appendices import next_appendix_number, next_paper
from papers.forms import PaperForm, ReplyLinkForm
from papers.models import Paper, RenderJob
from papers.pack import render_agenda_pack
from papers.published import changes_since_publication
from papers.render import (
    paper_context,
    published_document,
    render_paper_pdf,
    section_four_texts,
)
from papers.renderjobs.services import (
    DRAFT_PDF_CACHE_SECONDS,
    pdf_cache_key,
    render_job_request,
    renders_in_background,
)


class PaperObjectMixin:
    def get_paper(self) -> Paper:
        if not hasattr(self, "_paper"):
            self._paper = get_object_or_404(
                Paper.objects.select_related("meeting__committee").defer("pdf"),
                pk=self.kwargs["pk"],
                kind=Paper.Kind.SUMMARY,
            )
        return self._paper


class CommitteeListView(PermissionRequiredMixin, TemplateView):
    permission_required = "papers.view_paper"
    template_name = "papers/committee_list.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(committees=Committee.objects.order_by("name"), **kwargs)


class PaperListView(PermissionRequiredMixin, TemplateView):
    """The committee's meetings, newest first, each with its paper or a way to create it."""

    permission_required = "papers.view_paper"

    template_name = "papers/paper_list.html"

    def get_context_data(self, **kwargs):
        committee = get_object_or_404(Committee, slug=self.kwargs["slug"])
        papers = {
            p.meeting_id: p
            for p in Paper.objects.filter(
                meeting__committee=committee, kind=Paper.Kind.SUMMARY
            ).defer("pdf", "published_html")
        }
        meetings = [(m, papers.get(m.pk)) for m in committee.meetings.order_by("-date")]
        return super().get_context_data(committee=committee, meetings=meetings, **kwargs)


class PaperCreateView(PermissionRequiredMixin, TemplateView):
    permission_required = "papers.add_paper"
    template_name = "papers/paper_create.html"

    def get_meeting(self):
        return get_object_or_404(Meeting.objects.select_related("committee"), pk=self.kwargs["pk"])

    def get_context_data(self, **kwargs):
        return super().get_context_data(meeting=self.get_meeting(), **kwargs)

    def post(self, request, *args, **kwargs):
        meeting = self.get_meeting()
        existing = Paper.objects.filter(meeting=meeting, kind=Paper.Kind.SUMMARY).first()
        if existing:
            messages.info(request, "This meeting already has a paper.")
            return redirect(existing)
        paper = services.paper_create(meeting=meeting, by=request.user)
        messages.success(request, "Paper created. Check its texts, period and letters.")
        return redirect("paper-edit", pk=paper.pk)


class PaperDetailView(PermissionRequiredMixin, PaperObjectMixin, DetailView):
    """The browser preview: the paper's one template inside the site layout."""

    permission_required = "papers.view_paper"

    template_name = "papers/paper_detail.html"
    context_object_name = "paper"

    def get_object(self, queryset=None):
        return self.get_paper()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        paper = self.object
        if paper.is_published and paper.published_html:
            # The paper as it was published, and what has changed in its actions since.
            committee = paper.meeting.committee
            context.update(
                committee=committee,
                report_to=paper.report_to or committee.name,
                meeting_date=format_date(paper.meeting.date),
                published_html=paper.published_html,
                changes=changes_since_publication(paper),
            )
        else:
            context.update(paper_context(paper))
        return context


class PaperUpdateView(PermissionRequiredMixin, PaperObjectMixin, GovukFormViewMixin, FormView):
    permission_required = "papers.change_paper"
    template_name = "papers/paper_form.html"
    form_class = PaperForm

    def dispatch(self, request, *args, **kwargs):
        if self.has_permission():
            paper = self.get_paper()
            if paper.is_published:
                messages.error(request, "This paper is published and can no longer be edited.")
                return redirect(paper)
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        paper = self.get_paper()
        return {
            **super().get_form_kwargs(),
            "instance": paper,
            "section_four_texts": section_four_texts(paper),
        }

    def get_context_data(self, **kwargs):
        return super().get_context_data(paper=self.get_paper(), **kwargs)

    def form_valid(self, form):
        data = {name: form.cleaned_data[name] for name in services.EDITABLE_FIELDS}
        try:
            paper = services.paper_update(
                paper=self.get_paper(),
                data=data,
                letters=form.cleaned_data["letters"],
                section_four=form.cleaned_data["section_four"],
                contact_officers=form.cleaned_data["contact_officers"],
                paragraphs=form.paragraphs(),
                expected_version=form.opened_version(),
            )
        except StaleEditError as error:
            return self.refuse_stale(form, error)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc.messages)
            return self.form_invalid(form)
        messages.success(self.request, "Paper saved.")
        return redirect(paper)

    def refuse_stale(self, form, error: StaleEditError):
        """Show what the other person changed; their save stands, ours is not written. The
        form keeps the editor's values, now at the current version."""
        data = form.data.copy()
        data["version"] = error.record.version
        fresh = self.get_form_class()(**{**self.get_form_kwargs(), "data": data})
        fresh.is_valid()
        context = self.get_context_data(form=fresh, conflict=error, error_links=[])
        return self.render_to_response(context, status=409)


def pdf_response(content: bytes, filename: str) -> HttpResponse:
    return file_response(content, filename=filename, content_type="application/pdf")


def paper_state_or_404(pk: int) -> selectors.PaperState:
    state = selectors.paper_state(pk)
    if state is None:
        raise Http404("No such paper.")
    return state


def rendered_pdf(request, pk: int, state, kind: str, filename: str, render) -> HttpResponse:
    """A PDF made from the records: from the cache while nothing it shows has changed;
    else made at once if small, or by the background worker if large, the reader being
    sent to the job's page, which shows its progress and offers the file when ready."""
    digest = state.digest
    key = pdf_cache_key(kind, pk, digest)
    content = cache.get(key)
    if content is None:
        if renders_in_background(state, kind):
            paper = Paper.objects.only("pk").get(pk=pk)
            job = render_job_request(paper=paper, user=request.user, kind=kind, fingerprint=digest)
            if job.status != RenderJob.Status.DONE:
                return redirect(job)
            content = RenderJob.objects.values_list("pdf", flat=True).get(pk=job.pk)
            return pdf_response(bytes(content), filename)
        paper = Paper.objects.select_related("meeting__committee").get(pk=pk)
        content = render(paper)
        cache.set(key, content, DRAFT_PDF_CACHE_SECONDS)
    return pdf_response(content, filename)


class PaperPdfView(OutsideRequestTransactionMixin, PermissionRequiredMixin, View):
    """The PDF: the stored bytes once published; for a draft, rendered and cached on a
    fingerprint of everything it shows, so any change renders it again."""

    permission_required = "papers.view_paper"

    def get(self, request, pk):
        state = paper_state_or_404(pk)
        filename = f"{state.meeting_date:%Y-%m-%d}-summary-list-of-actions.pdf"
        if state.is_published:
            stored = Paper.objects.filter(pk=pk).values_list("pdf", flat=True).first()
            if stored:
                return pdf_response(bytes(stored), filename)
            paper = Paper.objects.select_related("meeting__committee").defer("pdf").get(pk=pk)
            if paper.published_html:
                # Its PDF is still being made (or failed): make it from the published HTML.
                document = published_document(paper, paper.published_html)
                return pdf_response(html_to_pdf(document), filename)
        return rendered_pdf(request, pk, state, RenderJob.Kind.PAPER, filename, render_paper_pdf)


class PaperAgendaPackView(OutsideRequestTransactionMixin, PermissionRequiredMixin, View):
    """The paper followed by its appendix letters, as one PDF (cached like the draft)."""

    permission_required = "papers.view_paper"

    def get(self, request, pk):
        state = paper_state_or_404(pk)
        filename = f"{state.meeting_date:%Y-%m-%d}-agenda-pack.pdf"
        return rendered_pdf(request, pk, state, RenderJob.Kind.PACK, filename, render_agenda_pack)


class PaperPublishView(PermissionRequiredMixin, PaperObjectMixin, TemplateView):
    permission_required = "papers.change_paper"
    template_name = "papers/paper_publish.html"

    def get(self, request, *args, **kwargs):
        paper = self.get_paper()
        if paper.is_published:
            messages.info(request, "This paper is already published.")
            return redirect(paper)
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(paper=self.get_paper(), **kwargs)

    def post(self, request, *args, **kwargs):
        paper = self.get_paper()
        state = paper_state_or_404(paper.pk)
        if not state.is_published and renders_in_background(state, RenderJob.Kind.PUBLISH):
            job = render_job_request(
                paper=paper,
                user=request.user,
                kind=RenderJob.Kind.PUBLISH,
                fingerprint=state.digest,
            )
            messages.info(
                request,
                "This paper is large: its PDF is being made in the background, and the paper "
                "is published as soon as the PDF is ready.",
            )
            return redirect(job)
        try:
            services.paper_publish(paper=paper, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect(paper)
        messages.success(request, "Paper published. Its PDF is now fixed.")
        return redirect(paper)


class ReplyLinkView(PermissionRequiredMixin, GovukFormViewMixin, FormView):
    """Link a received reply to the actions it answers; on confirmation complete them with
    "Attached at Appendix N." (N: the reply's number in the next paper)."""

    permission_required = ("correspondence.change_correspondence", "actions.change_action")

    template_name = "papers/reply_link.html"
    form_class = ReplyLinkForm

    def get_letter(self) -> Correspondence:
        if not hasattr(self, "_letter"):
            self._letter = get_object_or_404(
                Correspondence.objects.select_related("committee"),
                pk=self.kwargs["pk"],
                direction=Correspondence.Direction.RECEIVED,
            )
        return self._letter

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["letter"] = self.get_letter()
        if self.request.method != "POST":
            kwargs["initial"] = {"actions": list(self.get_letter().answers.all())}
        return kwargs

    def get_context_data(self, **kwargs):
        letter = self.get_letter()
        return super().get_context_data(
            letter=letter,
            appendix_number=next_appendix_number(letter),
            next_paper=next_paper(letter),
            **kwargs,
        )

    def form_valid(self, form):
        letter = self.get_letter()
        actions = list(form.cleaned_data["actions"])
        number = services.reply_link_actions(
            letter=letter, actions=actions, complete=form.cleaned_data["complete"]
        )
        if number is None:
            messages.success(
                self.request, f"Linked {len(actions)} action{pluralize(actions)} to the reply."
            )
        else:
            messages.success(
                self.request,
                f"Linked and completed {len(actions)} action{pluralize(actions)}: "
                f"“Completed. Attached at Appendix {number}.”",
            )
        paper = next_paper(letter)
        return redirect(paper if paper else self.request.path)

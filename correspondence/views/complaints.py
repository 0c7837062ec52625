"""The complaints register of the Monitoring Officer.

Officers see and edit the register without the confidential details; only a user with
``correspondence.view_confidential_complaint`` (the Monitoring Officer) sees or writes them.
Members have no access. No export or history page shows confidential details.
"""

from django.views.generic import CreateView, DetailView, UpdateView

from actiontracker.permissions import PermissionRequiredMixin
from correspondence.forms import ComplaintForm, ConfidentialComplaintForm
from correspondence.models import Complaint
from correspondence.selectors import complaint_register
from correspondence.services import complaint_record
from correspondence.tables import ComplaintTable
from correspondence.views.base import RegisterCsvView, RegisterListView, ServiceFormMixin

CONFIDENTIAL_PERMISSION = "correspondence.view_confidential_complaint"


def can_see_confidential(user) -> bool:
    return user.has_perm(CONFIDENTIAL_PERMISSION)


class ComplaintListView(PermissionRequiredMixin, RegisterListView):
    permission_required = "correspondence.view_complaint"
    create_permission = "correspondence.add_complaint"
    selector = complaint_register
    table_class = ComplaintTable
    title = "Complaints"
    caption = "Complaints about MOPAC and the Deputy Mayor for Policing and Crime"
    create_url_name = "complaint-create"
    export_url_name = "complaint-export"


class ComplaintCsvView(PermissionRequiredMixin, RegisterCsvView):
    """Public fields only, whoever asks: confidential details never leave the application."""

    permission_required = "correspondence.view_complaint"

    selector = complaint_register
    filename = "complaints.csv"
    columns = [
        ("Received", lambda c: c.received_on),
        ("Concerning", lambda c: c.concerning),
        ("Public summary", lambda c: c.public_summary),
        ("Decision", lambda c: c.get_decision_display()),
        ("Reasons", lambda c: c.reasons),
        ("Decided", lambda c: c.decided_on),
        ("Responsible officer", lambda c: c.responsible_officer),
        ("Deadline", lambda c: c.deadline),
        ("Committee", lambda c: c.committee.name),
    ]


class ComplaintDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "correspondence.view_complaint"
    template_name = "correspondence/complaint_detail.html"
    context_object_name = "complaint"

    def get_queryset(self):
        queryset = Complaint.objects.select_related("committee")
        if not can_see_confidential(self.request.user):
            # Not even read from the database for anyone else.
            queryset = queryset.defer("confidential_details")
        return queryset

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["can_see_confidential"] = can_see_confidential(self.request.user)
        return context


class ComplaintFormMixin(PermissionRequiredMixin, ServiceFormMixin):
    template_name = "correspondence/complaint_form.html"

    def get_form_class(self):
        if can_see_confidential(self.request.user):
            return ConfidentialComplaintForm
        return ComplaintForm

    def save(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        # The service starts from the stored record, locked, not the form's copy of it.
        return complaint_record(
            data=data,
            instance=self.object,
            can_see_confidential=can_see_confidential(self.request.user),
            expected_version=form.opened_version(),
        )


class ComplaintCreateView(ComplaintFormMixin, CreateView):
    permission_required = "correspondence.add_complaint"
    success_message = "The complaint was recorded."

    def get_form_kwargs(self):
        self.object = None
        return super().get_form_kwargs()


class ComplaintUpdateView(ComplaintFormMixin, UpdateView):
    permission_required = "correspondence.change_complaint"
    success_message = "The complaint was updated."

    def get_queryset(self):
        queryset = Complaint.objects.all()
        if not can_see_confidential(self.request.user):
            queryset = queryset.defer("confidential_details")
        return queryset

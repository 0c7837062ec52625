"""The transparency disclosures register: Members' significant contacts with the MPS/MOPAC."""

from django.views.generic import CreateView, DetailView, UpdateView

from actiontracker.permissions import PermissionRequiredMixin
from correspondence.forms import DisclosureForm
from correspondence.models import TransparencyDisclosure
from correspondence.selectors import disclosure_register
from correspondence.services import disclosure_record
from correspondence.tables import DisclosureTable, disclosure_timeliness
from correspondence.views.base import RegisterCsvView, RegisterListView, ServiceFormMixin


class DisclosureListView(PermissionRequiredMixin, RegisterListView):
    permission_required = "correspondence.view_transparencydisclosure"
    create_permission = "correspondence.add_transparencydisclosure"
    selector = disclosure_register
    table_class = DisclosureTable
    title = "Transparency disclosures"
    caption = "Disclosures are due within 28 days of the contact"
    create_url_name = "disclosure-create"
    export_url_name = "disclosure-export"


class DisclosureCsvView(PermissionRequiredMixin, RegisterCsvView):
    permission_required = "correspondence.view_transparencydisclosure"
    selector = disclosure_register
    filename = "transparency-disclosures.csv"
    columns = [
        ("Member", lambda d: d.member),
        ("Contact date", lambda d: d.contact_date),
        ("With whom", lambda d: d.with_whom),
        ("Details", lambda d: d.details),
        ("Disclosed", lambda d: d.disclosed_on),
        ("Days to disclose", lambda d: d.days_to_disclose),
        ("Late", lambda d: "Yes" if d.is_late else "No"),
        ("Within 28 days?", disclosure_timeliness),
        ("Committee", lambda d: d.committee.name),
    ]


class DisclosureDetailView(PermissionRequiredMixin, DetailView):
    permission_required = "correspondence.view_transparencydisclosure"
    template_name = "correspondence/disclosure_detail.html"
    context_object_name = "disclosure"
    queryset = TransparencyDisclosure.objects.select_related("committee")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["timeliness"] = disclosure_timeliness(self.object)
        return context


class DisclosureFormMixin(PermissionRequiredMixin, ServiceFormMixin):
    form_class = DisclosureForm
    template_name = "correspondence/disclosure_form.html"

    def save(self, form):
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        # The service starts from the stored record, locked, not the form's copy of it.
        return disclosure_record(
            data=data, instance=self.object, expected_version=form.opened_version()
        )


class DisclosureCreateView(DisclosureFormMixin, CreateView):
    permission_required = "correspondence.add_transparencydisclosure"
    success_message = "The disclosure was recorded."

    def get_form_kwargs(self):
        self.object = None
        return super().get_form_kwargs()


class DisclosureUpdateView(DisclosureFormMixin, UpdateView):
    permission_required = "correspondence.change_transparencydisclosure"
    queryset = TransparencyDisclosure.objects.all()
    success_message = "The disclosure was updated."

"""What every register page shares: a filtered table, its CSV export, and GOV.UK forms."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.views import View
from django.views.generic import TemplateView
from django_tables2 import RequestConfig

from actiontracker.exports import Column, Exporter
from actiontracker.govuk import GovukFormViewMixin, style_form
from actiontracker.transactions import OutsideRequestTransactionMixin
from actiontracker.versioning import StaleEditError


class RegisterListView(TemplateView):
    """A register: its FilterSet (from a selector) feeding a django-tables2 table."""

    template_name = "correspondence/register_list.html"
    selector = None
    table_class = None
    title = ""
    caption = ""
    create_url_name = ""
    export_url_name = ""

    create_permission = ""

    def can_create(self) -> bool:
        # The add link only for those the add view lets in.
        return self.request.user.has_perm(self.create_permission)

    def get_filterset(self):
        return type(self).selector(data=self.request.GET or None)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset = self.get_filterset()
        style_form(filterset.form)
        table = self.table_class(filterset.qs)
        RequestConfig(self.request, paginate={"per_page": 50}).configure(table)
        table.show_committee_if_several()
        table.back_path = self.request.get_full_path()
        context.update(
            filter=filterset,
            table=table,
            title=self.title,
            caption=self.caption,
            create_url_name=self.create_url_name if self.can_create() else "",
            export_url_name=self.export_url_name,
            query=self.request.GET.urlencode(),
        )
        return context


class RegisterCsvView(OutsideRequestTransactionMixin, View):
    """The same filtered register as CSV, streamed. ``columns`` are (header, function of a
    record giving its typed value: text, a number, a date or nothing)."""

    selector = None
    filename = "register.csv"
    columns: list = []

    def get(self, request, *args, **kwargs):
        filterset = type(self).selector(data=request.GET or None)
        name, _dot, format = self.filename.rpartition(".")
        exporter = Exporter(name=name, columns=[Column(*column) for column in self.columns])
        return exporter.response(filterset.qs.iterator(chunk_size=2000), format=format)


class ServiceFormMixin(GovukFormViewMixin):
    """Forms whose valid data goes to a service; the service's errors re-display the form."""

    success_message = "Saved."

    def get_form(self, form_class=None, data=None, files=None):
        if data is None:
            return style_form(super().get_form(form_class))
        kwargs = {**self.get_form_kwargs(), "data": data, "files": files}
        return style_form((form_class or self.get_form_class())(**kwargs))

    def save(self, form):
        raise NotImplementedError

    def refuse_stale(self, form, error: StaleEditError):
        """Show what the other person changed; their save stands, ours is not written. The
        form keeps the editor's values, now at the current version."""
        data = form.data.copy()
        data[form.version_field] = error.record.version
        fresh = self.get_form(data=data, files=form.files)
        fresh.is_valid()
        context = self.get_context_data(form=fresh, conflict=error, error_links=[])
        return self.render_to_response(context, status=409)

    def form_valid(self, form):
        try:
            self.object = self.save(form)
        except StaleEditError as error:
            return self.refuse_stale(form, error)
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.object.get_absolute_url())

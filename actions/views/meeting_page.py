"""A meeting's page: its agenda items and their actions; officers add and correct them there.

Each form on the page posts back to the page, naming itself in ``form``; an invalid one is
shown again with what was typed and its errors, the rest of the page as it was.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect
from django.views.generic import TemplateView

from actions import meeting_forms as forms
from actions.selectors import meeting_page
from actions.services import action_create
from actiontracker.govuk import error_links
from actiontracker.permissions import PermissionRequiredMixin
from meetings.services import agenda_item_create, agenda_item_update

# What each of the page's forms needs beyond reading the page.
FORM_PERMISSIONS = {
    "add-item": "meetings.add_agendaitem",
    "edit-item": "meetings.change_agendaitem",
    "add-action": "actions.add_action",
}


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def add_errors(form, error: ValidationError) -> None:
    """A service's refusal, each message at its field where the form has one."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, errors in error.error_dict.items():
        form.add_error(name if name in form.fields else None, errors)


class MeetingDetailView(PermissionRequiredMixin, TemplateView):
    permission_required = ("meetings.view_meeting", "actions.view_action")
    template_name = "meetings/meeting_detail.html"

    def get(self, request, *args, **kwargs):
        self.meeting = meeting_page(pk=kwargs["pk"])
        return self.show()

    def post(self, request, *args, **kwargs):
        which = request.POST.get("form", "")
        if which not in FORM_PERMISSIONS:
            return HttpResponseBadRequest("Unknown form.")
        if not request.user.has_perm(FORM_PERMISSIONS[which]):
            raise PermissionDenied
        self.meeting = meeting_page(pk=kwargs["pk"])
        if which == "add-item":
            form = forms.ItemForm(data=request.POST, prefix="new-item")
            return self.save(form, lambda data: agenda_item_create(meeting=self.meeting, **data))
        item = self.posted_item()
        if which == "edit-item":
            form = forms.ItemForm(data=request.POST, prefix=f"item-{item.pk}")
            return self.save(form, lambda data: agenda_item_update(item=item, **data), item)
        form = forms.MeetingActionForm(data=request.POST, prefix=f"action-{item.pk}")
        return self.save(form, lambda data: action_create(agenda_item=item, **data), item)

    def posted_item(self):
        pk = self.request.POST.get("item", "")
        for item in self.meeting.items.all():
            if str(item.pk) == pk:
                return item
        raise Http404("No such agenda item at this meeting.")

    def save(self, form, write, item=None):
        """Write through the service; on success go back to the item, else show the errors."""
        if form.is_valid():
            try:
                saved = write(form.cleaned_data)
            except ValidationError as error:
                add_errors(form, error)
            else:
                item = getattr(saved, "agenda_item", saved)
                messages.success(self.request, self.done_message(form, saved))
                return redirect(f"{self.meeting.get_absolute_url()}#item-{item.pk}")
        return self.show(bound=form, bound_item=item)

    @staticmethod
    def done_message(form, saved) -> str:
        if isinstance(form, forms.MeetingActionForm):
            return f"The action was added to item {saved.agenda_item.number}."
        if form.prefix == "new-item":
            return f"Item {saved.number} was added to the agenda."
        return f"Item {saved.number} was saved."

    def show(self, bound=None, bound_item=None):
        user = self.request.user
        can_add_actions = user.has_perm("actions.add_action")
        can_edit_items = user.has_perm("meetings.change_agendaitem")
        # One query for the people list, shared by every item's "Add an action" form.
        # (Iterated, not list()ed: list() would ask the iterator's length, a COUNT query.)
        people = [*iter(forms.MeetingActionForm().fields["responsible_person"].choices)]
        agenda, action_count = [], 0
        for item in self.meeting.items.all():
            actions = list(item.actions.all())
            action_count += len(actions)
            entry = {"item": item, "actions": actions, "edit_form": None, "action_form": None}
            is_bound = bound is not None and bound_item is not None and bound_item.pk == item.pk
            if can_edit_items:
                entry["edit_form"] = (
                    bound
                    if is_bound and isinstance(bound, forms.ItemForm)
                    else forms.ItemForm(
                        prefix=f"item-{item.pk}",
                        initial={"number": item.number, "title": item.title},
                    )
                )
            if can_add_actions:
                form = (
                    bound
                    if is_bound and isinstance(bound, forms.MeetingActionForm)
                    else forms.MeetingActionForm(prefix=f"action-{item.pk}")
                )
                form.fields["responsible_person"].widget.choices = people
                entry["action_form"] = form
            agenda.append(entry)
        new_item = bound if bound is not None and bound_item is None else None
        if new_item is None and user.has_perm("meetings.add_agendaitem"):
            new_item = forms.ItemForm(prefix="new-item")
        context = self.get_context_data(
            meeting=self.meeting,
            agenda=agenda,
            summary=(f"{plural(len(agenda), 'agenda item')} and {plural(action_count, 'action')}."),
            new_item_form=new_item,
            bound=bound,
            error_links=error_links(bound) if bound is not None else [],
        )
        return self.render_to_response(context)

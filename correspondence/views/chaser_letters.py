"""Letters from the Chair chasing an organisation's outstanding actions: the ones waiting
for an officer (proposed by the chase schedule or by an officer from the Chases due page),
each previewed as its PDF and sent (registered) on approval."""

from django.contrib import messages
from django.db.models import Count
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from actiontracker.downloads import file_response
from actiontracker.permissions import PermissionRequiredMixin
from correspondence.chaser_letters import (
    chaser_letter_for_organisation,
    chaser_letter_pdf,
    chaser_letter_send,
)
from correspondence.chaser_models import ChaserLetter
from meetings.models import Committee, Organisation

RECENT_LETTERS = 20


class ChaserLetterListView(PermissionRequiredMixin, View):
    """The letters waiting for approval, and those sent lately."""

    permission_required = "correspondence.view_correspondence"

    def get(self, request):
        letters = ChaserLetter.objects.select_related("organisation", "committee", "letter")
        proposed = letters.filter(status=ChaserLetter.Status.PROPOSED).annotate(
            action_count=Count("actions")
        )
        return render(
            request,
            "correspondence/chaser_letter_list.html",
            {
                "proposed": proposed.order_by("date", "pk"),
                "sent": letters.filter(status=ChaserLetter.Status.SENT).order_by("-date", "-pk")[
                    :RECENT_LETTERS
                ],
                "can_send": request.user.has_perm("correspondence.add_correspondence"),
            },
        )


class ChaserLetterCreateView(PermissionRequiredMixin, View):
    """An officer asks for a letter to an organisation about its outstanding actions of a
    committee; it waits on the letters page for approval."""

    permission_required = "correspondence.add_correspondence"

    def post(self, request):
        organisation = get_object_or_404(Organisation, pk=request.POST.get("organisation"))
        committee = get_object_or_404(Committee, pk=request.POST.get("committee"))
        try:
            chaser_letter_for_organisation(
                organisation=organisation,
                committee=committee,
                date=timezone.localdate(),
                by=request.user,
            )
        except ValueError as error:
            messages.error(request, str(error))
            return redirect("chaser-letter-list")
        messages.success(
            request,
            f"A letter from the Chair of the {committee.name} to {organisation.label} awaits "
            "approval.",
        )
        return redirect("chaser-letter-list")


class ChaserLetterPdfView(PermissionRequiredMixin, View):
    """The letter as sent, or for one awaiting approval, as it would be sent today."""

    permission_required = "correspondence.view_correspondence"

    def get(self, request, pk):
        chaser = get_object_or_404(
            ChaserLetter.objects.select_related("organisation", "committee", "letter"), pk=pk
        )
        name = f"chaser-letter-{chaser.organisation.label}-{chaser.date:%Y-%m-%d}.pdf"
        if chaser.letter is not None and chaser.letter.file:
            return file_response(
                chaser.letter.file.open("rb"), filename=name, content_type="application/pdf"
            )
        pdf = chaser_letter_pdf(chaser, timezone.localdate())
        return file_response(pdf, filename=name, content_type="application/pdf")


class ChaserLetterSendView(PermissionRequiredMixin, View):
    """Approve a letter: it is dated today, registered as a letter sent and recorded as a
    chase of each of its actions."""

    permission_required = ("correspondence.add_correspondence", "actions.add_followup")

    def post(self, request, pk):
        chaser = get_object_or_404(ChaserLetter, pk=pk)
        try:
            letter = chaser_letter_send(chaser=chaser, date=timezone.localdate(), by=request.user)
        except ValueError as error:
            messages.error(request, str(error))
            return redirect("chaser-letter-list")
        messages.success(
            request,
            f"The letter to {chaser.organisation.label} is in the register as sent; its reply "
            f"is due on {letter.reply_due:%-d %B %Y}.",
        )
        return redirect(letter.get_absolute_url())

"""Keep each action's copy of its meeting (``Action.committee``, ``Action.meeting_date``) in
step when a meeting moves to another date or committee, or an agenda item to another meeting.

Saving an action sets its own copy (``Action.save``). Fixtures and backups load rows as
they were saved (``raw``), copies included.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver

from actions.models import Action
from meetings.models import AgendaItem, Meeting


def _follow(actions, *, committee_id: int, meeting_date) -> None:
    """One UPDATE of the actions whose copy differs; none when nothing moved."""
    actions.exclude(committee_id=committee_id, meeting_date=meeting_date).update(
        committee_id=committee_id, meeting_date=meeting_date
    )


@receiver(post_save, sender=Meeting, dispatch_uid="actions-follow-meeting")
def follow_meeting(sender, instance, created, raw, **kwargs):
    if created or raw:
        return
    _follow(
        Action.all_objects.filter(agenda_item__meeting=instance),
        committee_id=instance.committee_id,
        meeting_date=instance.date,
    )


@receiver(post_save, sender=AgendaItem, dispatch_uid="actions-follow-agenda-item")
def follow_agenda_item(sender, instance, created, raw, **kwargs):
    if created or raw:
        return
    committee_id, meeting_date = Meeting.objects.values_list("committee", "date").get(
        pk=instance.meeting_id
    )
    _follow(
        Action.all_objects.filter(agenda_item=instance),
        committee_id=committee_id,
        meeting_date=meeting_date,
    )

"""A user's own settings: the e-mail when a paper is published, and the secret link of their
private calendar, made, replaced and turned off only through here."""

from django.db import transaction
from django.utils import timezone

from actions.people_models import UserSettings, new_calendar_token


def settings_of(user) -> UserSettings:
    """The user's settings, as they stand (defaults until they save any)."""
    return UserSettings.objects.filter(user=user).first() or UserSettings(user=user)


@transaction.atomic
def settings_update(*, user, notify_on_publish: bool) -> UserSettings:
    """Opt in to (or out of) an e-mail whenever a paper the user may see is published."""
    settings, _ = UserSettings.objects.select_for_update().get_or_create(user=user)
    settings.notify_on_publish = notify_on_publish
    settings.full_clean()
    settings.save()
    return settings


@transaction.atomic
def calendar_token_renew(*, user) -> UserSettings:
    """Give the user a new secret calendar link; the one before stops working at once."""
    settings, _ = UserSettings.objects.select_for_update().get_or_create(user=user)
    settings.calendar_token = new_calendar_token()
    settings.calendar_token_created_at = timezone.now()
    settings.save()
    return settings


@transaction.atomic
def calendar_token_revoke(*, user) -> UserSettings:
    """Turn the user's calendar link off: it answers 404 from now on."""
    settings, _ = UserSettings.objects.select_for_update().get_or_create(user=user)
    settings.calendar_token = None
    settings.calendar_token_created_at = None
    settings.save()
    return settings


def user_for_calendar_token(token: str):
    """The active user whose calendar link carries ``token``, or None."""
    if not token:
        return None
    settings = (
        UserSettings.objects.select_related("user")
        .filter(calendar_token=token, user__is_active=True)
        .first()
    )
    return settings.user if settings else None

"""No lost update, for records edited through forms (letters, complaints, disclosures,
reports, papers): each record carries a version; a form carries the version it was opened
at; the record's service locks the row, refuses a save made from an older version with
what the other person changed, and raises the version only when something changed."""

from dataclasses import dataclass

from django import forms
from django.core.exceptions import ValidationError
from django.db import models

from actiontracker.cleaninput import CleanInputFormMixin

# Bookkeeping fields: never part of "what they changed".
NOT_CHANGES = {"id", "version", "created_at", "updated_at"}


@dataclass(frozen=True)
class FieldChange:
    """One field another person changed: its label, the value before and after."""

    field: str
    label: str
    old: object
    new: object


class StaleEditError(Exception):
    """The record changed since the editor opened it; their save was refused."""

    def __init__(self, *, record: models.Model, changes: list[FieldChange], changed_by=None):
        self.record = record
        self.changes = changes
        self.changed_by = changed_by
        self.noun = str(type(record)._meta.verbose_name)
        super().__init__(f"{type(record).__name__} {record.pk} is at version {record.version}")


def locked(model: type[models.Model], pk) -> models.Model:
    """The stored record, locked until the transaction ends: a check-then-write is atomic
    against another person's save."""
    return model._base_manager.select_for_update().get(pk=pk)


def _label(model, name: str) -> str:
    return str(model._meta.get_field(name).verbose_name).capitalize()


def _shown(model, name: str, value):
    """A value as a person reads it: a relation's name, a choice's label."""
    field = model._meta.get_field(name)
    if value in (None, ""):
        return value
    if field.is_relation and not isinstance(value, models.Model):
        return field.related_model._base_manager.filter(pk=value).first() or value
    if field.choices:
        return dict(field.flatchoices).get(value, value)
    return value


def _key(value):
    # A relation may be given as an object or a primary key; compare keys.
    return value.pk if isinstance(value, models.Model) else value


def changes_since(record: models.Model, version: int, data: dict | None = None):
    """What changed on ``record`` after ``version``, and who changed it. Fields its history
    keeps come from the history (before → after); the others (a record without history,
    a confidential field history leaves out) are those whose stored value differs from
    the stale form's (form → stored)."""
    model = type(record)
    changes, user, tracked = [], None, set()
    if hasattr(model, "history"):
        tracked = {f.name for f in model.history.model._meta.fields}
        records = list(record.history.filter(version__gte=version).order_by("history_date", "pk"))
        if len(records) >= 2:
            old, new = records[0], records[-1]
            user = new.history_user
            delta = new.diff_against(old, excluded_fields=sorted(NOT_CHANGES & tracked))
            for change in delta.changes:
                changes.append(
                    FieldChange(
                        field=change.field,
                        label=_label(model, change.field),
                        old=_shown(model, change.field, change.old),
                        new=_shown(model, change.field, change.new),
                    )
                )
    for name, value in (data or {}).items():
        if name in tracked or name in NOT_CHANGES:
            continue
        field = model._meta.get_field(name)
        if field.many_to_many or not field.concrete:
            continue
        stored = getattr(record, field.attname)
        if _key(value) != stored:
            changes.append(
                FieldChange(
                    field=name,
                    label=_label(model, name),
                    old=_shown(model, name, _key(value)),
                    new=_shown(model, name, stored),
                )
            )
    return changes, user


def check_version(record: models.Model, expected_version: int | None, data=None) -> None:
    """Refuse (StaleEditError) if ``record`` (locked) is no longer at ``expected_version``."""
    if expected_version is not None and record.version != expected_version:
        changes, user = changes_since(record, expected_version, data)
        raise StaleEditError(record=record, changes=changes, changed_by=user)


def stored_values(record: models.Model) -> dict:
    """The record's own values, to tell afterwards whether a save changed anything."""
    return {
        f.attname: f.value_from_object(record)
        for f in type(record)._meta.concrete_fields
        if f.name not in NOT_CHANGES
    }


def stale_message(error: StaleEditError) -> str:
    """The words for a save refused because someone saved the record first."""
    who = f" ({error.changed_by.get_username()})" if error.changed_by else ""
    changes = "; ".join(f"{c.label}: “{c.old}” → “{c.new}”" for c in error.changes)
    return (
        f"Someone else changed this {error.noun} while you were editing it{who}; your "
        f"changes were not saved. What they changed: {changes or 'see its history'}. "
        "Reload the page to edit the current version."
    )


class VersionedFormMixin:
    """A form of an existing record carries the version it was opened at (hidden)."""

    version_field = "version"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = forms.IntegerField(widget=forms.HiddenInput, required=False)
        self.fields[self.version_field] = field
        if self.instance.pk is not None:
            field.initial = self.instance.version

    def opened_version(self) -> int | None:
        """The version the form was opened at (None for a new record)."""
        if self.instance.pk is None:
            return None
        return self.cleaned_data.get(self.version_field)


class VersionedAdminForm(CleanInputFormMixin, forms.ModelForm):
    """The admin's form of a versioned record. It carries the version it was opened at and
    checks it before the save (locking the row for it), so a stale form comes back with
    what changed, nothing written. List ``expected_version`` beside the read-only
    ``version`` in the admin's fields."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk is not None:
            self.fields["expected_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        expected = cleaned.get("expected_version")
        if self.instance.pk is not None and expected is not None:
            model = type(self.instance)
            current = locked(model, self.instance.pk)
            own = {f.name for f in model._meta.concrete_fields}
            data = {n: v for n, v in cleaned.items() if n in own}
            try:
                check_version(current, expected, data)
            except StaleEditError as error:
                raise ValidationError(stale_message(error)) from error
        return cleaned

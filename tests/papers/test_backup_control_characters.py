"""A backup holding control characters (a NUL a SQLite database stored before the forms and
the importer removed them) restores on either database, without them."""

import io

import pytest
from django.core.management import call_command

from actions.models import Action
from papers.demo import load_demo
from tests.backup_fixture import as_previous_release


def with_controls(value):
    """The archive's records with a NUL and other controls in every action's intro and
    requested items; the counts as they were."""
    if isinstance(value, list):
        for record in value:
            if record["model"] == "actions.action":
                fields = record["fields"]
                fields["intro"] = "Nul\x00 and bell\x07 " + fields["intro"]
                fields["requested_items"] = [
                    f"\x00{item}\x1b" for item in fields["requested_items"]
                ]
    return value


@pytest.mark.django_db(transaction=True)
def test_a_backup_with_nul_bytes_restores_without_them(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo()
    intros = dict(Action.all_objects.values_list("pk", "intro"))
    items = dict(Action.all_objects.values_list("pk", "requested_items"))
    current, damaged = tmp_path / "current.zip", tmp_path / "damaged.zip"
    call_command("export_all", str(current))
    as_previous_release(current, damaged, with_controls)
    call_command("flush", interactive=False, verbosity=0)
    call_command("import_all", str(damaged), "--trust-unsigned", stderr=io.StringIO())
    restored = dict(Action.all_objects.values_list("pk", "intro"))
    assert restored == {pk: f"Nul and bell {intro}" for pk, intro in intros.items()}
    assert dict(Action.all_objects.values_list("pk", "requested_items")) == items

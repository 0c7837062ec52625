"""The demo's organisations have contacts, and chases fall due on 1 December 2026."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from actions.chase_models import ChaseMessage
from meetings.models import Contact


def send_chases(*args) -> list[str]:
    out = io.StringIO()
    call_command("send_chases", "--date", "2026-12-01", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.django_db
def test_demo_chases_reach_the_mps_and_mopac_each_with_its_own_link():
    call_command("load_demo", stdout=io.StringIO())
    call_command("load_demo", stdout=io.StringIO())  # idempotent: still one contact each
    assert Contact.objects.filter(organisation__short_name__in=["MPS", "MOPAC"]).count() == 2
    lines = [line.split("\t") for line in send_chases() if "\t" in line]
    by_organisation = {fields[1]: fields for fields in lines}
    assert {"MPS", "MOPAC"} <= set(by_organisation)
    assert by_organisation["MPS"][0] == "jordan.ellis@mps.example.org"
    links = {fields[3] for fields in lines}
    assert len(links) == len(lines) and all("/respond/" in link for link in links)
    assert len(mail.outbox) == len(lines)
    assert mail.outbox[0].cc or mail.outbox[1].cc  # the MPS deputy is copied in
    assert ChaseMessage.objects.filter(status="sent").count() == len(lines)
    # Loading the demo again after sending leaves the chases sent.
    call_command("load_demo", stdout=io.StringIO())
    assert [line for line in send_chases() if "\t" in line] == []

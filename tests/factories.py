"""factory-boy factories for the domain records."""

import datetime as dt

import factory
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from actions.models import Action, FollowUp, ResponsiblePerson
from actiontracker import roles
from correspondence.models import Complaint, Correspondence, TransparencyDisclosure
from meetings.models import AgendaItem, Committee, Meeting, Organisation


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"Organisation {n}")
    short_name = factory.Sequence(lambda n: f"ORG{n}")


class CommitteeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Committee
        django_get_or_create = ["slug"]

    name = "Police and Crime Committee"
    slug = factory.LazyAttribute(lambda o: o.name.lower().replace(" ", "-"))


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    committee = factory.SubFactory(CommitteeFactory)
    date = factory.Sequence(lambda n: dt.date(2023, 1, 1) + dt.timedelta(days=7 * n))


class AgendaItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AgendaItem

    meeting = factory.SubFactory(MeetingFactory)
    number = factory.Sequence(lambda n: str(n + 1))
    title = factory.Sequence(lambda n: f"Agenda item title {n}")


class ResponsiblePersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ResponsiblePerson

    name = factory.Sequence(lambda n: f"Post holder {n}")
    organisation = None


class ActionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Action

    agenda_item = factory.SubFactory(AgendaItemFactory)
    responsible_person = factory.SubFactory(ResponsiblePersonFactory)
    intro = factory.Sequence(lambda n: f"The Committee requested information number {n}.")
    status = Action.Status.ONGOING


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    action = factory.SubFactory(ActionFactory)
    date = dt.date(2023, 5, 4)


class CorrespondenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Correspondence

    committee = factory.SubFactory(CommitteeFactory)
    direction = Correspondence.Direction.SENT
    date = dt.date(2023, 3, 24)
    sender = "Chairman of the Police and Crime Committee"
    recipient = "the Mayor of London"
    subject = factory.Sequence(lambda n: f"Letter {n}")


class ComplaintFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Complaint

    committee = factory.SubFactory(CommitteeFactory)
    received_on = dt.date(2023, 4, 1)
    concerning = "the Deputy Mayor for Policing and Crime"
    public_summary = "A complaint was received and not recorded."
    confidential_details = "Complainant's name and address."


class DisclosureFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TransparencyDisclosure

    committee = factory.SubFactory(CommitteeFactory)
    member = "An Assembly Member"
    contact_date = dt.date(2023, 3, 1)
    with_whom = "Borough Commander"
    details = "A meeting about local policing."
    disclosed_on = dt.date(2023, 3, 10)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    password = factory.PostGenerationMethodCall("set_password", "demo-password")

    @factory.post_generation
    def role(self, create, extracted, **kwargs):
        if extracted:
            roles.ensure_role_groups()
            self.groups.add(Group.objects.get(name=extracted))
            if extracted in (roles.OFFICERS, roles.MONITORING):
                self.is_staff = True
        self.save()

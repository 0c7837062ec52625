"""Finding organisations and responsible people named in a paper, creating the missing ones."""

import re

from actions.models import ResponsiblePerson
from meetings.models import Organisation

# Organisations the papers name by short name: an unknown database still recognises them.
KNOWN_ORGANISATIONS = {
    "MPS": "Metropolitan Police Service",
    "MOPAC": "Mayor's Office for Policing and Crime",
    "VRU": "Violence Reduction Unit",
    "TfL": "Transport for London",
    "GLA": "Greater London Authority",
}
# Secretariat posts: actions owed by them are the committee's own.
INTERNAL_POSTS = {
    "senior policy adviser",
    "senior committee officer",
    "committee officer",
    "monitoring officer",
    "executive director of secretariat",
    "executive director of assembly secretariat",
    "scrutiny manager",
}
_BRACKETED_RE = re.compile(r"^(.*?)\s*\(([^()]+)\)\s*$")


def _key(text: str) -> str:
    text = " ".join(text.replace("’", "'").split()).lower()
    return text[4:] if text.startswith("the ") else text


class Directory:
    """Organisations and responsible people, looked up once per import and cached."""

    def __init__(self):
        self.organisations = {}
        for organisation in Organisation.objects.all():
            self._remember(organisation)
        self.people: dict[str, ResponsiblePerson] = {}
        self.created = {"organisations": 0, "responsible people": 0}

    def _remember(self, organisation: Organisation) -> None:
        self.organisations[_key(organisation.name)] = organisation
        if organisation.short_name:
            self.organisations[_key(organisation.short_name)] = organisation

    def organisation(self, text: str) -> Organisation | None:
        """The organisation written as its short or full name, or None."""
        key = _key(text)
        if key in self.organisations:
            return self.organisations[key]
        for short, name in KNOWN_ORGANISATIONS.items():
            if key in {short.lower(), name.lower()}:
                organisation = Organisation.objects.filter(short_name=short).first()
                if organisation is None:
                    organisation = Organisation(name=name, short_name=short)
                    organisation.full_clean()
                    organisation.save()
                    self.created["organisations"] += 1
                self._remember(organisation)
                return organisation
        return None

    def split_person(self, text: str) -> tuple[str, Organisation | None]:
        """("Commissioner", MPS) from "Commissioner, MPS"; ("MPS", MPS) from "MPS"."""
        text = " ".join(text.split())
        if "," in text:
            head, tail = text.rsplit(",", 1)
            organisation = self.organisation(tail)
            if organisation is not None and head.strip():
                return head.strip(), organisation
        bracketed = _BRACKETED_RE.match(text)
        if bracketed:
            organisation = self.organisation(bracketed.group(2))
            if organisation is not None:
                return bracketed.group(1), organisation
        organisation = self.organisation(text)
        if organisation is not None:
            return organisation.label, organisation
        return text, None

    def person(self, text: str) -> ResponsiblePerson:
        """The responsible person the text names; one written without its organisation
        matches the one person of that name the database knows."""
        cache_key = _key(text)
        if cache_key in self.people:
            return self.people[cache_key]
        name, organisation = self.split_person(text)
        if organisation is not None:
            person = ResponsiblePerson.objects.filter(
                name__iexact=name, organisation=organisation
            ).first()
            if person is None:
                # An earlier paper wrote the post without its organisation: the same person.
                person = ResponsiblePerson.objects.filter(
                    name__iexact=name, organisation__isnull=True, is_internal=False
                ).first()
                if person is not None:
                    person.organisation = organisation
                    person.full_clean()
                    person.save()
        else:
            candidates = list(ResponsiblePerson.objects.filter(name__iexact=name)[:2])
            without = [c for c in candidates if c.organisation_id is None]
            person = without[0] if without else (candidates[0] if len(candidates) == 1 else None)
        if person is None:
            person = ResponsiblePerson(
                name=name,
                organisation=organisation,
                is_internal=organisation is None and name.lower() in INTERNAL_POSTS,
            )
            person.full_clean()
            person.save()
            self.created["responsible people"] += 1
        self.people[cache_key] = person
        return person

from django.apps import AppConfig


class PapersConfig(AppConfig):
    """The committee papers: the Summary List, Annex A and response papers, agenda packs,
    publishing, render jobs and the importer of earlier papers."""

    name = "papers"
    verbose_name = "Committee papers"

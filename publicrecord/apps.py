from django.apps import AppConfig


class PublicRecordConfig(AppConfig):
    """The open record: what committees that publish openly have published, for anyone."""

    name = "publicrecord"
    verbose_name = "Open record"

"""Ask GOV.UK Notify how the chases it took were delivered: `manage.py check_chase_delivery`."""

from django.core.management.base import BaseCommand

from actions.notify_delivery import notify_delivery_check


class Command(BaseCommand):
    help = (
        "Ask GOV.UK Notify about each chase notification not yet delivered or failed; an "
        "address Notify could not deliver to for good is flagged on its contact, and no "
        "chase goes to it until an officer corrects or confirms it."
    )

    def handle(self, *args, **options):
        bounced = notify_delivery_check()
        for bounce in bounced:
            self.stdout.write(bounce.line())
        count = len(bounced)
        self.stdout.write(f"{count} address{'es' if count != 1 else ''} bounced.")

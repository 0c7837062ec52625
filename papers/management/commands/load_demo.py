from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from papers.demo import load_demo


class Command(BaseCommand):
    help = "Load the demo committee, its records and the demo accounts (idempotent)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo accounts are never created in production (DEBUG=0).")
        accounts = load_demo()
        self.stdout.write(self.style.SUCCESS("Demo data loaded. Sign in at /accounts/login/ as:"))
        for username, password, role in accounts:
            self.stdout.write(f"  {username:<11} {password:<14} {role}")

from django.apps import AppConfig


class ActiontrackerConfig(AppConfig):
    name = "actiontracker"
    verbose_name = "Committee papers"

    def ready(self):
        from django.db.models.signals import post_migrate

        from actiontracker.roles import ensure_role_groups

        # Role groups and their permissions exist on every database, demo or not.
        post_migrate.connect(ensure_role_groups, sender=self)

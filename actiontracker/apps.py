from django.apps import AppConfig, apps


class ActiontrackerConfig(AppConfig):
    """The project's foundation: settings, root URLs, roles and the shared web pieces.

    Its migrations keep the history of the tables the papers app now owns, and the cache
    table."""

    name = "actiontracker"
    verbose_name = "Action Tracker"

    def ready(self):
        from django.db.models.signals import post_migrate

        from actiontracker.roles import ensure_role_groups

        def grant_roles(sender, **kwargs):
            # Every app's permissions exist once the last app has migrated.
            if sender is list(apps.get_app_configs())[-1]:
                ensure_role_groups()

        # Role groups and their permissions exist on every database, demo or not.
        post_migrate.connect(grant_roles, weak=False, dispatch_uid="actiontracker-roles")

from django.apps import AppConfig, apps


class ActiontrackerConfig(AppConfig):
    """The project's foundation: settings, root URLs, roles and the shared web pieces.

    Its migrations keep the history of the tables the papers app now owns, and the cache
    table."""

    name = "actiontracker"
    verbose_name = "Action Tracker"

    def ready(self):
        from django.db import connections
        from django.db.models.signals import post_migrate

        # The receivers that drop a user's cached permissions when they change.
        from actiontracker import permissions  # noqa: F401
        from actiontracker.roles import ensure_role_groups
        from actiontracker.sqlite.base import analyze
        from actiontracker.tablespeed import install

        install()

        def grant_roles(sender, using="default", **kwargs):
            # Every app's permissions exist once the last app has migrated (post_migrate
            # is sent for apps with models only).
            with_models = [app for app in apps.get_app_configs() if app.models_module]
            if sender is with_models[-1]:
                ensure_role_groups()
                # Migrations may add indexes and reshape tables: SQLite plans with fresh
                # statistics.
                analyze(connections[using])

        # Role groups and their permissions exist on every database, demo or not.
        post_migrate.connect(grant_roles, weak=False, dispatch_uid="actiontracker-roles")

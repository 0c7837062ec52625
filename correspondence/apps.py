from django.apps import AppConfig


class CorrespondenceConfig(AppConfig):
    name = "correspondence"
    verbose_name = "Registers"

    def ready(self):
        # Open deadlines follow a committee's changed rule or nation.
        from correspondence import deadline_recompute  # noqa: F401

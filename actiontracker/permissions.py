"""View mixins that check the user's role on every request."""

from django.contrib.auth.mixins import LoginRequiredMixin, UserPassesTestMixin

from actiontracker import roles


class ReaderRequiredMixin(LoginRequiredMixin, UserPassesTestMixin):
    """Members and officers: read actions, dashboards and papers."""

    raise_exception = False

    def test_func(self):
        return roles.can_read_actions(self.request.user)

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            self.raise_exception = True
        return super().handle_no_permission()


class OfficerRequiredMixin(ReaderRequiredMixin):
    """Secretariat officers only: every view that writes."""

    def test_func(self):
        return roles.is_officer(self.request.user)


class MonitoringOfficerRequiredMixin(ReaderRequiredMixin):
    """The Monitoring Officer: the complaints register with confidential details."""

    def test_func(self):
        return roles.is_monitoring_officer(self.request.user)

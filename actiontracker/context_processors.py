from actiontracker import roles as role_checks


def roles(request):
    """Role flags for templates, so navigation shows only what the user may use."""
    user = request.user
    return {
        "is_officer": role_checks.is_officer(user),
        "can_read_actions": role_checks.can_read_actions(user),
        "is_monitoring_officer": role_checks.is_monitoring_officer(user),
    }

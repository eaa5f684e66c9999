from django.conf import settings

from regions.access import access_for
from weerthuis.navigation import items_for


def navigation(request) -> dict:
    """The menu for the signed-in user; empty for anyone else."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": []}
    return {"nav_items": items_for(access_for(user).roles())}


def idle_timeout(request) -> dict:
    """The idle timeout, for the warning before it (static/js/idle-warning.js)."""
    return {"idle_seconds": settings.SESSION_IDLE_SECONDS}

"""Every signed-in session is listed (allauth's UserSession), so that it can be shown to its owner and ended: on
deactivation, reactivation, a password change or reset, or by the owner. Ending deletes the session from its store
(database and, with Redis, the cache copy), so a copied cookie opens nothing afterwards."""

import time
from importlib import import_module

from allauth.usersessions.models import UserSession
from django.conf import settings
from django.db import transaction
from django.http import HttpRequest

LISTED_KEY = "weerthuis_listed"
# How often a session's "last seen" is written: once in five minutes, not on every request.
SEEN_EVERY_SECONDS = 300


def end_sessions_of(user, *, keep: str | None = None) -> int:
    """Ends every listed session of `user` except the one whose key is `keep`; returns how many were ended.

    Inside a transaction, the ended sessions are deleted from their store once more after the commit: until then a
    request of such a session still sees its database row and, with Redis, could put a copy back in the cache,
    which a later reactivation would bring back to life."""
    keys = []
    for user_session in UserSession.objects.filter(user=user).exclude(session_key=keep or ""):
        keys.append(user_session.session_key)
        user_session.end()
    if keys:
        transaction.on_commit(lambda: _delete_from_store(keys), robust=True)
    return len(keys)


def _delete_from_store(keys: list[str]) -> None:
    store = import_module(settings.SESSION_ENGINE).SessionStore()
    for key in keys:
        store.delete(key)


class ListSessionsMiddleware:
    """Lists a signed-in session the first time it is seen (whatever signed it in: allauth's login, the admin, a
    test), and refreshes its "last seen" now and then. Must come after AuthenticationMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        if user is None or session is None or not user.is_authenticated or not session.session_key:
            return response
        now = int(time.time())
        listed = session.get(LISTED_KEY)
        if listed is None or now - listed >= SEEN_EVERY_SECONDS:
            UserSession.objects.create_from_request(request, user=user, session=session)
            session[LISTED_KEY] = now
        return response

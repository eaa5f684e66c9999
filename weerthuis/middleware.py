"""The 30-minute idle timeout, without a database write on every request."""

import time

from django.conf import settings

# Renew the session's expiry at most this often: a session then ends between SESSION_COOKIE_AGE minus this and
# SESSION_COOKIE_AGE after the last request.
REFRESH_SECONDS = 60
SEEN_KEY = "_seen"


class IdleTimeoutMiddleware:
    """Ends a session that was idle for SESSION_COOKIE_AGE, and marks an active session as modified once a
    minute, so SessionMiddleware saves it with a fresh expiry. Must come after SessionMiddleware in MIDDLEWARE.

    The session stores expire by themselves too (the database row's expiry date, the cache entry's time to
    live); the check here makes the rule hold whatever store is configured, read from the cache or not."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key is not None:
            seen = session.get(SEEN_KEY)
            if seen is not None and time.time() - seen >= settings.SESSION_COOKIE_AGE:
                session.flush()  # signed out: the stored session is deleted, the cookie gets a new empty one
        response = self.get_response(request)
        if session is not None and session.session_key and not session.is_empty():
            now = int(time.time())
            if now - session.get(SEEN_KEY, 0) >= REFRESH_SECONDS:
                session[SEEN_KEY] = now
        return response

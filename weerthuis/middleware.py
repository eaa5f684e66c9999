"""The 30-minute idle timeout, without a database write on every request."""

import time

# Renew the session's expiry at most this often: the idle timeout is then SESSION_COOKIE_AGE plus at most this.
REFRESH_SECONDS = 60


class IdleTimeoutMiddleware:
    """Marks an active session as modified once a minute, so SessionMiddleware saves it with a fresh expiry
    (SESSION_COOKIE_AGE from now). Must come after SessionMiddleware in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and session.session_key and not session.is_empty():
            now = int(time.time())
            if now - session.get("_seen", 0) >= REFRESH_SECONDS:
                session["_seen"] = now
        return response

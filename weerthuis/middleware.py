"""The 30-minute idle timeout, without a database write on every request; no browser cache for signed-in pages;
no control characters in a query string."""

import time

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control

# NUL (which PostgreSQL cannot store or compare: a query with it answered 500) and the other control characters no
# one types; tab and line breaks stay, a value pasted from a spreadsheet may carry them. The forms' pattern.
from placements.api.problems import control_characters
from placements.validators import CONTROL_CHARACTERS
from weerthuis import kept_input

# Renew the session's last-seen time at most this often: a session then ends between SESSION_IDLE_SECONDS minus this
# and SESSION_IDLE_SECONDS after the last request.
REFRESH_SECONDS = 60
SEEN_KEY = "_seen"


class IdleTimeoutMiddleware:
    """Ends a session that was idle for SESSION_IDLE_SECONDS, and marks an active session as modified once a
    minute, so SessionMiddleware saves it with a fresh expiry. Must come after SessionMiddleware in MIDDLEWARE.

    The stores keep a session SESSION_COOKIE_AGE (the idle limit plus 12 hours) and then drop it by themselves; this
    check makes the idle rule, and sees a form sent after it (to keep what was typed)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.session_key is not None:
            seen = session.get(SEEN_KEY)
            if seen is not None and time.time() - seen >= settings.SESSION_IDLE_SECONDS:
                kept = kept_input.keep(request, session)
                session.flush()  # signed out: the stored session is deleted, the cookie gets a new empty one
                if kept is not None:  # a form sent too late: keep what was typed for after signing in again
                    session[kept_input.KEPT_KEY] = kept
                    return redirect_to_login(reverse("kept_input"))
            kept_input.forget_when_sent(request, session)
        response = self.get_response(request)
        if session is not None and session.session_key and not session.is_empty():
            now = int(time.time())
            if now - session.get(SEEN_KEY, 0) >= REFRESH_SECONDS:
                session[SEEN_KEY] = now
        return response


class NoStoreWhenSignedInMiddleware:
    """Adds `Cache-Control: no-store` to every response to a signed-in user, so that on a shared computer no page
    with client records comes back from the browser's cache (or its back button) after logging out. Must come
    after AuthenticationMiddleware in MIDDLEWARE.

    Directives a view set itself are kept (downloads say `no-store` already). Anonymous pages are left alone: the
    login page is `never_cache` in Django itself and shows no record; static files are answered by WhiteNoise
    before this middleware runs, and stay cacheable. A request without a session cookie cannot be signed in, so
    its session is not loaded just to find that out (the health check runs without one)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "no-store" in response.get("Cache-Control", ""):
            return response
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            patch_cache_control(response, no_store=True, private=True)
        return response


class RefuseControlCharactersMiddleware:
    """Answers 400, with a page in Dutch, a query string (filters, sort order, page number, the admin's filters)
    that holds a control character, before any view builds a query from it. Form data is left to the forms,
    which refuse such characters field by field and keep what was typed."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any(CONTROL_CHARACTERS.search(part) for key, values in request.GET.lists() for part in (key, *values)):
            if request.path.startswith("/api/"):  # the API answers in problem details, not with a page
                return control_characters()
            return render(request, "400.html", status=400)
        return self.get_response(request)

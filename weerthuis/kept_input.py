"""No typed work is lost on the idle timeout. A form sent after 30 idle minutes finds its session ended; what it
carried is kept in the new, anonymous session, for the same person only. After signing in again the person sees
what they had typed on one page and sends it on to where it was going, or throws it away. Nothing is saved on the
way: the form goes through its own page's checks (submit-once token, stale-edit check) when it is sent on.

A password is never kept; neither is a form larger than MAX_BYTES. Kept input lives as long as that session."""

import time

from django.contrib import messages
from django.contrib.auth import SESSION_KEY as USER_KEY
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

KEPT_KEY = "weerthuis_kept_input"
SEEN_AGAIN_KEY = "weerthuis_still_here"
MAX_BYTES = 100_000
# Fields a person did not type: the CSRF token (a new one is made), and the form's own bookkeeping, sent on as is.
NOT_SHOWN = ("csrfmiddlewaretoken", "submission", "seen_version", "seen_values")


def keep(request: HttpRequest, session) -> dict | None:
    """What a POST of a signed-in session carried, to keep across the end of that session; None when there is
    nothing to keep (not a POST, no one signed in, a password among it, too large)."""
    user_id = session.get(USER_KEY)
    if request.method != "POST" or user_id is None:
        return None
    # Only a form this application rendered for this browser: a forged cross-site POST must not put words in the
    # person's mouth ("Verder versturen" would send them). The CSRF token belongs to the cookie, not the session.
    checked = CsrfViewMiddleware(lambda _request: HttpResponse())
    if checked.process_view(request, still_here, (), {}) is not None:  # any view that is not exempt
        return None
    data = {key: values for key, values in request.POST.lists() if key != "csrfmiddlewaretoken"}
    if not data or any("password" in key for key in data):
        return None
    if sum(len(key) + sum(len(value) for value in values) for key, values in data.items()) > MAX_BYTES:
        return None
    return {"user": str(user_id), "path": request.path, "data": data, "at": int(time.time())}


def forget_when_sent(request: HttpRequest, session) -> None:
    """The kept input went back to its page (or the person posted that page anew): it is no longer kept."""
    kept = session.get(KEPT_KEY)
    if kept and request.method == "POST" and request.path == kept.get("path"):
        session.pop(KEPT_KEY, None)


@login_required
@require_http_methods(["GET", "POST"])
def kept_input(request: HttpRequest) -> HttpResponse:
    """The page after signing in again: what was typed, with "Verder versturen" and "Weggooien"."""
    kept = request.session.get(KEPT_KEY)
    if kept is None or kept.get("user") != str(request.user.pk):
        request.session.pop(KEPT_KEY, None)  # another person's typing is never shown
        return redirect("home")
    if request.method == "POST":  # thrown away
        request.session.pop(KEPT_KEY, None)
        messages.info(request, _("Wat u had ingevuld is weggegooid. Er is niets opgeslagen."))
        return redirect("home")
    form_fields = _form_fields(kept["path"])
    fields = [
        (_label(form_fields.get(key), key), [_shown(form_fields.get(key), value) for value in values])
        for key, values in kept["data"].items()
        if key not in NOT_SHOWN and not key.endswith(("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"))
    ]
    return render(request, "weerthuis/kept_input.html", {"kept": kept, "fields": fields})


@require_http_methods(["POST"])
def still_here(request: HttpRequest) -> HttpResponse:
    """The idle warning's "Ingelogd blijven" (static/js/idle-warning.js): a request that renews the session's
    half hour (weerthuis.middleware.IdleTimeoutMiddleware). 204 when signed in, 401 when the session already ended."""
    if not request.user.is_authenticated:
        return HttpResponse(status=401)
    request.session[SEEN_AGAIN_KEY] = int(time.time())  # a change, so the session (and its expiry) is saved
    return HttpResponse(status=204)


def _form_fields(path: str) -> dict:
    """The fields of the form the page at `path` shows (a create or edit page names its form class), for their
    labels and choices; none where it names no form (a decision sent from another page): names and values as sent."""
    try:
        view_class = getattr(resolve(path).func, "view_class", None)
    except Resolver404:
        return {}
    return dict(getattr(getattr(view_class, "form_class", None), "base_fields", {}))


def _label(field, name: str) -> str:
    return str(field.label) if field is not None and field.label else name


def _shown(field, value: str) -> str:
    """A choice as the form shows it ("GGZ", not "ggz"); other values as typed."""
    choices = getattr(field, "choices", None) if not hasattr(field, "queryset") else None
    for option, label in choices or ():
        if str(option) == value and not isinstance(label, (list, tuple)):
            return str(label)
    return value

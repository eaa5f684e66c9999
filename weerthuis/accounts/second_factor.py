"""Who must sign in with a second factor, and the middleware that holds them to it.

DESIGN: every role that can read client records signs in with a second factor (TOTP or a passkey); so do
organisation administrators (they make accounts) and the administrator. allauth asks for the second factor at login
once a person has one; this module makes sure such a person cannot use the application without having one. A
session counts as signed in with a second factor only when allauth verified one in it (login, or enrolment just
now): the mark is in the session, so a session made any other way reaches nothing but the enrolment pages."""

import time
from datetime import UTC, datetime

from allauth.account import app_settings as account_settings
from allauth.mfa.models import Authenticator
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _

from regions.access import access_for
from regions.demo import USERS as DEMO_USERS

# Everyone who can read client records, organisation administrators (they make accounts) and the administrator.
ROLES = frozenset({"coordinator", "corporation_staff", "care_worker", "org_admin"})
SESSION_KEY = "weerthuis_second_factor"
SIGNED_IN_AT_KEY = "weerthuis_signed_in_at"
DEMO_USERNAMES = frozenset(username for username, *_rest in DEMO_USERS)
# What a person without a second factor may still open: the pages that set one up, and the way out.
OPEN_WITHOUT = frozenset(
    {
        "mfa_index",
        "mfa_activate_totp",
        "mfa_view_recovery_codes",
        "mfa_download_recovery_codes",
        "mfa_generate_recovery_codes",
        "mfa_add_webauthn",
        "account_reauthenticate",
        "account_logout",
        "logout",
        "set_language",
        "health",
    }
)
# The kinds that are a second factor by themselves; recovery codes only replace one.
FACTORS = (Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN)


def required_for(user) -> bool:
    """Whether `user` must sign in with a second factor: the administrator, and everyone holding a role of
    ROLES. In demo mode the published demo users (seed_demo's names with @demo.invalid addresses) may go without."""
    if not user.is_authenticated:
        return False
    if settings.DEMO_MODE and user.get_username() in DEMO_USERNAMES and user.email.endswith("@demo.invalid"):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return bool(access_for(user).roles() & ROLES)


def has_factor(user, *, besides: Authenticator | None = None) -> bool:
    factors = Authenticator.objects.filter(user=user, type__in=FACTORS)
    if besides is not None:
        factors = factors.exclude(pk=besides.pk)
    return factors.exists()


def note_sign_in(request: HttpRequest) -> None:
    request.session[SIGNED_IN_AT_KEY] = time.time()


def enrolling_first_factor(request: HttpRequest) -> bool:
    """Signed in with the password in this session less than ACCOUNT_REAUTHENTICATION_TIMEOUT ago, by a person who
    had no authenticator before that sign-in (any they have now was added since)."""
    at = request.session.get(SIGNED_IN_AT_KEY)
    if at is None or time.time() - at >= account_settings.REAUTHENTICATION_TIMEOUT or not request.user.is_authenticated:
        return False
    signed_in_at = datetime.fromtimestamp(at, tz=UTC)
    return not Authenticator.objects.filter(user=request.user, created_at__lt=signed_in_at).exists()


def mark_session(request: HttpRequest) -> None:
    """Record that this session was signed in with (or just set up) a second factor."""
    request.session[SESSION_KEY] = True


def unmark_if_none_left(request: HttpRequest, user) -> None:
    """After a factor was removed: without any left, the session no longer counts as signed in with one."""
    if not has_factor(user):
        request.session.pop(SESSION_KEY, None)


class SecondFactorMiddleware:
    """Sends a signed-in person who must use a second factor, in a session without one, to set one up; nothing else
    opens for them, so no client record is shown. A person who has a factor but whose session never used it (made
    another way than allauth's login, or one that only had the password while the factor was set up elsewhere) is
    signed out. The session that sets a factor up is marked by weerthuis.accounts.events. Must come after
    AuthenticationMiddleware and MessageMiddleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and not request.session.get(SESSION_KEY)
            and required_for(user)
            and not _open_without(request)
        ):
            if has_factor(user):
                logout(request)
                return redirect_to_login(request.get_full_path())
            else:
                messages.info(
                    request,
                    _(
                        "Uw account geeft toegang tot gegevens van cliënten. Stel eerst een tweede stap voor het "
                        "inloggen in; daarna gaat u verder."
                    ),
                )
                return redirect("mfa_activate_totp")
        return self.get_response(request)


def _open_without(request: HttpRequest) -> bool:
    if request.path_info.startswith("/" + settings.STATIC_URL.lstrip("/")):
        return True
    try:
        return resolve(request.path_info).view_name in OPEN_WITHOUT  # with its namespace: admin:logout is not logout
    except Resolver404:
        return False

"""Sign-in events: one function that records them, and the receivers of allauth's, Django's and django-axes's
signals, which are those libraries' only hooks for these moments. The receivers record and, where a password
changed, end the other sessions: nothing else."""

from allauth.account import signals as account_signals
from allauth.account.adapter import get_adapter
from allauth.mfa import signals as mfa_signals
from allauth.mfa.models import Authenticator
from axes.signals import user_locked_out
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerthuis.accounts import second_factor
from weerthuis.accounts.lockout import client_address
from weerthuis.accounts.models import SignInEvent
from weerthuis.accounts.sessions import end_sessions_of

Kind = SignInEvent.Kind


def record(kind: str, *, user=None, by=None, organisation=None, detail: str = "", request: HttpRequest | None = None):
    """Writes one sign-in event; `request` gives the client's address."""
    return SignInEvent.objects.create(
        kind=kind,
        user=user,
        username=user.get_username() if user is not None else "",
        by=by,
        organisation=organisation,
        detail=detail[:200],
        address=client_address(request) if request is not None else None,
    )


def _known_user(username: str | None):
    """The account a typed username signs in to: the login ignores case and surrounding spaces, so does this."""
    if not username or not username.strip():
        return None
    return get_user_model().objects.filter(username__iexact=username.strip()).first()


def on_logged_in(sender, request, user, **kwargs):
    second_factor.note_sign_in(request)
    record(Kind.LOGIN, user=user, by=user, request=request)


def on_login_failed(sender, credentials, request=None, **kwargs):
    # Only for an existing account: a typed name that matches none may be anything (a password in the wrong box).
    user = _known_user(credentials.get("username"))
    if user is not None:
        record(Kind.LOGIN_FAILED, user=user, request=request)


def on_locked_out(sender, request, username, ip_address, **kwargs):
    user = _known_user(username)
    if user is not None:
        record(Kind.LOCKED_OUT, user=user, request=request)


def on_factor_used(sender, request, user, **kwargs):
    second_factor.mark_session(request)


def _factor_name(authenticator) -> str:
    names = {Authenticator.Type.TOTP: _("app met inlogcodes"), Authenticator.Type.WEBAUTHN: _("beveiligingssleutel")}
    return str(names.get(authenticator.type, authenticator.get_type_display()))


def on_factor_added(sender, request, user, authenticator, **kwargs):
    if authenticator.type == Authenticator.Type.RECOVERY_CODES:
        return
    # This session set the factor up: it counts as signed in with it. Any other session of the person only had the
    # password; with the first factor those end, so one parked by someone who knew the password never opens.
    second_factor.mark_session(request)
    if not second_factor.has_factor(user, besides=authenticator):
        end_sessions_of(user, keep=request.session.session_key)
    record(Kind.FACTOR_ADDED, user=user, by=user, detail=_factor_name(authenticator), request=request)


def on_factor_removed(sender, request, user, authenticator, **kwargs):
    second_factor.unmark_if_none_left(request, user)
    record(Kind.FACTOR_REMOVED, user=user, by=user, detail=_factor_name(authenticator), request=request)


def on_factor_reset(sender, request, user, authenticator, **kwargs):
    record(Kind.RECOVERY_CODES_RENEWED, user=user, by=user, request=request)


def on_second_step_failed(sender, request, user, **kwargs):
    record(Kind.SECOND_STEP_FAILED, user=user, request=request)
    # The codes are now refused for a while (weerthuis.accounts.forms). Whoever typed them had the password: tell the
    # owner, who may not have been the one typing.
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    failures = SignInEvent.objects.filter(user=user, kind=Kind.SECOND_STEP_FAILED, at__gte=since).count()
    if failures == settings.AXES_FAILURE_LIMIT and user.email:
        get_adapter(request).send_mail("accounts/email/second_step_blocked", user.email, {"user": user})


def on_password_changed(sender, request, user, **kwargs):
    # The session it was changed in stays; every other one ends (Django's session hash would refuse them at their
    # next request too; ending them also takes them off the owner's list).
    end_sessions_of(user, keep=request.session.session_key)
    record(Kind.PASSWORD_CHANGED, user=user, by=user, request=request)


def on_password_reset(sender, request, user, **kwargs):
    end_sessions_of(user)
    record(Kind.PASSWORD_RESET, user=user, by=user, request=request)


def connect() -> None:
    account_signals.user_logged_in.connect(on_logged_in, dispatch_uid="accounts-logged-in")
    user_login_failed.connect(on_login_failed, dispatch_uid="accounts-login-failed")
    user_locked_out.connect(on_locked_out, dispatch_uid="accounts-locked-out")
    mfa_signals.authenticator_used.connect(on_factor_used, dispatch_uid="accounts-factor-used")
    mfa_signals.authenticator_added.connect(on_factor_added, dispatch_uid="accounts-factor-added")
    mfa_signals.authenticator_removed.connect(on_factor_removed, dispatch_uid="accounts-factor-removed")
    mfa_signals.authenticator_reset.connect(on_factor_reset, dispatch_uid="accounts-factor-reset")
    mfa_signals.authentication_failed.connect(on_second_step_failed, dispatch_uid="accounts-second-step-failed")
    account_signals.password_changed.connect(on_password_changed, dispatch_uid="accounts-password-changed")
    account_signals.password_reset.connect(on_password_reset, dispatch_uid="accounts-password-reset")

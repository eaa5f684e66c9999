"""The second step's code form. allauth's keeps its throttle and its record of used codes in the cache, and so
refuses every code while Redis is down; this one keeps both in the database, so signing in works without Redis
(as the rest of the application does) and the throttle holds across processes."""

from datetime import timedelta
from typing import Any

from allauth.mfa import app_settings as mfa_settings
from allauth.mfa.adapter import get_adapter
from allauth.mfa.base.forms import AuthenticateForm, ReauthenticateForm
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import validate_totp_code
from allauth.mfa.webauthn.forms import AddWebAuthnForm, AuthenticateWebAuthnForm, ReauthenticateWebAuthnForm
from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from weerthuis.accounts.models import SignInEvent, UsedCode


class DatabaseCheckedCodeMixin(forms.Form):
    """Checks a code from an authenticator app or a recovery code.

    - After AXES_FAILURE_LIMIT wrong codes within AXES_COOLOFF_TIME the account's codes are not checked until the
      oldest of them is that old; a refused attempt is not counted, so trying on does not lengthen the wait.
    - An app's code is accepted once: it is recorded (UsedCode) for as long as it could be valid.
    The account's row is locked first, so parallel attempts for one account are checked one after the other."""

    user: Any
    authenticator: Authenticator

    def clean_code(self) -> str:
        user = self.user
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        now = timezone.now()
        failures = SignInEvent.objects.filter(
            user=user, kind=SignInEvent.Kind.SECOND_STEP_FAILED, at__gte=now - settings.AXES_COOLOFF_TIME
        ).count()
        if failures >= settings.AXES_FAILURE_LIMIT:
            raise forms.ValidationError(
                _("Er is te vaak een verkeerde code ingevuld. Probeer het over %(minutes)d minuten opnieuw."),
                code="throttled",
                params={"minutes": int(settings.AXES_COOLOFF_TIME / timedelta(minutes=1))},
            )
        code = self.cleaned_data["code"].strip().replace(" ", "")
        main = None
        for authenticator in Authenticator.objects.filter(user=user).exclude(type=Authenticator.Type.WEBAUTHN):
            if main is None or authenticator.type == Authenticator.Type.TOTP:
                main = authenticator
            if self._accepts(authenticator, code, now):
                authenticator.user = user
                self.authenticator = authenticator
                return code
        if main is not None:
            self._emit_authentication_failed(main)  # type: ignore[attr-defined]
        raise get_adapter().validation_error("incorrect_code")

    def _accepts(self, authenticator: Authenticator, code: str, now) -> bool:
        if authenticator.type != Authenticator.Type.TOTP:
            return authenticator.wrap().validate_code(code)  # recovery codes are marked used on the row itself
        secret = get_adapter().decrypt(authenticator.data["secret"])
        if not validate_totp_code(secret, code):
            return False
        window = timedelta(seconds=mfa_settings.TOTP_PERIOD * (2 * mfa_settings.TOTP_TOLERANCE + 2))
        UsedCode.objects.filter(user=self.user, used_at__lt=now - window).delete()
        _used, created = UsedCode.objects.get_or_create(user=self.user, code=code)
        return created


class SecondStepForm(DatabaseCheckedCodeMixin, AuthenticateForm):
    pass


class SecondStepAgainForm(DatabaseCheckedCodeMixin, ReauthenticateForm):
    pass


class MalformedKeyAnswerMixin(forms.Form):
    """A security key's answer is JSON from the browser; allauth parses its shape but a field of the wrong kind
    (`{"id": 1}`) still raised deep in fido2 and answered 500. Such an answer is a wrong answer."""

    def _or_refused(self, check):
        try:
            return check()
        except (KeyError, TypeError, ValueError, AttributeError) as error:
            raise get_adapter().validation_error("incorrect_code") from error


class SecurityKeyForm(MalformedKeyAnswerMixin, AuthenticateWebAuthnForm):
    def clean_credential(self):
        return self._or_refused(super().clean_credential)


class SecurityKeyAgainForm(MalformedKeyAnswerMixin, ReauthenticateWebAuthnForm):
    def clean_credential(self):
        return self._or_refused(super().clean_credential)


class AddSecurityKeyForm(MalformedKeyAnswerMixin, AddWebAuthnForm):
    def clean(self):
        return self._or_refused(super().clean)

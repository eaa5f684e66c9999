"""Sign-in events and invitations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class SignInEvent(models.Model):
    """Something that happened to an account: who, when, from which address, done by whom. Shown to the
    organisation administrator for their own people (weerthuis.accounts.views) and kept for
    SIGN_IN_EVENT_RETENTION_DAYS. Never holds a password, code or typed username of someone unknown."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Ingelogd")
        LOGIN_FAILED = "login_failed", _("Inloggen mislukt")
        SECOND_STEP_FAILED = "second_step_failed", _("Verkeerde code bij de tweede stap")
        LOCKED_OUT = "locked_out", _("Tijdelijk geblokkeerd")
        FACTOR_ADDED = "factor_added", _("Tweede stap ingesteld")
        FACTOR_REMOVED = "factor_removed", _("Tweede stap verwijderd")
        RECOVERY_CODES_RENEWED = "recovery_codes_renewed", _("Herstelcodes vernieuwd")
        PASSWORD_CHANGED = "password_changed", _("Wachtwoord gewijzigd")
        PASSWORD_RESET = "password_reset", _("Wachtwoord opnieuw ingesteld")
        SESSIONS_ENDED = "sessions_ended", _("Sessies beëindigd")
        INVITED = "invited", _("Uitgenodigd")
        INVITATION_ACCEPTED = "invitation_accepted", _("Uitnodiging aangenomen")
        ROLE_GRANTED = "role_granted", _("Rol gegeven")
        ROLE_REVOKED = "role_revoked", _("Rol afgenomen")
        DEACTIVATED = "deactivated", _("Account gedeactiveerd")
        REACTIVATED = "reactivated", _("Account weer actief")
        INACTIVITY_WARNED = "inactivity_warned", _("Gewaarschuwd wegens inactiviteit")

    kind = models.CharField(_("soort"), max_length=30, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="sign_in_events",
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("door"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    organisation = models.ForeignKey(
        "regions.Organisation", verbose_name=_("organisatie"), on_delete=models.SET_NULL, null=True, blank=True
    )
    detail = models.CharField(_("toelichting"), max_length=200, blank=True)
    address = models.GenericIPAddressField(_("adres"), null=True, blank=True)
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("aanmeldgebeurtenis")
        verbose_name_plural = _("aanmeldgebeurtenissen")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["user", "-at"], name="signinevent_user_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.user or '?'} ({self.at:%Y-%m-%d %H:%M})"


class UsedCode(models.Model):
    """A second-step code from an authenticator app that was accepted: it cannot be used again while it is valid.
    allauth keeps this in the cache, which refuses every code while Redis is down; here it is in the database."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    code = models.CharField(max_length=16)
    used_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["user", "code"], name="usedcode_once_per_user")]

    def __str__(self) -> str:
        return f"{self.user_id} {self.used_at:%Y-%m-%d %H:%M:%S}"

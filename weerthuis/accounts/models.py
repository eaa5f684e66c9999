"""Sign-in events and invitations."""

import hashlib
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from regions.models import Membership


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
    # Kept when the account is deleted (the administrator and the auditor read them), with its username.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="sign_in_events",
    )
    username = models.CharField(_("gebruikersnaam"), max_length=150, blank=True)
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


def token_digest(token: str) -> str:
    """What is stored of an invitation's token: its SHA-256 in hex. The token itself is only in the e-mail."""
    return hashlib.sha256(token.encode()).hexdigest()


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def pending(self) -> "InvitationQuerySet":
        """Not accepted, not revoked, not expired: the link still works."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())

    def unused(self) -> "InvitationQuerySet":
        """Not accepted and not revoked (expired or not): at most one per organisation, address and role."""
        return self.filter(accepted_at__isnull=True, revoked_at__isnull=True)


class Invitation(models.Model):
    """An organisation administrator's invitation of a person, by e-mail, to a role in their organisation. The link
    in the e-mail carries a random token; only its SHA-256 is stored, so the table opens no account. Made and used
    by weerthuis.accounts.services (invite, accept_invitation, revoke_invitation)."""

    VALID_FOR = timedelta(days=7)

    organisation = models.ForeignKey(
        "regions.Organisation", verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("e-mailadres"))
    role = models.CharField(_("rol"), max_length=20, choices=Membership.Role.choices)
    token_hash = models.CharField(_("sleutel (SHA-256)"), max_length=64, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uitgenodigd door"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("verstuurd op"), default=timezone.now, editable=False)
    expires_at = models.DateTimeField(_("geldig tot"))
    accepted_at = models.DateTimeField(_("aangenomen op"), null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        ordering = ["-created_at", "-id"]
        constraints = [
            # A new invitation for the same address and role replaces the unused one (the service revokes it).
            models.UniqueConstraint(
                Lower("email"),
                "organisation",
                "role",
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True),
                name="invitation_one_unused_per_email_and_role",
            ),
            models.CheckConstraint(
                condition=Q(accepted_at__isnull=True) | Q(revoked_at__isnull=True),
                name="invitation_not_accepted_and_revoked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.email} – {self.get_role_display()} bij {self.organisation}"

    @property
    def expired(self) -> bool:
        return self.expires_at <= timezone.now()

    @property
    def pending(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and not self.expired

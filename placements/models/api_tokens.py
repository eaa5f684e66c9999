"""API tokens: an organisation's key for its own systems (placements.api). The secret is shown once, when the
token is made; only its SHA-256 digest is stored, beside a short prefix that finds the row without the secret."""

import hashlib
import hmac
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from regions.models import Organisation

TOKEN_PREFIX = "wt"
MAX_LIFETIME = timedelta(days=366)  # a token lives a year at most; a new one is made before it expires


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiToken(models.Model):
    """One organisation's API token: acts with the organisation's rights (regions.access.organisation_access),
    attributed to the person who made it. Read-only tokens change nothing."""

    class Scope(models.TextChoices):
        READ = "read", _("Alleen lezen")
        WRITE = "write", _("Lezen en schrijven")

    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisatie"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("naam"), max_length=80, help_text=_("Waarvoor de sleutel dient, bijv. 'ERP-koppeling'."))
    prefix = models.CharField(_("kenmerk"), max_length=12, unique=True, editable=False)
    secret_hash = models.CharField(_("hash van de sleutel"), max_length=64, editable=False)
    scope = models.CharField(_("rechten"), max_length=5, choices=Scope.choices, default=Scope.READ)
    expires_at = models.DateTimeField(_("verloopt op"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("gemaakt door"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("gemaakt op"), auto_now_add=True)
    last_used_at = models.DateTimeField(_("laatst gebruikt op"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ingetrokken door"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(scope__in=["read", "write"]), name="apitoken_scope_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…, {self.organisation})"

    @staticmethod
    def new_secret() -> tuple[str, str]:
        """A fresh (prefix, full token): `wt_<prefix>_<secret>`, 256 bits of randomness after the prefix."""
        prefix = secrets.token_hex(4)
        return prefix, f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"

    def matches(self, token: str) -> bool:
        return hmac.compare_digest(self.secret_hash, digest(token))

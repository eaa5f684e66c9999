"""Making and revoking an organisation's API tokens: by the organisation's administrator (the role that manages
its accounts, regions.models.Membership.Role.ORG_ADMIN), checked in the database at the moment of the change."""

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.models import ApiToken
from placements.models.api_tokens import MAX_LIFETIME, digest
from regions.access import organisation_ids_now
from regions.models import Membership

if TYPE_CHECKING:
    from django.contrib.auth.models import User


class NotAllowed(Exception):
    pass


class InvalidToken(Exception):
    pass


def _require_admin(by: "User", organisation_id: int) -> None:
    if organisation_id not in organisation_ids_now(by, Membership.Role.ORG_ADMIN):
        raise NotAllowed(_("Alleen de beheerder van de organisatie beheert haar API-sleutels."))


def create_token(
    *, organisation_id: int, name: str, scope: str, expires_at: datetime, by: "User"
) -> tuple[ApiToken, str]:
    """A new token of the organisation; returns it and its secret, which is shown once and stored only as a hash.
    It expires within MAX_LIFETIME."""
    name = name.strip()
    if not name:
        raise InvalidToken(_("Geef de sleutel een naam."))
    if scope not in ApiToken.Scope.values:
        raise InvalidToken(_("Kies lezen of lezen en schrijven."))
    now = timezone.now()
    if not now < expires_at <= now + MAX_LIFETIME:
        raise InvalidToken(_("Een sleutel verloopt na vandaag en binnen een jaar."))
    with transaction.atomic():
        _require_admin(by, organisation_id)
        prefix, secret = ApiToken.new_secret()
        token = ApiToken.objects.create(
            organisation_id=organisation_id,
            name=name,
            prefix=prefix,
            secret_hash=digest(secret),
            scope=scope,
            expires_at=expires_at,
            created_by=by,
        )
    return token, secret


def revoke_token(*, token_id: int, by: "User") -> ApiToken:
    """Revoke a token at once; a revoked token is refused from the next call on. Revoking twice changes nothing."""
    with transaction.atomic():
        token = ApiToken.objects.select_for_update().get(pk=token_id)
        _require_admin(by, token.organisation_id)
        if token.revoked_at is None:
            token.revoked_at, token.revoked_by = timezone.now(), by
            token.save(update_fields=["revoked_at", "revoked_by"])
    return token

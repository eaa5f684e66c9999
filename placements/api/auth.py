"""Who calls the API: an organisation's token (`Authorization: Bearer wt_…`), never a session. The token acts with
its organisation's grants (regions.access.organisation_access), attributed to the person who made it; a
read-only token changes nothing; each token has its own rate in the cache (a cache that does not answer lets
the call through: Redis is an accelerator, not a gate)."""

from datetime import timedelta
from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions, permissions, throttling
from rest_framework.request import Request

from placements.models import ApiToken
from placements.models.api_tokens import TOKEN_PREFIX
from regions.access import access_for, act_for_organisation, organisation_ids_now
from regions.models import Membership

LAST_USED_STEP = timedelta(minutes=1)  # last use is written at most once a minute per token, not on every call


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request: Request) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).decode("latin-1").split()
        if not header or header[0] != self.keyword:
            return None
        if len(header) != 2:  # noqa: PLR2004 - "Bearer <token>"
            raise exceptions.AuthenticationFailed(_("Geef de sleutel als 'Authorization: Bearer <sleutel>'."))
        token = self.token_for(header[1])
        user = token.created_by
        # The person who made it left, or is no longer the organisation's administrator: their tokens stop with them
        # (one query, also for an inactive account: organisation_ids_now reads active memberships only).
        if not user.is_active or token.organisation_id not in organisation_ids_now(user, Membership.Role.ORG_ADMIN):
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is niet meer geldig."))
        now = timezone.now()
        if token.last_used_at is None or token.last_used_at < now - LAST_USED_STEP:
            ApiToken.objects.filter(Q(last_used_at__isnull=True) | Q(last_used_at__lt=now - LAST_USED_STEP)).filter(
                pk=token.pk
            ).update(last_used_at=now)
        return act_for_organisation(user, token.organisation_id), token

    def token_for(self, value: str) -> ApiToken:
        parts = value.split("_", 2)  # the secret itself may hold "_"
        if len(parts) != 3 or parts[0] != TOKEN_PREFIX:  # noqa: PLR2004 - wt_<prefix>_<secret>
            raise exceptions.AuthenticationFailed(_("Onbekende API-sleutel."))
        token = ApiToken.objects.select_related("created_by").filter(prefix=parts[1]).first()
        if token is None or not token.matches(value):
            raise exceptions.AuthenticationFailed(_("Onbekende API-sleutel."))
        if token.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is ingetrokken."))
        if token.expires_at <= timezone.now():
            raise exceptions.AuthenticationFailed(_("Deze API-sleutel is verlopen."))
        return token

    def authenticate_header(self, request: Request) -> str:
        return f'{self.keyword} realm="api"'


class TokenScope(permissions.BasePermission):
    """A token is required; a read-only token may only read; and the organisation must hold one of the view's
    `roles` (the token's grants, regions.access.TOKEN_ROLES)."""

    def has_permission(self, request: Request, view: Any) -> bool:
        token = request.auth
        if not isinstance(token, ApiToken):
            raise exceptions.NotAuthenticated(_("Deze vraag heeft een API-sleutel nodig."))
        if request.method not in permissions.SAFE_METHODS and token.scope != ApiToken.Scope.WRITE:
            self.message = _("Deze API-sleutel mag alleen lezen.")
            return False
        self.message = _("Uw organisatie mag dit niet via de API.")
        return access_for(request.user).has_role(*getattr(view, "roles", ()))


class PerTokenThrottle(throttling.SimpleRateThrottle):
    scope = "token"

    def get_cache_key(self, request: Request, view: Any) -> str | None:
        token = request.auth
        return f"api-throttle:{token.pk}" if isinstance(token, ApiToken) else None


class TokenScheme(OpenApiAuthenticationExtension):
    """How the schema names the token: HTTP bearer."""

    target_class = TokenAuthentication
    name = "organisationToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "wt_<prefix>_<secret>, made by your organisation administrator",
        }

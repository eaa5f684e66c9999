"""Who a failed login is counted against: the username typed and the client's real address.

Behind PROXY_COUNT reverse proxies (docker-compose puts one in front of the web server) the connection comes from
the nearest proxy; each proxy appends the address it was connected from to X-Forwarded-For. The client's address is
therefore the PROXY_COUNT-th entry from the right. Entries further left are whatever the client sent and are never
believed: an attacker who forges X-Forwarded-For still locks only the address they connect from. The rule is
allauth's (ALLAUTH_TRUSTED_PROXY_COUNT), so the lockout, allauth's throttles and the session list agree."""

from allauth.account.adapter import get_adapter
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The client's address as the outermost trusted proxy saw it; the connection's own without proxies."""
    try:
        return get_adapter(request).get_client_ip(request)
    except (ImproperlyConfigured, PermissionDenied):  # fewer forwarded hops than configured, or no address at all
        return request.META.get("REMOTE_ADDR")


def username_of(request: HttpRequest, credentials: dict | None) -> str | None:
    """The username a login attempt names, as the lockout counts it: trimmed and case-folded, because the login
    finds the account whatever the case and surrounding spaces ("Regisseur ", "REGISSEUR"). Counted as typed, each
    spelling would get its own five guesses, and a locked account would open to another spelling."""
    typed = (credentials or {}).get("username")
    if not typed:
        data = getattr(request, "POST", None) or {}
        typed = data.get("login") or data.get("username")
    return normalised(typed) if typed else typed


def normalised(username: str) -> str:
    return username.strip().casefold()

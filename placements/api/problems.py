"""Errors as RFC 9457 problem details (`application/problem+json`): `type`, `title`, `status`, `detail`, and for
invalid input `errors`, the messages per field. Titles and messages are in the request's language (Accept-Language:
Dutch, or English)."""

import json
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, status
from rest_framework.decorators import api_view, authentication_classes, permission_classes, throttle_classes
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import exception_handler

PROBLEM_TYPE = "application/problem+json"


def problem_type(code: str) -> str:
    return f"urn:weerthuis:problem:{code}"


def titles() -> dict[int, tuple[str, str]]:
    return {
        400: ("invalid", _("De invoer is niet geldig.")),
        401: ("unauthenticated", _("Geen geldige API-sleutel.")),
        403: ("forbidden", _("Dit mag uw organisatie niet.")),
        404: ("not-found", _("Niet gevonden.")),
        405: ("method-not-allowed", _("Deze methode kan hier niet.")),
        406: ("not-acceptable", _("Dit antwoordformaat wordt niet geleverd.")),
        409: ("conflict", _("Dit kan niet in de huidige toestand.")),
        412: ("stale", _("Iemand anders heeft dit intussen gewijzigd.")),
        415: ("unsupported-media-type", _("Stuur JSON (Content-Type: application/json).")),
        429: ("throttled", _("Te veel verzoeken; probeer het later opnieuw.")),
    }


def problem(status_code: int, detail: str, *, errors: dict[str, list[str]] | None = None, code: str = "") -> Response:
    default_code, title = titles().get(status_code, ("error", _("Er ging iets mis.")))
    body: dict[str, Any] = {
        "type": problem_type(code or default_code),
        "title": title,
        "status": status_code,
        "detail": detail,
    }
    if errors:
        body["errors"] = errors
    response = Response(body, status=status_code, content_type=PROBLEM_TYPE)
    response["Content-Language"] = get_language() or "nl"
    return response


def _messages(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [f"{key}: {message}" for key, item in value.items() for message in _messages(item)]
    if isinstance(value, list):
        return [message for item in value for message in _messages(item)]
    return [str(value)]


def field_errors(detail: Any) -> dict[str, list[str]]:
    """DRF's or a Django form's errors as {field: [messages]}; errors of the whole object under "non_field_errors"."""
    if isinstance(detail, dict):
        return {
            ("non_field_errors" if key == "__all__" else str(key)): _messages(value) for key, value in detail.items()
        }
    return {"non_field_errors": _messages(detail)}


OWN_WORDS = {
    exceptions.ParseError: lambda exc: _("De inhoud is geen geldige JSON."),
    exceptions.MethodNotAllowed: lambda exc: _("Deze methode kan hier niet."),
    exceptions.UnsupportedMediaType: lambda exc: _("Stuur JSON (Content-Type: application/json)."),
    exceptions.NotAcceptable: lambda exc: _("Dit antwoordformaat wordt niet geleverd; vraag application/json."),
    exceptions.Throttled: lambda exc: (
        _("Te veel verzoeken; probeer het over %(wait)s seconden opnieuw.") % {"wait": int(exc.wait or 1)}
    ),
}


def problem_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF's exception handler, answering in problem details."""
    if isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Niet gevonden, of niet zichtbaar voor uw organisatie."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    response = exception_handler(exc, context)
    if response is None or not isinstance(exc, exceptions.APIException):
        return response
    if isinstance(exc, exceptions.ValidationError):
        result = problem(status.HTTP_400_BAD_REQUEST, _("Controleer de velden."), errors=field_errors(exc.detail))
    elif type(exc) in OWN_WORDS:  # DRF's own messages, in the project's words
        result = problem(response.status_code, OWN_WORDS[type(exc)](exc))
    else:
        detail = exc.detail if isinstance(exc.detail, str) else " ".join(_messages(exc.detail))
        result = problem(response.status_code, str(detail))
    for header in ("WWW-Authenticate", "Retry-After", "Allow"):
        if header in response:
            result[header] = response[header]
    return result


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@authentication_classes([])
@permission_classes([])
@throttle_classes([])
def not_found(request: Request) -> Response:
    """Any address under /api/v1/ that names nothing."""
    return problem(status.HTTP_404_NOT_FOUND, _("Dit adres bestaat niet in de API."))


def control_characters() -> HttpResponse:
    """The answer to a query string with a control character (weerthuis.middleware), outside any view."""
    body = {
        "type": problem_type("invalid"),
        "title": _("De invoer is niet geldig."),
        "status": 400,
        "detail": _("Het adres bevat een stuurteken; laat het weg."),
    }
    response = HttpResponse(json.dumps(body), status=400, content_type=PROBLEM_TYPE)
    response["Content-Language"] = get_language() or "nl"
    return response

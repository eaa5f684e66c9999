"""What every API view shares: cursor pages, ETags on reads (a conditional GET answers 304), problem details in
the schema, and the history context of a token's writes."""

import hashlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pghistory
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse
from rest_framework import pagination, status
from rest_framework.exceptions import NotFound
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from placements.api.problems import PROBLEM_TYPE
from placements.api.serializers import ProblemSerializer
from placements.audit.history import attributed


class CursorPage(pagination.CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    ordering = "id"
    invalid_cursor_message = _("Deze cursor is niet geldig; begin opnieuw bij de eerste pagina.")

    def decode_cursor(self, request: Request) -> Any:
        """DRF's, plus a check of the position: the cursor orders by id, so a forged position that is not a whole
        number ('p=abc', 'p=1.5') is an invalid cursor (404), not a database error (500)."""
        cursor = super().decode_cursor(request)
        if cursor is not None and cursor.position is not None:
            position = str(cursor.position)
            if not (position.isascii() and position.isdecimal()):
                raise NotFound(self.invalid_cursor_message)
        return cursor


def problems(*codes: int) -> dict[Any, Any]:
    """The problem responses an operation documents, beside those every one may answer: 400 (a query string
    with a control character), 401 and 429."""
    return {
        (code, PROBLEM_TYPE): OpenApiResponse(response=ProblemSerializer, description="RFC 9457 problem details")
        for code in sorted({400, 401, 429, *codes})
    }


def etag_of(data: Any) -> str:
    return '"' + hashlib.sha256(JSONRenderer().render(data)).hexdigest()[:32] + '"'


class ETagMixin(APIView):
    """A read carries an ETag of its body; a request whose If-None-Match names it gets 304 without a body."""

    def finalize_response(self, request: Request, response: Any, *args: Any, **kwargs: Any) -> Any:
        if request.method == "GET" and response.status_code == status.HTTP_200_OK and hasattr(response, "data"):
            etag = etag_of(response.data)
            wanted = {tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")}
            if etag in wanted or "*" in wanted:
                response = Response(status=status.HTTP_304_NOT_MODIFIED)
            response["ETag"] = etag
        return super().finalize_response(request, response, *args, **kwargs)


@contextmanager
def written_by_token(request: Request) -> Iterator[None]:
    """History context of a write through the API: the token's creator as the user, and which token."""
    token = request.auth
    with (
        attributed(request.user),
        pghistory.context(api_token=getattr(token, "prefix", ""), api_token_name=getattr(token, "name", "")),
    ):
        yield

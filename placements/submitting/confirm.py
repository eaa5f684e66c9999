"""A confirmation step for a decision that cannot be undone, without JavaScript: the decision form's POST without
`confirmed` changes nothing and answers with a page "Weet u het zeker?" that says what will happen; that page sends
the same data again, with `confirmed` and the form's own one-time token (placements.submitting.once), so a
confirmed decision is still handled once."""

from collections.abc import Sequence
from typing import TYPE_CHECKING

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

if TYPE_CHECKING:
    from django_stubs_ext import StrOrPromise

CONFIRMED = "confirmed"
NOT_ECHOED = {"csrfmiddlewaretoken", CONFIRMED}


def is_confirmed(request: HttpRequest) -> bool:
    return request.POST.get(CONFIRMED) == "1"


def confirmation_page(
    request: HttpRequest,
    *,
    what: "StrOrPromise",
    consequences: "Sequence[StrOrPromise]",
    button: "StrOrPromise",
    back_url: str,
    undo: "StrOrPromise" = "",
) -> HttpResponse:
    """The page that asks to confirm `what`, listing its `consequences` and how to undo it (`undo`; none said:
    it cannot be undone); its button sends the POST again."""
    fields = [(name, value) for name, values in request.POST.lists() if name not in NOT_ECHOED for value in values]
    context = {
        "what": what,
        "consequences": consequences,
        "button": button,
        "back_url": back_url,
        "undo": undo,
        "fields": fields,
        "action_url": request.path,
    }
    return render(request, "placements/confirm.html", context)

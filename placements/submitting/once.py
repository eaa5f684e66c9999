"""A create or decision form is handled once, however often it arrives.

Each rendered form carries a fresh token (`{% submission_token %}`, placements/templatetags/submitting.py). The
first POST with it inserts a `Submission` row in the request's transaction (ATOMIC_REQUESTS), does the work and
stores the page it redirects to. A second POST with the same token (double click, back and resubmit) waits on
the row's primary key until the first commits, then gets the first one's result page with a note, instead of a
second record or a second decision. A POST answered with its form and errors leaves no row (the form comes
back with a new token anyway)."""

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from placements.models import Submission

FIELD = "submission"
# A form's token is remembered this long: a page kept open longer and sent again is handled as new.
KEEP_DAYS = 30


def forget_old_submissions(*, now: datetime | None = None) -> int:
    """Delete the tokens of forms sent more than KEEP_DAYS ago; returns how many. Safe to run twice."""
    before = (now or timezone.now()) - timedelta(days=KEEP_DAYS)
    deleted, _per_model = Submission.objects.filter(at__lt=before).delete()
    return deleted


def new_token() -> str:
    return str(uuid.uuid4())


def _token(request: HttpRequest) -> uuid.UUID | None:
    try:
        return uuid.UUID(request.POST.get(FIELD, ""))
    except ValueError:
        return None


def handle_once(request: HttpRequest, handle: Callable[[], HttpResponseBase]) -> HttpResponseBase:
    """Call `handle` for the first POST of a rendered form; answer a repeat with the first one's result page.

    Guarantees, with the database as the judge: at most one `handle` per token commits its work; a repeat that
    arrives while the first is still working waits for it. `handle` must answer a redirect when it did the work
    (the page a repeat is sent to) and may answer anything else when it did not."""
    token, user = _token(request), request.user
    if token is None or not user.is_authenticated:
        messages.error(
            request, _("Dit formulier is niet volledig verstuurd. Laad de pagina opnieuw en probeer het nog eens.")
        )
        return HttpResponseRedirect(request.path)
    try:
        with transaction.atomic():
            Submission.objects.create(token=token, user=user, result_url="")
    except IntegrityError:
        earlier = Submission.objects.filter(token=token, user=user).first()
        messages.info(
            request, _("Dit formulier was al verstuurd; u ziet het resultaat daarvan. Er is niets dubbel vastgelegd.")
        )
        return HttpResponseRedirect(earlier.result_url if earlier and earlier.result_url else reverse("home"))
    response = handle()
    if isinstance(response, HttpResponseRedirect):
        Submission.objects.filter(token=token).update(result_url=response.url[:300])
    else:  # nothing was done: the form comes back with its errors and a new token
        Submission.objects.filter(token=token).delete()
    return response


class SubmitOnceMixin(View):
    """For a view whose POST creates, changes or decides something: the POST is handled once per rendered form.
    Goes after the access mixin (which turns away visitors first) and before the view class."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method != "POST":
            return super().dispatch(request, *args, **kwargs)
        return handle_once(request, lambda: super(SubmitOnceMixin, self).dispatch(request, *args, **kwargs))

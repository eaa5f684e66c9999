"""A create or decision form is handled once, however often it arrives.

Each rendered form carries a fresh token (`{% submission_token %}`, placements/templatetags/submitting.py). The
first POST with it inserts a `Submission` row in the request's transaction (ATOMIC_REQUESTS), does the work and
stores the page it redirects to once the view says it did the work (`done`). A second POST with the same token
(double click, back and resubmit) waits on the row's primary key until the first commits, then gets the first
one's result page with a note, instead of a second record or a second decision. A POST that did nothing (a form
with errors, a refused decision) leaves no row, so the same form can be corrected and sent again."""

import logging
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponseBadRequest, HttpResponseBase, HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from placements.models import Submission

FIELD = "submission"
DONE = "_submission_done"  # set on the request by `done`
RESULT = "_submission_result"  # the page a repeat is sent to, when the answer itself is not a redirect
logger = logging.getLogger(__name__)
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


def done(request: HttpRequest, result_url: str | None = None) -> None:
    """Say that this POST did its work (saved, decided, queued): a repeat of its form is sent to this POST's
    result page (its redirect, or `result_url` when the answer is a page of its own, as the one that shows a new
    API token's secret once). A POST that refused (a form error, a decision not allowed) does not call it, so the
    person can correct the same form and send it again."""
    setattr(request, DONE, True)
    if result_url:
        setattr(request, RESULT, result_url)


def handle_once(request: HttpRequest, handle: Callable[[], HttpResponseBase]) -> HttpResponseBase:
    """Call `handle` for the first POST of a rendered form; answer a repeat with the first one's result page.

    Guarantees, with the database as the judge: at most one `handle` per token commits work it marked `done`;
    a repeat that arrives while the first is still working waits for it. A POST without a token (a page rendered
    before tokens existed, or not by this application) is handled without that guarantee, and logged."""
    token, user, path = _token(request), request.user, request.path[:300]
    if FIELD in request.POST and token is None:  # sent, but not one this application made
        return HttpResponseBadRequest(_("Dit formulier is beschadigd verstuurd. Laad de pagina opnieuw."))
    if token is None or not user.is_authenticated:
        logger.warning("POST to %s without a form token: handled without the once-only guard", request.path)
        return handle()
    with transaction.atomic():
        try:
            with transaction.atomic():
                Submission.objects.create(token=token, user=user, result_url="", path=path)
        except IntegrityError:
            earlier = Submission.objects.filter(token=token, user=user).first()
            if earlier is None:  # another user's token: their result is none of this user's business
                messages.error(request, _("Dit formulier hoort bij een andere gebruiker; er is niets vastgelegd."))
                return HttpResponseRedirect(reverse("home"))
            if earlier.path != path:  # a token taken from another form
                messages.error(request, _("Dit formulier hoort bij een andere pagina; er is niets vastgelegd."))
                return HttpResponseRedirect(reverse("home"))
            messages.info(
                request,
                _("Dit formulier was al verstuurd; u ziet het resultaat daarvan. Er is niets dubbel vastgelegd."),
            )
            return HttpResponseRedirect(earlier.result_url or reverse("home"))
        response = handle()
        result = getattr(request, RESULT, None) or (
            response.url if isinstance(response, HttpResponseRedirect) else None
        )
        if getattr(request, DONE, False) and result:
            Submission.objects.filter(token=token).update(result_url=result[:300])
        else:  # nothing was done: the same form may be corrected and sent again
            Submission.objects.filter(token=token).delete()
    return response


class SubmitOnceMixin(View):
    """For a view whose POST creates, changes or decides something: the POST is handled once per rendered form.
    Goes after the access mixin (which turns away visitors first) and before the view class."""

    def dispatch(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if request.method != "POST":
            return super().dispatch(request, *args, **kwargs)
        return handle_once(request, lambda: super(SubmitOnceMixin, self).dispatch(request, *args, **kwargs))

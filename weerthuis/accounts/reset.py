"""The password-reset request page (allauth's), answering in the same time whether or not the address has an
account: with the e-mail sent from a worker, a known address still cost the request some milliseconds (finding the
account, making the link, rendering the message; measured 16 against 8 ms), enough to tell, with patience, which
addresses exist."""

import time
from functools import wraps

from allauth.account.views import password_reset
from django.db import transaction

# Every request for a reset link takes at least this long; the work itself takes a few tens of milliseconds.
ANSWER_SECONDS = 0.25


def answering_in_constant_time(view):
    @wraps(view)
    @transaction.non_atomic_requests
    def wrapped(request, *args, **kwargs):
        started = time.monotonic()
        with transaction.atomic():  # committed, and the e-mail handed to the worker, before the wait
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
        if request.method == "POST":
            time.sleep(max(0.0, started + ANSWER_SECONDS - time.monotonic()))
        return response

    return wrapped


request_reset = answering_in_constant_time(password_reset)

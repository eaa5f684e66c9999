"""Plain helpers and constants that more than one test module uses. Fixtures live in the conftest files; a test
module never imports another test module."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from html.parser import HTMLParser
from unittest import mock

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import DataError, IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from placements.figures import services as figure_services
from placements.models import Dwelling, FigureRun, OutflowCase
from placements.submitting.once import FIELD as SUBMISSION_FIELD
from placements.submitting.once import new_token

# Every kind of visitor of the access matrices, by the name of the `users` fixture (tests/placements/conftest.py).
VISITORS = [
    "anonymous",
    "outsider",
    "coordinator",
    "foreign_coordinator",
    "corporation_a",
    "corporation_b",
    "care_worker_c",
    "care_worker_d",
    "manager",
    "org_admin",
]


def expected_status(visitor: str, allowed: dict) -> int:
    """The answer a visitor gets: the one `allowed` names for it, else 403; anonymous visitors go to the login."""
    if visitor == "anonymous":
        return 302
    return allowed.get(visitor, 403)


def submitted(data: dict) -> dict:
    """`data` as a rendered form sends it: with its own one-time token (placements.submitting)."""
    return {**data, SUBMISSION_FIELD: new_token()}


def dwelling_post(dwelling: Dwelling) -> dict:
    """The home form as a user would send it for `dwelling`, with a new street and 3 rooms: as rendered for the
    version `dwelling` holds, with its one-time token."""
    return {
        SUBMISSION_FIELD: new_token(),
        "seen_version": dwelling.version,
        "corporation": dwelling.corporation_id,
        "neighbourhood": dwelling.neighbourhood_id,
        "street": "Nieuwe straat",
        "house_number": dwelling.house_number,
        "house_number_addition": "",
        "postcode": dwelling.postcode,
        "place": dwelling.place,
        "building_code": "",
        "kind": dwelling.kind,
        "rooms": 3,
        "rent": "650.00",
        "reserved_on": dwelling.reserved_on.isoformat(),
        "available_from": dwelling.available_from.isoformat(),
    }


def case_post(case: OutflowCase) -> dict:
    """The client form as a care worker would send it for `case`, with a household of 2 (version and token as
    `dwelling_post`)."""
    return {
        SUBMISSION_FIELD: new_token(),
        "seen_version": case.version,
        "care_provider": case.care_provider_id,
        "region": case.region_id,
        "origin": case.origin,
        "target_group": case.target_group,
        "household_size": 2,
        "support_level": case.support_level,
        "min_rooms": 1,
        "ready_on": case.ready_on.isoformat(),
    }


# The as-of date of the hand-made figures dataset (the `world` fixture): day 61 of the leap year 2024.
WORLD_AS_OF = date(2024, 3, 1)


def run_figures(region_id: int | None = None, as_of: date = WORLD_AS_OF) -> FigureRun:
    """Queue a figure run and carry it out at once, as the worker would."""
    return figure_services.run_figures(run_id=figure_services.queue_run(region_id=region_id, as_of=as_of).pk)


class WorkerKilled(BaseException):
    """A worker stopped mid-task (killed at the hard time limit, its container stopped): nothing after the claim
    runs, not even the `except Exception` that records a failure."""


def run_left_running(*, region_id: int | None, minutes_ago: float) -> FigureRun:
    """A run whose worker claimed it `minutes_ago` and was killed while computing: the database still says running."""
    with time_machine.travel(timezone.now() - timedelta(minutes=minutes_ago), tick=False):
        run = figure_services.queue_run(region_id=region_id)
        with (
            mock.patch.object(figure_services, "_replace_figures", side_effect=WorkerKilled),
            pytest.raises(WorkerKilled),
        ):
            figure_services.run_figures(run_id=run.pk)
    run.refresh_from_db()
    assert run.status == FigureRun.Status.RUNNING
    return run


def past_hard_limit(minutes: float = 0) -> float:
    """Minutes since a run started that are `minutes` past the task's hard time limit and the expiry's margin."""
    limit = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + figure_services.INTERRUPT_MARGIN
    return limit.total_seconds() / 60 + minutes


def poll(read, until, seconds: float = 60):
    """`read()` again and again until `until(value)` holds (returned) or `seconds` passed (AssertionError): no sleep
    guessing how long another process takes."""
    deadline = time.monotonic() + seconds
    while not until(value := read()):
        assert time.monotonic() < deadline, f"still {value!r} after {seconds} s"
        time.sleep(0.1)
    return value


def count_queries(client, url: str) -> int:
    """The number of queries one GET of `url` issues (it must answer 200)."""
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def field_messages(error: ValidationError, field: str) -> str:
    """The messages full_clean() gave for `field`, as one string."""
    return " ".join(error.message_dict[field])


def raises_integrity(create) -> None:
    """The database itself refuses the row (constraint violated, or a value that does not fit the column)."""
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        create()


def first_page(queryset):
    """The first page of 25 of `queryset`, as a list page hands it to its rows."""
    return Paginator(queryset, 25).page(1)


def form_values(*forms) -> dict:
    """What rendered forms send back when the person changes nothing: each field's shown value by its name
    (unticked boxes are not sent). Pass a page's form, or an admin page's form with its inline formsets' forms."""
    data = {}
    for form in forms:
        for field in form:
            value = field.value()
            if value is None or value is False:
                continue
            data[field.html_name] = value
    return data


def at_once(attempts: list) -> list:
    """Call every attempt in a thread of its own, all released together by a barrier; return what each returned
    (or the exception it raised), in order. Each thread has its own database connection, closed at the end."""
    barrier = threading.Barrier(len(attempts))

    def run(attempt):
        try:
            barrier.wait(timeout=30)
            return attempt()
        except Exception as error:  # reported to the test, which decides whether it is a bug
            return error
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(attempts)) as pool:
        return list(pool.map(run, attempts))


def totp_code(secret: str, at: float | None = None, step: int = 30) -> str:
    """The 6-digit TOTP code (RFC 6238, HMAC-SHA1) an authenticator app shows for `secret` at `at`: computed here,
    not by the library under test."""
    import base64
    import hashlib
    import hmac
    import struct

    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def enrol_totp(user) -> str:
    """Gives `user` an authenticator app (as the enrolment page would) and returns its secret."""
    import base64
    import os

    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator

    secret = base64.b32encode(os.urandom(20)).decode()
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": get_adapter().encrypt(secret)}
    )
    return secret


def sign_in(client, username: str, password: str = "een-sterk-testwachtwoord", *, secret: str | None = None, **extra):
    """Signs in through the login page as a person does, with the app's code at the second step when asked for
    one. Returns the last response."""
    from django.urls import reverse

    response = client.post(reverse("login"), {"login": username, "password": password}, **extra)
    if secret is not None and response.status_code == 302 and response.url == reverse("mfa_authenticate"):
        response = client.post(response.url, {"code": totp_code(secret)}, **extra)
    return response


class _Structure(HTMLParser):
    """Collects what structure_problems checks: ids, label targets, aria references, in-page links, form
    controls and the labels around them, and lists given another role."""

    CONTROLS = ("input", "select", "textarea")
    UNNAMED_INPUTS = ("hidden", "submit", "button", "reset", "image")

    def __init__(self):
        super().__init__()
        self.ids: list[str] = []
        self.references: list[tuple[str, str]] = []  # (what refers, the id it needs)
        self.controls: list[tuple[str, dict]] = []  # (tag, attrs) of controls that need a name
        self.wrapped: set[int] = set()  # indexes in `controls` of controls inside a <label>
        self.label_depth = 0
        self.problems: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if "id" in attributes:
            self.ids.append(attributes["id"])
        if tag == "label":
            self.label_depth += 1
            if "for" in attributes:
                self.references.append(("label for", attributes["for"]))
        for name in ("aria-describedby", "aria-labelledby", "aria-controls"):
            for target in attributes.get(name, "").split():
                self.references.append((f"{tag} {name}", target))
        href = attributes.get("href", "")
        if tag == "a" and href.startswith("#") and len(href) > 1:
            self.references.append(("a href", href[1:]))
        if tag in ("ul", "ol") and attributes.get("role", "list") != "list":
            self.problems.append(f"<{tag} role={attributes['role']}> loses its list semantics")
        if tag in self.CONTROLS and attributes.get("type", "") not in self.UNNAMED_INPUTS:
            if self.label_depth:
                self.wrapped.add(len(self.controls))
            self.controls.append((tag, attributes))

    def handle_endtag(self, tag):
        if tag == "label" and self.label_depth:
            self.label_depth -= 1


def structure_problems(html: str) -> list[str]:
    """What is wrong with the structure of a page for assistive technology: an id used twice, a `label for`,
    aria-describedby/-labelledby or in-page link pointing at an id that is not there, a form control without a
    label or ARIA name, a list given another role. Empty when all is well."""
    parser = _Structure()
    parser.feed(html)
    ids = set(parser.ids)
    problems = list(parser.problems)
    problems += [
        f"id {id_!r} is used {parser.ids.count(id_)} times" for id_ in sorted(ids) if parser.ids.count(id_) > 1
    ]
    problems += [f"{what} points at {target!r}, which is not on the page" for what, target in parser.references
                 if target not in ids]  # fmt: skip
    labelled = {target for what, target in parser.references if what == "label for"}
    for index, (tag, attributes) in enumerate(parser.controls):
        named = (
            index in parser.wrapped
            or attributes.get("id") in labelled
            or attributes.get("aria-label")
            or attributes.get("aria-labelledby")
            or attributes.get("title")
        )
        if not named:
            problems.append(f"<{tag} name={attributes.get('name')!r}> has no label")
    return problems

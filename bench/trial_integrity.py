"""Trial of issue 14 against a running server (e.g. gunicorn with 5 workers): edits at the moment of a
proposal, simultaneous edits of one version, and one registration form sent many times at once, each over
HTTP from threads released together. Prints what happened; checks the outcome in the database.

    BENCH_DATABASE_URL=postgres://…/weerthuis_trial  (the server's database, filled by `manage.py seed_demo`)
    .venv/bin/python bench/trial_integrity.py --rounds 50      (the server on 127.0.0.1:8765, or --port)

Not a test: it needs a server and changes the demo data (it adds homes, clients and proposals)."""

import argparse
import re
import sys
import threading
import uuid
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # noqa: E402
from common import setup_django  # noqa: E402
from load import Session  # noqa: E402  (http.client, to 127.0.0.1:load.PORT)

PASSWORD = "weerthuis-demo"  # noqa: S105 - the demo users' published password
CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="([^"]+)"')


def signed_in(username: str) -> Session:
    session = Session()
    session.login(username, PASSWORD)
    return session


def post(session: Session, path: str, data: dict) -> int:
    """POST `data` as the form on `path` would (with its CSRF token); the answer's status."""
    _status, page = session.request("GET", path)
    token = CSRF.search(page)
    status, _content = session.request(
        "POST", path, {**data, "csrfmiddlewaretoken": token.group(1).decode() if token else ""}
    )
    return status


def at_once(calls: list) -> list:
    barrier = threading.Barrier(len(calls))

    def run(call):
        barrier.wait(timeout=60)
        try:
            return call()
        except OSError as error:  # a connection refused or reset counts as a server error
            return error

    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(run, calls))


def form_data(form) -> dict:
    data = {}
    for field in form:
        value = field.value()
        if value is not None and value is not False:
            data[field.html_name] = value
    return data


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=load.PORT)
    parser.add_argument("--rounds", type=int, default=50)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()
    load.PORT = args.port
    setup_django(require_synthetic=False)
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from placements.models import Dwelling, OutflowCase, Placement
    from placements.records.forms import DwellingForm
    from placements.records.services import register_case
    from regions.access import access_for
    from regions.models import Neighbourhood

    users = {name: get_user_model().objects.get(username=name) for name in ("regisseur", "corporatie", "begeleider")}
    editors = [signed_in("corporatie") for _ in range(args.threads - 1)]
    coordinator, carers = signed_in("regisseur"), [signed_in("begeleider") for _ in range(args.threads)]
    corporation_id = next(iter(access_for(users["corporatie"]).organisation_ids("corporation_staff")))
    region_ids = access_for(users["regisseur"]).region_ids("coordinator")
    neighbourhood = Neighbourhood.objects.filter(municipality__region__in=region_ids).first()
    template = OutflowCase.objects.filter(
        region__in=region_ids, care_provider__memberships__user=users["begeleider"]
    ).first()
    if neighbourhood is None or template is None:
        sys.exit("The trial needs the demo data: run `manage.py seed_demo` (WEERTHUIS_DEMO=true) first.")
    corrupted = lost = duplicates = unregistered = errors = 0
    for number in range(args.rounds):
        today = timezone.localdate()
        home = Dwelling.objects.create(
            corporation_id=corporation_id, neighbourhood=neighbourhood, street="Proefstraat", house_number=1000 + number,
            house_number_addition=uuid.uuid4().hex[:4].upper(), postcode="1500 AA", place="Proef", rooms=2,
            rent_cents=60000, reserved_on=today, available_from=today + timedelta(days=7),
        )  # fmt: skip
        client = OutflowCase(care_provider=template.care_provider, region=template.region, origin=template.origin,
                             target_group=template.target_group, household_size=1, support_level=template.support_level,
                             ready_on=today - timedelta(days=30))  # fmt: skip
        client = register_case(case=client, preferred_municipalities=[], by=users["begeleider"])
        edit = {**form_data(DwellingForm(instance=home, user=users["corporatie"])), "street": "Gewijzigde straat"}
        path = f"/woningen/{home.pk}/wijzigen/"
        proposal = {"dwelling": home.pk, "case": client.pk, "override_reason": "proef", "submission": str(uuid.uuid4())}
        calls: list[Callable[[], int]] = [
            partial(post, s, path, {**edit, "submission": str(uuid.uuid4())}) for s in editors
        ]
        calls.append(partial(post, coordinator, "/voordrachten/nieuw/", proposal))
        *edited, proposed = at_once(calls)
        home.refresh_from_db()
        placement = Placement.objects.filter(dwelling=home).first()
        saved = sum(1 for r in edited if r == 302)
        errors += sum(1 for r in [*edited, proposed] if not isinstance(r, int) or r >= 500)
        corrupted += placement is not None and home.status != Dwelling.Status.OFFERED
        lost += max(saved - 1, 0)
        registration = {**form_data_case(template), "submission": str(uuid.uuid4())}
        before = OutflowCase.objects.count()
        sent = at_once([partial(post, s, "/clienten/nieuw/", registration) for s in carers])
        errors += sum(1 for r in sent if not isinstance(r, int) or r >= 500)
        created = OutflowCase.objects.count() - before
        duplicates += max(created - 1, 0)
        unregistered += created == 0
    print(f"rounds={args.rounds} threads={args.threads} corrupted_statuses={corrupted} silent_lost_updates={lost} "
          f"duplicate_clients={duplicates} registrations_lost={unregistered} server_errors={errors}")  # fmt: skip


def form_data_case(template) -> dict:
    return {
        "care_provider": template.care_provider_id, "region": template.region_id, "origin": template.origin,
        "target_group": template.target_group, "household_size": 1, "support_level": template.support_level,
        "min_rooms": 1, "ready_on": template.ready_on.isoformat(), "urgency": "none",
    }  # fmt: skip


if __name__ == "__main__":
    main()

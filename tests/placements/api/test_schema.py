"""Schemathesis against the published schema, in-process (WSGI), with a corporation's write token on seeded data
(a home, a proposal on it, stored figures): no answer is a server error and every answer matches the schema (its
status, content type, headers and body). Select with `-m schemathesis`; examples are limited to keep it short."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest
import schemathesis
from django.core import signals
from django.db import close_old_connections
from django.utils import timezone
from drf_spectacular.generators import SchemaGenerator
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from placements.api.services import create_token
from placements.matching import services as matching
from regions.models import Membership
from tests.factories import DwellingFactory, OutflowCaseFactory, UserFactory
from tests.helpers import run_figures
from weerthuis.wsgi import application

pytestmark = pytest.mark.schemathesis

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def secret(party, neighbourhood, coordinator):
    """A corporation's write token, with its homes, a proposal and a run of the figures to read."""
    homes = DwellingFactory.create_batch(3, corporation=party.corporation, neighbourhood=neighbourhood)
    case = OutflowCaseFactory(care_provider=party.care_provider, region=party.region)
    matching.propose_placement(dwelling_id=homes[0].pk, case_id=case.pk, by=coordinator)
    run_figures(party.region.pk)
    admin = UserFactory(username="beheerder-a")
    Membership.objects.create(user=admin, organisation=party.corporation, role=Membership.Role.ORG_ADMIN)
    _token, secret = create_token(
        organisation_id=party.corporation.pk,
        name="schemathesis",
        scope="write",
        expires_at=timezone.now() + timedelta(days=1),
        by=admin,
    )
    return secret


@pytest.fixture(autouse=True)
def in_process(settings):
    settings.ALLOWED_HOSTS = ["localhost"]  # the host schemathesis' WSGI client sends
    # As Django's test client does: a request's end must not close the test's connection (and its transaction).
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


# The schema as /api/v1/schema/ publishes it (made without a request: collection has no database), called in-process.
schema = schemathesis.openapi.from_dict(SchemaGenerator().get_schema(request=None, public=True))
schema.app = application


@schema.parametrize()
@settings(max_examples=20, deadline=None, suppress_health_check=list(HealthCheck))
def test_the_api_answers_as_its_schema_says(case, secret):
    case.call_and_validate(headers={"Authorization": f"Bearer {secret}"}, checks=CHECKS)


def test_a_corporations_system_keeps_its_homes_in_step_by_the_schema_alone(secret, party):
    """Reserve, read all pages, change with the version read, withdraw, and accept the proposal: each call made
    from the published operation and each answer checked against it."""
    auth = {"Authorization": f"Bearer {secret}"}

    def call(operation_id: str, **data):
        response = schema.find_operation_by_id(operation_id).Case(**data).call_and_validate(headers=auth, checks=CHECKS)
        assert response.status_code < 300, response.text
        return response.json()

    home = {
        "neighbourhood": "WK047901", "postcode": "1501 AB", "house_number": 12, "street": "Westzijde",
        "place": "Zaandam", "kind": "independent", "rooms": 3, "rent": "612.50", "reserved_on": "2026-11-01",
        "available_from": "2026-12-01",
    }  # fmt: skip
    created = call("homes_create", body=home)
    seen, query = [], {"page_size": 2}
    while True:
        page = call("homes_list", query=query)
        seen += [row["id"] for row in page["results"]]
        if page["next"] is None:
            break
        query = {"page_size": 2, "cursor": parse_qs(urlsplit(page["next"]).query)["cursor"][0]}
    assert created["id"] in seen and len(seen) == 4
    changed = call("homes_partial_update", path_parameters={"id": created["id"]}, body={"rooms": 4, "version": 1})
    assert (changed["rooms"], changed["version"]) == (4, 2)
    assert call("homes_withdraw", path_parameters={"id": created["id"]})["status"] == "withdrawn"
    proposal = call("proposals_list")["results"][0]
    decided = call("proposals_decide", path_parameters={"id": proposal["id"]}, body={"decision": "accept"})
    assert decided["status"] == "accepted"

"""Migration 0016: an urgency a care worker set to 'granted' without a coordinator's decision goes back to
'requested'; a decided one stays granted."""

import importlib

import pytest
from django.apps import apps
from django.utils import timezone

from tests.factories import OutflowCaseFactory

pytestmark = pytest.mark.django_db
migration = importlib.import_module("placements.migrations.0016_fill_urgency_requested")


def test_self_granted_urgency_goes_back_to_requested(party, users):
    self_granted = OutflowCaseFactory(care_provider=party.care_provider, region=party.region, urgency="granted")
    decided = OutflowCaseFactory(
        care_provider=party.care_provider, region=party.region, urgency="granted",
        urgency_decided_at=timezone.now(), urgency_decided_by=users["coordinator"],
    )  # fmt: skip

    migration.self_granted_to_requested(apps, None)

    self_granted.refresh_from_db()
    decided.refresh_from_db()
    assert (self_granted.urgency, self_granted.urgency_reason) == ("requested", migration.NOTE)
    assert decided.urgency == "granted"

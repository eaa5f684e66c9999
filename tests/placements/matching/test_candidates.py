"""Which clients fit a home and which homes fit a client (placements/matching/candidates.py), best first."""

from datetime import timedelta

import pytest
from django.utils import timezone

from placements.matching.candidates import fitting_cases, fitting_dwellings
from tests.factories import DwellingFactory, MunicipalityFactory, OutflowCaseFactory

pytestmark = pytest.mark.django_db


def test_a_home_lists_the_clients_it_fits_urgent_first_then_longest_waiting(party, neighbourhood):
    home = DwellingFactory(
        corporation=party.corporation, neighbourhood=neighbourhood, rooms=2, ground_floor=False, kind="intermediate"
    )

    def make(ref, **kw):
        return OutflowCaseFactory(care_provider=party.care_provider, region=party.region, reference=ref, **kw)

    make("FIT-URGENT", urgency="granted", ready_on=timezone.localdate() - timedelta(days=5))
    make("FIT-LONG", ready_on=timezone.localdate() - timedelta(days=100))
    make("TOO-BIG", household_size=5)
    make("NEEDS-GROUND", needs_ground_floor=True)
    make("HOUSING-FIRST", support_level="housing_first")
    make("ELSEWHERE").preferred_municipalities.set([MunicipalityFactory(region=party.region, cbs_code="GM0123")])
    make("PREFERS-HERE").preferred_municipalities.set([neighbourhood.municipality])
    make("MATCHED", status="matched")
    assert [c.reference for c in fitting_cases(home)] == ["FIT-URGENT", "FIT-LONG", "PREFERS-HERE"]


def test_a_client_lists_only_the_free_homes_that_fit_household_and_needs(party, neighbourhood):
    client = OutflowCaseFactory(
        care_provider=party.care_provider, region=party.region, household_size=3, needs_ground_floor=True
    )

    def make(street, **kw):
        return DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, street=street, **kw)

    make("Fits", rooms=2, ground_floor=True)
    make("TooSmall", rooms=1, ground_floor=True)
    make("Upstairs", rooms=3, ground_floor=False)
    make("Room", rooms=2, ground_floor=True, kind="room")
    make("Taken", rooms=3, ground_floor=True, status="offered")
    assert [d.street for d in fitting_dwellings(client)] == ["Fits"]

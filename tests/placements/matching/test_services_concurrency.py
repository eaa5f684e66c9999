"""No double booking: many coordinators proposing the same home (or the same client) at the same moment, on
real PostgreSQL in separate connections. Exactly one wins; the others get a clear message; nothing is
half-written."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from placements.matching.services import AlreadyProposed, DispersionLimitReached, propose_placement
from placements.models import Dwelling, OutflowCase, Placement
from placements.records.services import TransitionNotAllowed
from regions.models import DispersionRule
from tests.factories import DispersionRuleFactory, DwellingFactory, OutflowCaseFactory

THREADS = 8
CLEAR_ERRORS = (AlreadyProposed, TransitionNotAllowed)


def race(attempts):
    """Run the attempts in THREADS threads released together; return (winners, clear refusals, other errors)."""
    barrier = threading.Barrier(len(attempts))

    def run(attempt):
        try:
            barrier.wait(timeout=30)
            attempt()
            return "won"
        except CLEAR_ERRORS as error:
            assert str(error)  # a message a coordinator can read
            return "refused"
        except Exception as error:  # anything else is a bug (would be a 500)
            return f"error: {error!r}"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(attempts)) as pool:
        outcomes = list(pool.map(run, attempts))
    return outcomes.count("won"), outcomes.count("refused"), [o for o in outcomes if o.startswith("error")]


@pytest.mark.django_db(transaction=True)
def test_eight_coordinators_propose_the_same_home_at_once(users, dwelling, party):
    cases = [OutflowCaseFactory(care_provider=party.care_provider, region=party.region) for _ in range(THREADS)]
    coordinator = users["coordinator"]
    attempts = [
        (lambda case=case: propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=coordinator))
        for case in cases
    ]
    winners, refused, errors = race(attempts)
    print(f"same home: threads={THREADS} winners={winners} refused={refused} errors={len(errors)}")
    assert (winners, refused, errors) == (1, THREADS - 1, [])
    placement = Placement.objects.get()
    assert Dwelling.objects.get(pk=dwelling.pk).status == Dwelling.Status.OFFERED
    statuses = dict(OutflowCase.objects.filter(pk__in=[c.pk for c in cases]).values_list("pk", "status"))
    assert statuses.pop(placement.case_id) == OutflowCase.Status.MATCHED
    assert set(statuses.values()) == {OutflowCase.Status.WAITING}


@pytest.mark.django_db(transaction=True)
def test_eight_coordinators_propose_homes_to_the_same_client_at_once(users, case, party, neighbourhood):
    homes = [DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood) for _ in range(THREADS)]
    coordinator = users["coordinator"]
    attempts = [
        (lambda home=home: propose_placement(dwelling_id=home.pk, case_id=case.pk, by=coordinator)) for home in homes
    ]
    winners, refused, errors = race(attempts)
    print(f"same client: threads={THREADS} winners={winners} refused={refused} errors={len(errors)}")
    assert (winners, refused, errors) == (1, THREADS - 1, [])
    placement = Placement.objects.get()
    assert OutflowCase.objects.get(pk=case.pk).status == OutflowCase.Status.MATCHED
    statuses = dict(Dwelling.objects.filter(pk__in=[h.pk for h in homes]).values_list("pk", "status"))
    assert statuses.pop(placement.dwelling_id) == Dwelling.Status.OFFERED
    assert set(statuses.values()) == {Dwelling.Status.RESERVED}


@pytest.mark.django_db(transaction=True)
def test_simultaneous_proposals_in_one_neighbourhood_cannot_both_pass_a_blocking_limit(users, party, neighbourhood):
    DispersionRuleFactory(region=party.region, max_new_per_neighbourhood=1, mode=DispersionRule.Mode.BLOCK)
    homes = [DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood) for _ in range(THREADS)]
    cases = [OutflowCaseFactory(care_provider=party.care_provider, region=party.region) for _ in range(THREADS)]
    coordinator = users["coordinator"]
    barrier = threading.Barrier(THREADS)

    def attempt(pair):
        home, case = pair
        try:
            barrier.wait(timeout=30)
            propose_placement(dwelling_id=home.pk, case_id=case.pk, by=coordinator)
            return "won"
        except DispersionLimitReached:
            return "blocked"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=THREADS) as pool:
        outcomes = list(pool.map(attempt, zip(homes, cases, strict=True)))
    assert sorted(outcomes) == ["blocked"] * (THREADS - 1) + ["won"]
    assert Placement.objects.count() == 1

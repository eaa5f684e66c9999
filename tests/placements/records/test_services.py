"""Status transitions of homes and clients, and the pseudonymous reference."""

from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection
from django.utils import timezone

from placements.models import Dwelling
from placements.records.services import (
    TransitionNotAllowed,
    change_dwelling_status,
    close_case,
    next_reference,
    reinstate_dwelling,
    reopen_case,
    withdraw_dwelling,
)
from tests.factories import DwellingFactory, RegionFactory

pytestmark = pytest.mark.django_db


def test_a_reserved_home_can_be_withdrawn_and_reinstated(dwelling, users):
    assert withdraw_dwelling(dwelling_id=dwelling.pk, by=users["coordinator"]).status == "withdrawn"
    assert reinstate_dwelling(dwelling_id=dwelling.pk, by=users["coordinator"]).status == "reserved"


def test_a_let_home_cannot_be_withdrawn(dwelling, users):
    Dwelling.objects.filter(pk=dwelling.pk).update(status=Dwelling.Status.LET)
    with pytest.raises(TransitionNotAllowed, match="kan niet naar 'Ingetrokken'"):
        withdraw_dwelling(dwelling_id=dwelling.pk, by=users["coordinator"])
    dwelling.refresh_from_db()
    assert dwelling.status == Dwelling.Status.LET


@pytest.mark.parametrize(
    ("current", "to", "allowed"),
    [
        ("reserved", "offered", True),
        ("reserved", "let", False),
        ("offered", "let", True),
        ("offered", "reserved", True),
        ("let", "reserved", False),
        ("withdrawn", "offered", False),
    ],
)
def test_a_home_changes_status_only_along_its_transition_table(dwelling, users, current, to, allowed):
    Dwelling.objects.filter(pk=dwelling.pk).update(status=current)
    if allowed:
        assert change_dwelling_status(dwelling_id=dwelling.pk, to=to, by=users["coordinator"]).status == to
    else:
        with pytest.raises(TransitionNotAllowed):
            change_dwelling_status(dwelling_id=dwelling.pk, to=to, by=users["coordinator"])


def test_reinstating_is_refused_when_the_address_was_reserved_again(dwelling, users):
    withdraw_dwelling(dwelling_id=dwelling.pk, by=users["coordinator"])
    DwellingFactory(
        postcode=dwelling.postcode, house_number=dwelling.house_number, corporation=dwelling.corporation,
        neighbourhood=dwelling.neighbourhood,
    )  # fmt: skip
    with pytest.raises(TransitionNotAllowed, match="opnieuw gereserveerd"):
        reinstate_dwelling(dwelling_id=dwelling.pk, by=users["coordinator"])


def test_a_closed_client_can_be_reopened_but_not_closed_twice(case, users):
    closed = close_case(case_id=case.pk, reason="withdrawn", on=timezone.localdate(), by=users["care_worker_c"])
    assert (closed.status, closed.closed_reason, closed.closed_on) == ("closed", "withdrawn", timezone.localdate())
    with pytest.raises(TransitionNotAllowed):
        close_case(case_id=case.pk, reason="withdrawn", on=timezone.localdate(), by=users["care_worker_c"])
    reopened = reopen_case(case_id=case.pk, by=users["care_worker_c"])
    assert (reopened.status, reopened.closed_reason, reopened.closed_on) == ("waiting", "", None)


def test_a_waiting_client_cannot_be_reopened(case, users):
    with pytest.raises(TransitionNotAllowed, match="Wachtend"):
        reopen_case(case_id=case.pk, by=users["care_worker_c"])


def test_references_follow_region_and_year(db):
    region = RegionFactory(code="ZAA")
    assert next_reference(region=region, year=2026) == "ZAA-2026-0001"
    assert next_reference(region=region, year=2026) == "ZAA-2026-0002"
    assert next_reference(region=region, year=2027) == "ZAA-2027-0001"


@pytest.mark.django_db(transaction=True)
def test_concurrent_registrations_never_share_a_reference():
    region = RegionFactory(code="PAR")

    def claim(_):
        try:
            return next_reference(region=region, year=2026)
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=8) as pool:
        references = list(pool.map(claim, range(40)))
    assert len(set(references)) == 40
    assert max(references) == "PAR-2026-0040"

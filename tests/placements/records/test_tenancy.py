"""A let home's address can be reserved again once its tenancy ended; never twice at the same time."""

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.matching.services import accept_placement, end_placement, hand_over_keys, propose_placement
from placements.models import Dwelling
from placements.records.services import TransitionNotAllowed, end_tenancy
from tests.factories import DwellingFactory
from tests.helpers import dwelling_post, raises_integrity, submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def let_home(users, dwelling, case):
    """Corporation A's home, let to care provider C's client, who moved in today."""
    placement = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    accept_placement(placement_id=placement.pk, by=users["corporation_a"])
    hand_over_keys(placement_id=placement.pk, by=users["corporation_a"], moved_in_on=timezone.localdate())
    dwelling.refresh_from_db()
    return placement


def reserve_again(client, dwelling):
    return client.post(reverse("placements:dwelling_create"), dwelling_post(dwelling))


def test_a_let_address_is_reserved_again_after_the_tenancy_ended(client, users, dwelling, let_home):
    client.force_login(users["corporation_a"])
    assert reserve_again(client, dwelling).status_code == 200  # still let: refused
    end_placement(placement_id=let_home.pk, by=users["care_worker_c"], on=timezone.localdate(), relapse=False)
    url = reverse("placements:dwelling_status", args=[dwelling.pk])
    client.post(url, submitted({"action": "end_tenancy", "on": timezone.localdate().isoformat(), "confirmed": "1"}))

    response = reserve_again(client, dwelling)

    assert response.status_code == 302
    homes = Dwelling.objects.at_address_of(dwelling).order_by("pk")
    assert [(home.status, home.tenancy_ended_on) for home in homes] == [
        ("let", timezone.localdate()), ("reserved", None)
    ]  # fmt: skip
    page = client.get(response.url).content.decode()
    assert "Eerder of later gereserveerd op dit adres" in page and "Verhuurd" in page


def test_a_second_live_reservation_of_the_same_address_is_still_refused(client, users, dwelling, let_home):
    end_placement(placement_id=let_home.pk, by=users["care_worker_c"], on=timezone.localdate(), relapse=False)
    end_tenancy(dwelling_id=dwelling.pk, on=timezone.localdate(), by=users["corporation_a"])
    client.force_login(users["corporation_a"])
    assert reserve_again(client, dwelling).status_code == 302

    response = reserve_again(client, dwelling)

    assert response.status_code == 200
    assert "Dit adres staat al als gereserveerde woning geregistreerd." in response.content.decode()
    raises_integrity(
        lambda: DwellingFactory(
            corporation=dwelling.corporation,
            neighbourhood=dwelling.neighbourhood,
            postcode=dwelling.postcode,
            house_number=dwelling.house_number,
        )  # fmt: skip
    )
    assert Dwelling.objects.at_address_of(dwelling).holding_address().count() == 1


def test_the_tenancy_cannot_end_while_the_client_still_lives_there(users, dwelling, let_home):
    with pytest.raises(TransitionNotAllowed, match="woont hier nog"):
        end_tenancy(dwelling_id=dwelling.pk, on=timezone.localdate(), by=users["corporation_a"])


def test_only_a_let_home_has_a_tenancy_to_end(users, dwelling):
    with pytest.raises(TransitionNotAllowed):
        end_tenancy(dwelling_id=dwelling.pk, on=timezone.localdate(), by=users["corporation_a"])


@pytest.mark.parametrize(
    ("visitor", "status"), [("corporation_b", 404), ("foreign_coordinator", 404), ("coordinator", 302)]
)
def test_another_corporation_or_region_cannot_end_the_tenancy(client, users, dwelling, let_home, visitor, status):
    end_placement(placement_id=let_home.pk, by=users["care_worker_c"], on=timezone.localdate(), relapse=False)
    client.force_login(users[visitor])
    url = reverse("placements:dwelling_status", args=[dwelling.pk])
    data = submitted({"action": "end_tenancy", "on": timezone.localdate().isoformat(), "confirmed": "1"})

    assert client.post(url, data).status_code == status
    dwelling.refresh_from_db()
    assert (dwelling.tenancy_ended_on is not None) is (status == 302)

"""The rows of a list page (placements/lists/rows.py): pages after the first take their rows by key, in the list's
order and scope."""

from datetime import date, timedelta

import pytest
from django.urls import reverse

from placements.models import Dwelling
from tests.factories import DwellingFactory, NeighbourhoodFactory, OutflowCaseFactory

pytestmark = pytest.mark.django_db


def shown_keys(client, url, **query) -> list[int]:
    response = client.get(url, query)
    assert response.status_code == 200
    return [row["pk"] for row in response.context["rows"].values]


@pytest.mark.parametrize("order", ["", "-rent", "neighbourhood"])
def test_every_home_is_on_exactly_one_page_in_the_lists_order(client, users, party, neighbourhood, order):
    """Pages after the first take their rows by key (placements/rows.py): same rows, same order, and still
    only the corporation's own homes."""
    other = NeighbourhoodFactory(municipality=party.region.centre_municipality, cbs_code="WK047902", name="Noord")
    own = [
        DwellingFactory(
            corporation=party.corporation,
            neighbourhood=(neighbourhood, other)[n % 2],
            rent_cents=50_000 + n,
            available_from=date(2026, 1, 1) + timedelta(days=n % 7),
        )
        for n in range(60)
    ]
    for _ in range(10):
        DwellingFactory(corporation=party.other_corporation, neighbourhood=neighbourhood)
    client.force_login(users["corporation_a"])
    url = reverse("placements:dwelling_list")
    query = {"order": order} if order else {}
    pages = [shown_keys(client, url, page=page, **query) for page in (1, 2, 3)]
    assert [len(page) for page in pages] == [25, 25, 10]
    shown = [key for page in pages for key in page]
    assert sorted(shown) == sorted(d.pk for d in own)
    if order == "-rent":  # a unique order: the exact sequence
        assert shown == [d.pk for d in sorted(own, key=lambda d: -d.rent_cents)]
    elif order == "neighbourhood":  # 30 ties per name: broken by the key, the same on every query
        assert shown == [d.pk for d in sorted(own, key=lambda d: (d.neighbourhood.name, d.pk))]
    else:  # ties may fall either way, but never across the sort key
        sort_key = "available_from"
        values = dict(Dwelling.objects.filter(pk__in=shown).values_list("pk", sort_key))
        assert [values[key] for key in shown] == sorted(values[key] for key in shown)


def test_later_pages_of_clients_keep_the_order_and_the_scope(client, users, party):
    own = [
        OutflowCaseFactory(
            care_provider=party.care_provider, region=party.region, ready_on=date(2025, 1, 1) + timedelta(days=n)
        )
        for n in range(30)
    ]
    OutflowCaseFactory(care_provider=party.other_care_provider, region=party.region)
    client.force_login(users["care_worker_c"])
    url = reverse("placements:case_list")
    shown = shown_keys(client, url, order="-ready_on") + shown_keys(client, url, order="-ready_on", page=2)
    assert shown == [case.pk for case in reversed(own)]

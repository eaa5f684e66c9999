"""The need forecast on the regional dashboard: its numbers and band, another number of homes, a clear message
for a wrong one, "te weinig gegevens", and only for the region's coordinators and managers."""

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.figures.forecast import add_months, window_start
from regions.models import Agreement
from tests.factories import OutflowCaseFactory
from tests.helpers import VISITORS, expected_status, run_figures

pytestmark = pytest.mark.django_db

DASHBOARD = {"coordinator": 200, "manager": 200, "foreign_coordinator": 404}


@pytest.fixture
def history(party):
    """One client a month newly ready over the 24 months before this month, nobody housed; 6 homes agreed for next
    year. As of today: 24 waiting, 12 arriving next year (and the months left of this one)."""
    today = timezone.localdate()
    for i in range(24):
        OutflowCaseFactory(
            care_provider=party.care_provider, region=party.region, ready_on=add_months(window_start(today), i)
        )
    Agreement.objects.create(region=party.region, corporation=party.corporation, year=today.year + 1, quota=6)
    run_figures(as_of=today)
    return today.year + 1


def page(client, party, **params):
    response = client.get(reverse("placements:dashboard_region", args=[party.region.pk]), params)
    return response, response.content.decode()


@pytest.mark.parametrize("visitor", VISITORS)
def test_the_forecast_shows_only_to_coordinators_and_managers_of_the_region(client, users, party, history, visitor):
    if users[visitor]:
        client.force_login(users[visitor])
    response, html = page(client, party)
    assert response.status_code == expected_status(visitor, DASHBOARD)
    assert (f"Prognose {history}" in html) == (response.status_code == 200)


def test_the_dashboard_shows_the_expected_list_its_band_and_the_homes_needed(client, users, party, history):
    client.force_login(users["coordinator"])
    _response, html = page(client, party)
    months_left = 12 - timezone.localdate().month  # at the pace (0) before next year
    expected = 24 + months_left + 12 - 6
    assert f"Met 6 woningen in {history} staan er eind {history} naar verwachting {expected} cliënten" in html
    assert 'class="band"' in html and 'class="expected"' in html
    assert f"zijn in {history}" in html and "woningen nodig" in html


def test_another_number_of_homes_gives_another_outlook(client, users, party, history):
    client.force_login(users["manager"])
    _response, html = page(client, party, woningen="0")
    assert "Met 0 woningen" in html and "een wachttijd is niet te berekenen" in html
    for text in ("tien", "²", "①", "-1", "1.5"):  # '²' and '①' count as digits in Python, not as numbers
        response, html = page(client, party, woningen=text)
        assert response.status_code == 200
        assert "Vul een heel aantal woningen in, van 0 tot en met 100.000." in html
        assert "Met 6 woningen" in html  # the stored number, the figures kept


def test_too_few_months_say_so(client, users, party):
    OutflowCaseFactory(care_provider=party.care_provider, region=party.region, ready_on=timezone.localdate())
    run_figures(as_of=timezone.localdate())
    client.force_login(users["coordinator"])
    _response, html = page(client, party)
    assert "Er zijn te weinig gegevens voor een prognose" in html

"""The report form: the years it offers and the periods it refuses."""

import pytest
from django.urls import reverse
from django.utils import timezone

pytestmark = pytest.mark.django_db


def test_a_period_with_the_last_month_first_is_refused(client, users, world):
    client.force_login(users["manager"])
    response = client.get(
        reverse("placements:report"),
        {
            "region": world["region"].pk,
            "year": 2024,
            "first_month": 6,
            "last_month": 2,
            "separator": ";",
            "format": "pdf",
        },
    )
    assert response["Content-Type"].startswith("text/html")
    assert "De laatste maand ligt vóór de eerste maand." in response.content.decode()


@pytest.mark.parametrize(("first", "last", "refused"), [(1, 4, True), (2, 6, True), (4, 6, False), (1, 12, False)])
def test_with_small_numbers_hidden_a_report_covers_whole_quarters(client, users, world, report, first, last, refused):
    client.force_login(users["manager"])
    query = {"region": world["region"].pk, "year": 2024, "first_month": first, "last_month": last,
             "suppress": "on", "separator": ";", "format": "csv-Doorstroom"}  # fmt: skip
    response = client.get(reverse("placements:report"), query)
    assert response["Content-Type"].startswith("text/html") == refused
    assert ("hele kwartalen" in response.content.decode()) == refused


def test_the_form_offers_the_years_with_stored_figures_and_the_current_two(client, users, world, report):
    client.force_login(users["manager"])
    form = client.get(reverse("placements:report")).context["form"]
    this_year = timezone.localdate().year
    assert [year for year, _label in form.fields["year"].choices] == sorted(
        {this_year, this_year - 1, 2024, 2023}, reverse=True
    )

"""Absurd values in the year and region filters of the agreement and rule lists give no error page."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ABSURD = ["740000", "-1", "9" * 30, "1e400", "NaN", "2026.5", "\x00", "x" * 5000, "🏠", "'; DROP TABLE x; --"]


@pytest.mark.parametrize("url_name", ["regions:agreement_list", "regions:rule_list"])
@pytest.mark.parametrize("name", ["year", "region"])
@pytest.mark.parametrize("value", ABSURD)
def test_an_absurd_filter_value_is_refused_or_ignored(client, coordinator, agreement, rule, url_name, name, value):
    client.force_login(coordinator)
    assert client.get(reverse(url_name), {name: value}).status_code in {200, 400}


def test_a_year_outside_the_agreements_range_shows_a_message(client, coordinator, agreement):
    client.force_login(coordinator)
    response = client.get(reverse("regions:agreement_list"), {"year": "740000"})
    assert response.context["filter"].form.errors["year"]
    assert list(response.context["agreements"]) == []

"""Absurd values in every filter of the three lists and every parameter of the report give no error page: each
one is refused (a message on the form, a 400 for a control character) or ignored, never a 500."""

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.matching.services import propose_placement

pytestmark = pytest.mark.django_db

ABSURD = [
    "740000",
    "-1",
    "9" * 30,
    "9" * 5000,
    "1e400",
    "NaN",
    "-0",
    "\x00",
    "x" * 10_000,
    "🏠👨‍👩‍👧",
    "'; DROP TABLE placements_dwelling; --",
    "0001-01-01",
    "9999-12-31",
    "10000-01-01",
]

# Each list with the names its query takes (django-filter's fields, range halves, paging, sorting, download).
LISTS = {
    "placements:dwelling_list": [
        "q", "municipality", "neighbourhood", "corporation", "status", "kind", "rooms",
        "available_from_after", "available_from_before", "order", "page",
    ],
    "placements:case_list": [
        "q", "care_provider", "status", "origin", "target_group", "support_level", "urgency",
        "ready_on_after", "ready_on_before", "waiting_days", "order", "page",
    ],
    "placements:placement_list": ["q", "status", "corporation", "older_than", "order", "page"],
}  # fmt: skip
CASES = [(name, parameter) for name, parameters in LISTS.items() for parameter in parameters]
REPORT = ["region", "year", "first_month", "last_month", "suppress", "separator", "format"]


@pytest.fixture
def coordinator(client, users, dwelling, case):
    propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    client.force_login(users["coordinator"])
    return client


@pytest.mark.parametrize("download", [False, True], ids=["page", "csv"])
@pytest.mark.parametrize(("list_name", "parameter"), CASES)
def test_an_absurd_filter_value_never_gives_an_error_page(coordinator, list_name, parameter, download):
    for value in ABSURD:
        query = {parameter: value, **({"export": "csv"} if download else {})}
        response = coordinator.get(reverse(list_name), query)
        assert response.status_code < 500, (parameter, value[:40])


@pytest.mark.parametrize("parameter", REPORT)
def test_an_absurd_report_parameter_never_gives_an_error_page(coordinator, party, parameter):
    valid = {
        "region": party.region.pk, "year": timezone.localdate().year, "first_month": 1, "last_month": 12,
        "separator": ";", "format": "csv-Contingent",
    }  # fmt: skip
    for value in ABSURD:
        response = coordinator.get(reverse("placements:report"), {**valid, parameter: value})
        assert response.status_code < 500, (parameter, value[:40])

"""The rows of the homes and clients lists (placements/records/rows.py): every value escaped, labels, numbers and
dates in the reader's language, waiting time in days of Dutch time, links to the detail pages."""

from datetime import UTC, date, datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from placements.models import Dwelling, OutflowCase
from placements.records.rows import case_rows, dwelling_rows
from tests.factories import DwellingFactory, OutflowCaseFactory
from tests.helpers import first_page

pytestmark = pytest.mark.django_db


def test_a_home_row_escapes_and_formats_in_dutch_and_english(party, neighbourhood):
    dwelling = DwellingFactory(
        corporation=party.corporation,
        neighbourhood=neighbourhood,
        street="<script>alert(1)</script>straat",
        house_number=12,
        house_number_addition="A",
        rent_cents=123456,
        available_from=date(2026, 3, 5),
    )
    rows = dwelling_rows(first_page(Dwelling.objects.all())).html
    assert "<script>" not in rows and "&lt;script&gt;alert(1)&lt;/script&gt;straat 12-A" in rows
    assert f'href="{reverse("placements:dwelling_detail", args=[dwelling.pk])}"' in rows
    assert "€&nbsp;1234,56" in rows and "5 mrt 2026" in rows
    assert 'Zuid <span class="muted">(Zaanstad)</span>' in rows
    assert '<span class="status status-reserved">Gereserveerd</span>' in rows
    with translation.override("en"):
        rows = dwelling_rows(first_page(Dwelling.objects.all())).html
    assert "€&nbsp;1234.56" in rows and "5 mar 2026" in rows and ">Reserved</span>" in rows


def test_a_client_row_links_the_reference_and_shows_labels(party):
    case = OutflowCaseFactory(care_provider=party.care_provider, region=party.region, reference="ZAA-2026-0042")
    rows = case_rows(first_page(OutflowCase.objects.all())).html
    assert f'<a href="{reverse("placements:case_detail", args=[case.pk])}">ZAA-2026-0042</a>' in rows
    assert f"<td>{case.get_origin_display()}</td>" in rows and "<td>Zorg C</td>" in rows
    assert (
        not case_rows(first_page(OutflowCase.objects.none()))
        and str(case_rows(first_page(OutflowCase.objects.none()))) == ""
    )


@time_machine.travel(datetime(2026, 3, 31, 22, 30, tzinfo=UTC), tick=False)  # 1 April, 00:30 in Amsterdam
@pytest.mark.parametrize(
    ("ready_on", "dutch", "english"),
    [
        (date(2025, 7, 21), "(254 dagen)", "(254 days)"),
        (date(2026, 3, 31), "(1 dag)", "(1 day)"),
        (date(2026, 4, 1), "(0 dagen)", "(0 days)"),
        (date(2026, 4, 15), "(nog niet uitstroomklaar)", "(not yet ready)"),
    ],
)
def test_a_client_row_counts_the_waiting_time_in_days_of_dutch_time(party, client, users, ready_on, dutch, english):
    """A date has no hours: the list says what the client's page says (Wachttijd), counted to today in
    Amsterdam, and nothing like "0 minuten" for a client who is ready only next month."""
    case = OutflowCaseFactory(care_provider=party.care_provider, region=party.region, ready_on=ready_on)
    assert f'<span class="muted">{dutch}</span>' in case_rows(first_page(OutflowCase.objects.all())).html
    with translation.override("en"):
        assert f'<span class="muted">{english}</span>' in case_rows(first_page(OutflowCase.objects.all())).html
    client.force_login(users["care_worker_c"])
    assert f"<dd>{dutch[1:-1]}</dd>" in client.get(reverse("placements:case_detail", args=[case.pk])).text

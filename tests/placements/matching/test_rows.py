"""The placements list rows (placements/matching/rows.py): dates in Dutch time, a link to the placement, an override
marked."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from placements.matching.rows import placement_rows
from placements.models import Placement
from tests.helpers import first_page

pytestmark = pytest.mark.django_db


def test_a_placement_row_dates_in_dutch_time_and_marks_an_override(users, dwelling, case):
    placement = Placement.objects.create(
        dwelling=dwelling,
        case=case,
        proposed_at=datetime(2025, 12, 31, 23, 30, tzinfo=UTC),  # 1 January in Amsterdam
        proposed_by=users["coordinator"],
        override_reason="Afgestemd met de wijkcoach",
    )
    rows = placement_rows(first_page(Placement.objects.all())).html
    assert "1 jan 2026" in rows
    assert f'href="{reverse("placements:placement_detail", args=[placement.pk])}"' in rows
    assert '<span class="muted">(afwijking spreiding)</span>' in rows

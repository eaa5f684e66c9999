"""The figures stay correct after the retention: computed on the hand-made dataset (`world`), the clients reduced,
computed again, every figure row is the same — for the year they were closed in and for today."""

from datetime import date

import pytest

from placements.audit.retention import apply_retention
from placements.figures.services import FIGURE_MODELS
from placements.models import OutflowCase, Placement
from tests.helpers import WORLD_AS_OF, run_figures

pytestmark = pytest.mark.django_db
# Two years and a day after the world's last closing (25 February 2024): every closed client of it is due.
TODAY = date(2026, 3, 2)


def figures() -> list[list[tuple]]:
    """The stored rows after computing the years of the world (2023, 2024) and of today (2025, 2026)."""
    run_figures(as_of=WORLD_AS_OF)
    run_figures(as_of=TODAY)
    return [
        sorted(tuple(v for k, v in row.items() if k not in {"id", "run_id"}) for row in model.objects.values())
        for model in FIGURE_MODELS
    ]


def test_figures_are_the_same_before_and_after_the_clients_are_reduced(world):
    Placement.objects.update(decision_note="Vrije tekst over de cliënt.", override_reason="Bewust afgeweken.")
    closed = OutflowCase.objects.filter(status="closed").count()
    before = figures()

    run = apply_retention(today=TODAY)

    assert run.cases_reduced == closed == 3
    assert figures() == before
    assert sum(map(len, before)) > 50  # the comparison compares figures, not empty tables

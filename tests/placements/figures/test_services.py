"""Figure runs (placements/figures/services.py): the same rows when run twice, the previous figures kept when a run
fails, a queued run carried out once, and a number of queries that does not grow with the data."""

import pytest

from placements.figures import selectors
from placements.figures import services as reports
from placements.models import Dwelling, FigureRun, Placement
from tests.helpers import WORLD_AS_OF, run_figures

pytestmark = pytest.mark.django_db


def comparable(model):
    return sorted(tuple(v for k, v in row.items() if k not in {"id", "run_id"}) for row in model.objects.values())


def test_running_twice_gives_identical_rows(world):
    run_figures()
    first = [comparable(m) for m in reports.FIGURE_MODELS]
    second_run = run_figures()
    assert [comparable(m) for m in reports.FIGURE_MODELS] == first
    assert second_run.rows["quota"] == 4 and second_run.duration_ms is not None


def test_a_failure_halfway_keeps_the_previous_figures(world, monkeypatch):
    run_figures()
    before = [comparable(m) for m in reports.FIGURE_MODELS]
    Placement.objects.filter(status="proposed").update(status="declined", decline_reason="other", declined_by="client")
    broken = (*reports.STEPS[:2], ("boom", "SELECT 1 / 0"), *reports.STEPS[2:])
    monkeypatch.setattr(reports, "STEPS", broken)
    failed = run_figures()
    assert failed.status == FigureRun.Status.FAILED
    assert "DivisionByZero" in failed.error or "division by zero" in failed.error
    assert [comparable(m) for m in reports.FIGURE_MODELS] == before
    assert selectors.last_successful_run(world["region"].pk).status == FigureRun.Status.SUCCEEDED


def test_a_queued_run_is_carried_out_once(world):
    queued = reports.queue_run(region_id=world["region"].pk, as_of=WORLD_AS_OF)
    assert reports.run_figures(run_id=queued.pk).status == FigureRun.Status.SUCCEEDED
    again = reports.run_figures(run_id=queued.pk)  # a duplicate delivery
    assert (
        again.status == FigureRun.Status.SUCCEEDED
        and again.finished_at == FigureRun.objects.get(pk=queued.pk).finished_at
    )


def test_the_figures_take_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    with django_assert_max_num_queries(16):
        run_figures()
    Dwelling.objects.update()  # more data would not add queries: every table is one INSERT … SELECT

"""Figure runs (placements/figures/services.py): the same rows when run twice, the previous figures kept when a run
fails, a queued run carried out once, and a number of queries that does not grow with the data."""

from datetime import UTC, date, datetime, time, timedelta
from unittest import mock

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.db import connection
from django.test.utils import CaptureQueriesContext

from placements.figures import selectors
from placements.figures import services as reports
from placements.models import FigureRun, Placement
from regions.models import Organisation
from tests.factories import (
    AgreementFactory,
    DispersionRuleFactory,
    DwellingFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    OutflowCaseFactory,
    RegionFactory,
    UserFactory,
)
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


def test_a_failure_halfway_keeps_the_previous_figures_and_explains_it_in_dutch(world, monkeypatch, caplog):
    run_figures()
    before = [comparable(m) for m in reports.FIGURE_MODELS]
    Placement.objects.filter(status="proposed").update(status="declined", decline_reason="other", declined_by="client")
    broken = (*reports.STEPS[:2], ("boom", "SELECT 1 / 0"), *reports.STEPS[2:])
    monkeypatch.setattr(reports, "STEPS", broken)
    failed = run_figures()
    assert failed.status == FigureRun.Status.FAILED
    assert failed.error == (
        "De berekening is mislukt door een technische fout; de vorige cijfers blijven staan. De beheerder vindt de "
        f"details in het logboek onder nummer {failed.pk}."
    )
    logged = next(r for r in caplog.records if r.getMessage() == f"figure run {failed.pk} failed")
    assert "division by zero" in str(logged.exc_info[1])  # the technical cause: in the log, not on the page
    assert [comparable(m) for m in reports.FIGURE_MODELS] == before
    assert selectors.last_successful_run(world["region"].pk).status == FigureRun.Status.SUCCEEDED


def test_a_run_stopped_at_the_soft_time_limit_says_so_in_dutch(world, monkeypatch):
    monkeypatch.setattr(reports, "_replace_figures", mock.Mock(side_effect=SoftTimeLimitExceeded()))
    failed = run_figures()
    assert failed.status == FigureRun.Status.FAILED
    assert failed.error.startswith("De berekening duurde langer dan 5 minuten en is gestopt;")


def test_a_queued_run_is_carried_out_once(world):
    queued = reports.queue_run(region_id=world["region"].pk, as_of=WORLD_AS_OF)
    assert reports.run_figures(run_id=queued.pk).status == FigureRun.Status.SUCCEEDED
    again = reports.run_figures(run_id=queued.pk)  # a duplicate delivery
    assert (
        again.status == FigureRun.Status.SUCCEEDED
        and again.finished_at == FigureRun.objects.get(pk=queued.pk).finished_at
    )


def add_region(*, neighbourhoods: int, homes_each: int, by) -> None:
    """A region with one corporation (agreement and dispersion rule for 2024) and `neighbourhoods` neighbourhoods of
    `homes_each` homes, each in a building of its own and let to a client in January or February 2024."""
    region = RegionFactory()
    municipality = MunicipalityFactory(region=region)
    corporation = OrganisationFactory(kind=Organisation.Kind.CORPORATION, regions=[region])
    AgreementFactory(region=region, corporation=corporation, year=2024, quota=10)
    DispersionRuleFactory(region=region, max_active_per_building=1)
    for _ in range(neighbourhoods):
        neighbourhood = NeighbourhoodFactory(municipality=municipality)
        for n in range(homes_each):
            moved_in_on = date(2024, 1, 5) + timedelta(days=9 * n)
            Placement.objects.create(
                dwelling=DwellingFactory(corporation=corporation, neighbourhood=neighbourhood, building_code=f"{neighbourhood.cbs_code}-{n}"),
                case=OutflowCaseFactory(region=region, ready_on=date(2023, 10, 1)),
                status=Placement.Status.MOVED_IN, moved_in_on=moved_in_on, proposed_by=by,
                proposed_at=datetime.combine(moved_in_on - timedelta(days=14), time(10), UTC),
            )  # fmt: skip


def queries_of_a_run() -> tuple[int, FigureRun]:
    with CaptureQueriesContext(connection) as captured:
        run = run_figures()
    assert run.status == FigureRun.Status.SUCCEEDED, run.error
    return len(captured), run


def test_a_run_takes_as_many_queries_for_many_regions_and_placements_as_for_one(db):
    """Every figure table is one INSERT … SELECT over all regions: no query per region, neighbourhood, building or
    placement, so the nightly run does not slow down with the number of regions."""
    coordinator = UserFactory()
    add_region(neighbourhoods=1, homes_each=1, by=coordinator)
    run_figures()  # anything done once per process (caches, first connection) is done before counting
    few, small = queries_of_a_run()
    for _ in range(3):
        add_region(neighbourhoods=4, homes_each=3, by=coordinator)
    many, large = queries_of_a_run()
    assert large.rows["dispersion"] > small.rows["dispersion"] and large.rows["buildings"] > small.rows["buildings"]
    assert large.rows["quota"] == 4 * small.rows["quota"] and large.rows["flow"] > small.rows["flow"]
    assert many == few, f"{few} queries for 1 region, {many} for 4"

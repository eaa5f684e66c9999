"""Figure runs: queue a run (an outbox row), carry it out (claim, compute with the statements of
`placements.figures.sql`, publish atomically) and record how it went. Tasks in `placements.figures.tasks` call these."""

import logging
import time
from datetime import date
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from placements import versions
from placements.figures.sql import BUILDING_SQL, DISPERSION_SQL, FLOW_SQL, QUOTA_SQL
from placements.models import BuildingFigure, DispersionFigure, FigureRun, FlowFigure, QuotaFigure

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

FIGURE_MODELS = (QuotaFigure, DispersionFigure, BuildingFigure, FlowFigure)
STEPS = (
    ("quota", QUOTA_SQL),
    ("dispersion", DISPERSION_SQL),
    ("buildings", BUILDING_SQL),
    ("flow", FLOW_SQL),
)
PUBLISH_LOCK = 0x5745_5448  # pg_advisory_xact_lock key: one publishing run at a time


def years_for(today: date) -> list[int]:
    """The nightly scope: the current and the previous year (late data still changes last year's figures)."""
    return [today.year - 1, today.year]


def _replace_figures(run: FigureRun) -> dict[str, int]:
    """Delete the scope's rows and insert fresh ones; runs inside the caller's transaction."""
    params = {"run": run.pk, "region": run.region_id, "years": run.years, "today": run.as_of, "tz": settings.TIME_ZONE}
    rows = {}
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [PUBLISH_LOCK])
        for model in FIGURE_MODELS:
            # Flow figures are kept per month, the others per year.
            in_years = "month__year__in" if model is FlowFigure else "year__in"
            stale = model.objects.filter(**{in_years: run.years})
            if run.region_id:
                stale = stale.filter(region_id=run.region_id)
            stale.delete()  # one DELETE statement: figure rows have no dependants and no signals
        for name, sql in STEPS:
            cursor.execute(sql, params)
            rows[name] = cursor.rowcount
    return rows


def run_figures(*, run_id: int) -> FigureRun:
    """Carry out a queued run: claim it, compute and publish in one transaction, record the outcome.

    Safe to call twice for the same run (a second call finds it claimed and does nothing); a new run over the
    same data gives the same rows. A failure leaves the previous figures and marks the run failed."""
    claimed = FigureRun.objects.filter(pk=run_id, status=FigureRun.Status.QUEUED).update(
        status=FigureRun.Status.RUNNING, started_at=timezone.now()
    )
    run = FigureRun.objects.get(pk=run_id)
    if not claimed:
        return run
    bump_figures_version()  # the claim is an update(), which sends no signal: "running" shows at once
    if run.as_of is None:
        run.as_of = timezone.localdate()
    if not run.years:
        run.years = years_for(run.as_of)
    started = time.monotonic()
    try:
        with transaction.atomic():
            rows = _replace_figures(run)
    except Exception as error:  # the transaction rolled back: previous figures stay; record why
        logger.exception("figure run %s failed", run.pk)
        run.status, run.error = FigureRun.Status.FAILED, f"{type(error).__name__}: {error}"[:2000]
    else:
        run.status, run.rows = FigureRun.Status.SUCCEEDED, rows
    run.finished_at = timezone.now()
    run.duration_ms = int((time.monotonic() - started) * 1000)
    run.save(update_fields=["status", "rows", "error", "finished_at", "duration_ms", "as_of", "years"])
    return run


def queue_run(*, region_id: int | None, requested_by: "User | None" = None, as_of: date | None = None) -> FigureRun:
    """Record a run to be carried out by the worker; the caller enqueues it after commit."""
    as_of = as_of or timezone.localdate()
    return FigureRun.objects.create(region_id=region_id, requested_by=requested_by, as_of=as_of, years=years_for(as_of))


def bump_figures_version(**_signal_kwargs: Any) -> None:
    """Receiver for saved and deleted figure runs: the cached run status and years are stale."""
    versions.bump_now_and_on_commit(versions.FIGURES)

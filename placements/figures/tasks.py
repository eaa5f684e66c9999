"""Celery tasks of the figures: thin, idempotent, arguments are ids and ISO dates. Task names keep the
`placements.tasks.` prefix they were deployed with (queued messages and the beat schedule name them).

A figure run is requested by writing its row (`queue_run`); `hand_over` gives it to the broker after commit, and
`hand_over_figure_runs` (beat, every minute) hands over what the first try could not, so a run requested while the
broker was away starts once it is back."""

import logging
from datetime import date

from celery import shared_task
from django.utils import timezone

from placements.figures.services import (
    expire_stale_runs,
    mark_for_hand_over,
    queue_run,
    run_figures,
    unmark_hand_over,
)

logger = logging.getLogger(__name__)


@shared_task(name="placements.tasks.recompute_figures")
def recompute_figures(run_id: int) -> str:
    """Carry out one queued figure run (a coordinator's request). Safe to deliver twice."""
    return run_figures(run_id=run_id).status


def hand_over(*, run_id: int | None = None, region_id: int | None = None) -> list[int]:
    """Hand the queued runs that are due (`mark_for_hand_over`: this one, this region's, or all) to the broker and
    return the ids it took. Best effort: a broker error is logged with the run's id and the run stays in the
    outbox for the next pass, so the caller (a web request) never fails for it. Without a broker (eager mode) the
    run is carried out here, in this process."""
    run_ids, handed_over_at = mark_for_hand_over(run_id=run_id, region_id=region_id)
    taken = []
    for pk in run_ids:
        try:
            recompute_figures.apply_async(args=[pk])
        except Exception:
            logger.warning("figure run %s not handed to the broker; the outbox tries again", pk, exc_info=True)
            unmark_hand_over(run_id=pk, handed_over_at=handed_over_at)
        else:
            taken.append(pk)
    return taken


@shared_task(name="placements.tasks.hand_over_figure_runs")
def hand_over_figure_runs() -> dict[str, list[int]]:
    """Every minute: close the runs no worker will finish, then hand the requested runs to the broker."""
    return {"expired": expire_stale_runs(), "handed_over": hand_over()}


@shared_task(name="placements.tasks.nightly_figures")
def nightly_figures(today: str | None = None) -> str:
    """Nightly at 02:30 (Europe/Amsterdam): recompute every region's figures for this year and last year, in this
    worker. Closes stale runs first; the run is recorded as handed over to this worker, so should the worker stop
    before it starts, the outbox hands it over again."""
    expire_stale_runs()
    as_of = date.fromisoformat(today) if today else timezone.localdate()
    return run_figures(run_id=queue_run(region_id=None, as_of=as_of, handed_over=True).pk).status

"""Celery tasks of the figures: thin, idempotent, arguments are ids and ISO dates. Task names keep the
`placements.tasks.` prefix they were deployed with (queued messages and the beat schedule name them).

A figure run is requested by writing its row (`queue_run`); `hand_over` gives it to the broker after commit, and
`hand_over_figure_runs` (beat, every minute) hands over what the first try could not, so a run requested while the
broker was away starts once it is back."""

import logging
import threading
from contextlib import AbstractContextManager, nullcontext
from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from placements.figures.services import (
    expire_stale_runs,
    mark_for_hand_over,
    queue_run,
    run_figures,
    unmark_hand_over,
    years_for,
)
from placements.models import FigureRun

logger = logging.getLogger(__name__)


@shared_task(name="placements.tasks.recompute_figures")
def recompute_figures(run_id: int) -> str:
    """Carry out one queued figure run (a coordinator's request, or a change's). Safe to deliver twice.

    A region's run that finds another run of the region (or of all regions) busy stays queued; whichever run ends
    hands over the requests that changes left meanwhile, so each region gets its follow-up at once (and the outbox
    pass within a minute, should this worker stop first)."""
    run = run_figures(run_id=run_id)
    if run.status == FigureRun.Status.QUEUED:
        if (
            not FigureRun.objects.filter(status=FigureRun.Status.RUNNING)
            .filter(Q(region_id=run.region_id) | Q(region__isnull=True))
            .exists()
        ):  # the run it waited for ended just now, before this one was due again: try once more
            hand_over(run_id=run.pk)
    else:
        hand_over(region_id=run.region_id)
    return run.status


# Without a broker the run happens in this thread. Celery marks "inside an eager task" in one process-wide flag that
# it saves and restores around each task: two threads running eager tasks at once can leave it set, after which
# any result.get() in the process raises. Runs wait for one publishing lock anyway, so this process runs its eager
# runs one at a time (re-entrant: a run hands over the region's next request from inside its task).
_EAGER_RUNS = threading.RLock()


def _eager_one_at_a_time() -> AbstractContextManager[object]:
    return _EAGER_RUNS if recompute_figures.app.conf.task_always_eager else nullcontext()


def hand_over(*, run_id: int | None = None, region_id: int | None = None) -> list[int]:
    """Hand the queued runs that are due (`mark_for_hand_over`: this one, this region's, or all) to the broker and
    return the ids it took. Best effort: a broker error is logged with the run's id and the run stays in the
    outbox for the next pass, so the caller (a web request) never fails for it. Without a broker (eager mode) the
    run is carried out here, in this process."""
    run_ids, handed_over_at = mark_for_hand_over(run_id=run_id, region_id=region_id)
    # A change's run starts FIGURES_LIVE_DELAY_SECONDS after the first change, so that the changes that follow it
    # (a form saved in steps, an import) join it; without a broker it runs at once (eager mode has no countdown).
    delay = timedelta(seconds=settings.FIGURES_LIVE_DELAY_SECONDS)
    start_at = dict(FigureRun.objects.filter(pk__in=run_ids, live=True).values_list("pk", "queued_at"))
    taken = []
    for pk in run_ids:
        countdown = max(0.0, (start_at[pk] + delay - handed_over_at).total_seconds()) if pk in start_at else 0
        try:
            with _eager_one_at_a_time():
                recompute_figures.apply_async(args=[pk], countdown=countdown)
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
    now = timezone.localdate()
    as_of = date.fromisoformat(today) if today else now
    status = run_figures(run_id=queue_run(region_id=None, as_of=as_of, handed_over=True).pk).status
    if as_of < now and set(years_for(as_of)) & set(years_for(now)):
        # A run for an earlier date replaced figures of the current years: put today's back at once, so the
        # dashboard shows the newest run for the current date again (docs/figures.md, "How runs work").
        status = run_figures(run_id=queue_run(region_id=None, as_of=now, handed_over=True).pk).status
    hand_over()  # the changes' requests that waited for this run
    return status

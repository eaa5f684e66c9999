"""Figure runs: queue a run (an outbox row), carry it out (claim, compute with the statements of
`placements.figures.sql`, publish atomically) and record how it went; mark runs for hand-over to the broker and
close the runs no worker will finish. Tasks in `placements.figures.tasks` call these; they talk to the broker."""

import logging
import time
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any

from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from placements import versions
from placements.figures.forecast import store_forecast
from placements.figures.sql import BUILDING_SQL, DISPERSION_SQL, FLOW_SQL, MUNICIPALITY_QUOTA_SQL, QUOTA_SQL
from placements.models import (
    BuildingFigure,
    DispersionFigure,
    FigureRun,
    FlowFigure,
    MunicipalityQuotaFigure,
    QuotaFigure,
)

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

FIGURE_MODELS = (QuotaFigure, MunicipalityQuotaFigure, DispersionFigure, BuildingFigure, FlowFigure)
STEPS = (
    ("quota", QUOTA_SQL),
    ("municipalities", MUNICIPALITY_QUOTA_SQL),
    ("dispersion", DISPERSION_SQL),
    ("buildings", BUILDING_SQL),
    ("flow", FLOW_SQL),
)
PUBLISH_LOCK = 0x5745_5448  # pg_advisory_xact_lock key: one publishing run at a time
# A worker kills a task at CELERY_TASK_TIME_LIMIT; a run still running this much later has no worker any more.
INTERRUPT_MARGIN = timedelta(minutes=1)
HAND_OVER_BATCH = 100  # runs handed over per outbox pass; the rest wait a minute


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
    # The need forecast for the year after the as-of date (placements.figures.forecast), in the same transaction.
    rows["forecast"] = store_forecast(run_id=run.pk, region_id=run.region_id, today=run.as_of or timezone.localdate())
    return rows


def run_figures(*, run_id: int) -> FigureRun:
    """Carry out a queued run: claim it, compute and publish in one transaction, record the outcome.

    Safe to call twice for the same run (a second call finds it claimed and does nothing); a new run over the
    same data gives the same rows. A failure leaves the previous figures and marks the run failed, with a Dutch
    explanation on the run and the exception in the log. A run `expire_stale_runs` marked interrupted but whose
    worker did finish after all (a pool without time limits) records its real outcome."""
    # One run per region at a time: a region's run waits while one for that region or for all regions runs (it
    # would only wait for the publishing lock, holding a worker). The nightly run over all regions never waits.
    busy = FigureRun.objects.filter(status=FigureRun.Status.RUNNING).filter(
        Q(region_id=OuterRef("region_id")) | Q(region__isnull=True)
    )
    claimed = (
        FigureRun.objects.filter(pk=run_id, status=FigureRun.Status.QUEUED)
        .filter(Q(region__isnull=True) | ~Exists(busy))
        .update(status=FigureRun.Status.RUNNING, started_at=timezone.now())
    )
    run = FigureRun.objects.get(pk=run_id)
    if not claimed:
        if run.status == FigureRun.Status.QUEUED:  # waits for the region's running run: due again when it ends
            unmark_hand_over(run_id=run.pk, handed_over_at=run.handed_over_at)
            run.refresh_from_db()
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
    except Exception as error:  # the transaction rolled back: previous figures stay; the log says why
        logger.exception("figure run %s failed", run.pk)
        run.status, run.error = FigureRun.Status.FAILED, _failure_text(run, error)
    else:
        run.status, run.rows = FigureRun.Status.SUCCEEDED, rows
    run.finished_at = timezone.now()
    run.duration_ms = int((time.monotonic() - started) * 1000)
    run.save(update_fields=["status", "rows", "error", "finished_at", "duration_ms", "as_of", "years"])
    return run


def _failure_text(run: FigureRun, error: Exception) -> str:
    """What a coordinator reads on a failed run: in Dutch, the language the stored text is kept in."""
    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(error, SoftTimeLimitExceeded):
            return _(
                "De berekening duurde langer dan %(minutes)s minuten en is gestopt; de vorige cijfers blijven staan. "
                "Vraag een nieuwe berekening aan; gebeurt dit vaker, meld het dan bij de beheerder (nummer %(run)s)."
            ) % {"minutes": settings.CELERY_TASK_SOFT_TIME_LIMIT // 60, "run": run.pk}
        return _(
            "De berekening is mislukt door een technische fout; de vorige cijfers blijven staan. De beheerder vindt "
            "de details in het logboek onder nummer %(run)s."
        ) % {"run": run.pk}


def queue_run(
    *,
    region_id: int | None,
    requested_by: "User | None" = None,
    as_of: date | None = None,
    handed_over: bool = False,
) -> FigureRun:
    """Record a run: the row is the request (an outbox). The caller hands it to the broker after commit
    (`placements.figures.tasks.hand_over`); if that fails, the outbox task does within a minute. `handed_over`: the
    caller carries it out itself (the nightly task), so the outbox leaves it alone unless it is not started."""
    as_of = as_of or timezone.localdate()
    return FigureRun.objects.create(
        region_id=region_id, requested_by=requested_by, as_of=as_of, years=years_for(as_of),
        handed_over_at=timezone.now() if handed_over else None, attempts=1 if handed_over else 0,
    )  # fmt: skip


def queue_live_run(*, region_id: int) -> None:
    """Request a recompute of one region after a committed change (placements.figures.live): one waiting request
    per region, which later changes join until a worker claims it; none when a coordinator's run for the region
    already waits (it will see the change). The as-of date and the years are set when the run starts.

    The conditional unique index `figurerun_one_pending_live` makes "insert if absent" one statement that two
    processes cannot both win (ON CONFLICT DO NOTHING); the check for a coordinator's waiting run before it may
    race, which at worst gives one run too many."""
    if FigureRun.objects.filter(region_id=region_id, status=FigureRun.Status.QUEUED).exists():
        return
    FigureRun.objects.bulk_create([FigureRun(region_id=region_id, live=True)], ignore_conflicts=True)
    bump_figures_version()  # bulk_create sends no signal: the dashboard's status line shows the waiting run


def _cutoffs(now: datetime) -> tuple[datetime, datetime]:
    """(a run started before the first has no worker any more, a queued run handed over before the second is due
    for another hand-over)."""
    interrupted = now - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) - INTERRUPT_MARGIN
    return interrupted, now - timedelta(seconds=settings.FIGURE_RUN_REQUEUE_SECONDS)


def expire_stale_runs(*, now: datetime | None = None) -> list[int]:
    """Close the runs no worker will finish, so none blocks a region's recompute for ever; returns their ids.

    Guarantees: a run still *running* later than the task's hard time limit (CELERY_TASK_TIME_LIMIT) plus
    INTERRUPT_MARGIN after it started becomes *interrupted* (the worker kills a task at that limit, so no worker
    still works on it); a run still *queued* FIGURE_RUN_REQUEUE_SECONDS after its last of
    FIGURE_RUN_MAX_HAND_OVERS hand-overs becomes *failed* (a run no worker starts does not loop for ever). Each gets
    a Dutch explanation for the coordinator. A run another process holds locked at that moment (a claim, another
    expiry) is skipped and looked at the next time. Safe to call any time, from any process, twice."""
    interrupted_before, requeue_before = _cutoffs(now or timezone.now())
    stale = FigureRun.objects.filter(status__in=FigureRun.UNFINISHED).filter(  # the partial index of unfinished runs
        Q(status=FigureRun.Status.RUNNING, started_at__lt=interrupted_before)
        | Q(
            status=FigureRun.Status.QUEUED,
            attempts__gte=settings.FIGURE_RUN_MAX_HAND_OVERS,
            handed_over_at__lt=requeue_before,
        )
    )
    closed = []
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        # A handful of rows at most (each a run that went wrong): saved one by one, each with its own text.
        for run in stale.select_for_update(skip_locked=True).order_by("queued_at"):
            if run.status == FigureRun.Status.RUNNING:
                logger.warning("figure run %s interrupted: still running at the hard time limit", run.pk)
                run.status = FigureRun.Status.INTERRUPTED
                run.error = _(
                    "De berekening is afgebroken: niet klaar binnen %(minutes)s minuten. Mogelijk is de werker "
                    "gestopt of de database onderbroken. Vraag een nieuwe berekening aan."
                ) % {"minutes": settings.CELERY_TASK_TIME_LIMIT // 60}
            else:
                logger.warning("figure run %s failed: not started after %s hand-overs", run.pk, run.attempts)
                run.status = FigureRun.Status.FAILED
                run.error = _(
                    "De berekening is niet gestart: de aanvraag is %(attempts)s keer aan de werker gegeven. Vraag een "
                    "nieuwe berekening aan; gebeurt dit vaker, meld het dan bij de beheerder (nummer %(run)s)."
                ) % {"attempts": run.attempts, "run": run.pk}
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "error", "finished_at"])
            closed.append(run.pk)
    return closed


def may_be_stale(run: FigureRun, *, now: datetime | None = None) -> bool:
    """Whether `run` is unfinished for long enough that `expire_stale_runs` may close it: a cheap test on a row the
    caller already holds, so that a page calls the expiry only then."""
    interrupted_before, requeue_before = _cutoffs(now or timezone.now())
    if run.status == FigureRun.Status.RUNNING:
        return run.started_at is not None and run.started_at < interrupted_before
    return run.status == FigureRun.Status.QUEUED and run.queued_at < requeue_before


def mark_for_hand_over(
    *, run_id: int | None = None, region_id: int | None = None, now: datetime | None = None
) -> tuple[list[int], datetime]:
    """Claim the queued runs due for a hand-over to the broker (never handed over, or handed over more than
    FIGURE_RUN_REQUEUE_SECONDS ago and fewer than FIGURE_RUN_MAX_HAND_OVERS times), optionally one run or one
    region's; returns their ids and the moment stamped on them.

    The claim commits before the caller talks to the broker (never inside an open transaction; in eager mode the
    run itself then runs outside it), and two callers never claim the same run (FOR UPDATE SKIP LOCKED, then the
    stamp makes it not due). If the caller dies before the broker took the run, it is due again after
    FIGURE_RUN_REQUEUE_SECONDS: a run is handed over at least once, sometimes twice, which `run_figures` allows."""
    now = now or timezone.now()
    _, requeue_before = _cutoffs(now)
    due = FigureRun.objects.filter(
        Q(handed_over_at__isnull=True) | Q(handed_over_at__lt=requeue_before),
        status=FigureRun.Status.QUEUED,
        attempts__lt=settings.FIGURE_RUN_MAX_HAND_OVERS,
    )
    if run_id is not None:
        due = due.filter(pk=run_id)
    if region_id is not None:
        due = due.filter(region_id=region_id)
    with transaction.atomic():
        ids = list(
            due.select_for_update(skip_locked=True).order_by("queued_at").values_list("pk", flat=True)[:HAND_OVER_BATCH]
        )
        FigureRun.objects.filter(pk__in=ids).update(handed_over_at=now, attempts=F("attempts") + 1)
    return ids, now


def unmark_hand_over(*, run_id: int, handed_over_at: datetime | None) -> None:
    """The broker did not take the run, or the run waits for another: due again at once, and the try does not
    count as an attempt."""
    if handed_over_at is None:
        return
    FigureRun.objects.filter(
        pk=run_id, status=FigureRun.Status.QUEUED, handed_over_at=handed_over_at, attempts__gt=0
    ).update(handed_over_at=None, attempts=F("attempts") - 1)


def bump_figures_version(**_signal_kwargs: Any) -> None:
    """Receiver for saved and deleted figure runs: the cached run status and years are stale."""
    versions.bump_now_and_on_commit(versions.FIGURES)

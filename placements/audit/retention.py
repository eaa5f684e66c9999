"""Retention (docs/operations.md, "Bewaartermijnen"): what is kept of a client, its history and the access log, and
for how long.

- A client closed more than `CLIENT_RETENTION_YEARS` whole years ago is *reduced*: the row and its placements stay,
  because every figure counts them (region, ready date, closing date; each placement's home, status and dates),
  but the reference becomes an anonymous marker, needs, barriers, urgency and preferred municipalities go back
  to their empty values, the placements' free text (every note about the client, the support arrangement) is
  cleared, and the history events of the client and its placements are deleted. The row is marked
  `anonymised_at`; the client pages no longer find it (its placements still show, as `anon-<id>`). Its
  notifications (which name the old reference) are deleted.
- Access-log lines older than `ACCESS_LOG_RETENTION_YEARS` (at least 5, NEN 7513) are deleted. Younger lines keep
  the old reference of a reduced client: the log is the record of who looked, and the reference no longer
  leads to anything.

Both work in batches of `RETENTION_BATCH_SIZE` rows, one transaction each, so a long run never holds its locks
for long, and a run that stops halfway keeps what it did; running again finds only what is left."""

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from datetime import time as day_start

from django.apps import apps
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.db.models import F, Min, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from placements.lists.paging import bump_records_version
from placements.models import AccessLogEntry, Notification, OutflowCase, Placement, RetentionRun
from regions.need_to_know import CLIENT_NOTES

# The reference of a reduced client: never what `records.services.next_reference` hands out (REGION-YEAR-NNNN).
ANONYMOUS_PREFIX = "anon-"
# A placement's free text that a reduced client keeps none of: every note about the client (regions.need_to_know,
# so a note added there is cleared here too) and the support arrangement.
PLACEMENT_FREE_TEXT = {
    **{
        key.removeprefix("placements.Placement."): "" for key in CLIENT_NOTES if key.startswith("placements.Placement.")
    },
    "support_arrangement": "",
}
CASE_FREE_TEXT = {
    key.removeprefix("placements.OutflowCase."): "" for key in CLIENT_NOTES if key.startswith("placements.OutflowCase.")
}


def years_before(day: date, years: int) -> date:
    """The same calendar day `years` earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


@dataclass(frozen=True)
class Cutoffs:
    closed_before: date  # clients closed before this day are reduced
    logged_before: date  # access-log lines from before this day (local time) are deleted

    @classmethod
    def on(cls, today: date) -> "Cutoffs":
        """The cut-offs for `today` from the settings. Refuses an access-log period under the legal minimum, also
        when the settings were changed after start-up (a test, a shell)."""
        log_years = settings.ACCESS_LOG_RETENTION_YEARS
        if log_years < settings.ACCESS_LOG_MIN_RETENTION_YEARS:
            raise ImproperlyConfigured(
                f"ACCESS_LOG_RETENTION_YEARS is {log_years}; NEN 7513 asks for at least "
                f"{settings.ACCESS_LOG_MIN_RETENTION_YEARS} years."
            )
        if settings.CLIENT_RETENTION_YEARS < 1:
            raise ImproperlyConfigured(f"CLIENT_RETENTION_YEARS is {settings.CLIENT_RETENTION_YEARS}; at least 1.")
        return cls(years_before(today, settings.CLIENT_RETENTION_YEARS), years_before(today, log_years))

    def cases(self) -> models.QuerySet[OutflowCase]:
        return OutflowCase.objects.filter(
            status=OutflowCase.Status.CLOSED, closed_on__lt=self.closed_before, anonymised_at__isnull=True
        )

    def access_log(self) -> models.QuerySet[AccessLogEntry]:
        start = timezone.make_aware(datetime.combine(self.logged_before, day_start.min))
        return AccessLogEntry.objects.filter(at__lt=start)


def _events(model: type[models.Model]) -> type[models.Model]:
    """The history event model django-pghistory keeps for `model` (e.g. OutflowCaseEvent)."""
    return apps.get_model(model._meta.app_label, f"{model.__name__}Event")


@dataclass(frozen=True)
class Preview:
    """What a run on the same day would remove (the dry run)."""

    cutoffs: Cutoffs
    cases: int
    oldest_closed_on: date | None
    placements: int
    history_events: int
    access_log_lines: int
    oldest_logged_at: datetime | None


def preview(*, today: date) -> Preview:
    """Count what `apply_retention` would reduce or delete today, without changing anything."""
    cutoffs = Cutoffs.on(today)
    cases = cutoffs.cases()
    placements = Placement.objects.filter(case__in=cases)
    history = (
        _events(OutflowCase)._default_manager.filter(pgh_obj_id__in=cases.values("pk")).count()
        + _events(Placement)._default_manager.filter(pgh_obj_id__in=placements.values("pk")).count()
    )
    log = cutoffs.access_log()
    return Preview(
        cutoffs=cutoffs,
        cases=cases.count(),
        oldest_closed_on=cases.aggregate(oldest=Min("closed_on"))["oldest"],
        placements=placements.count(),
        history_events=history,
        access_log_lines=log.count(),
        oldest_logged_at=log.aggregate(oldest=Min("at"))["oldest"],
    )


def _reduce_batch(run: RetentionRun, cutoffs: Cutoffs, size: int) -> int:
    """Reduce up to `size` due clients in one transaction; the number reduced. Rows someone holds locked (an edit
    in progress) are skipped and found again by the next run."""
    with transaction.atomic():
        ids = list(
            cutoffs.cases().order_by("pk").select_for_update(skip_locked=True).values_list("pk", flat=True)[:size]
        )
        if not ids:
            return 0
        placement_ids = list(Placement.objects.filter(case_id__in=ids).values_list("pk", flat=True))
        OutflowCase.objects.filter(pk__in=ids).update(
            reference=Concat(Value(ANONYMOUS_PREFIX), Cast(F("pk"), models.CharField())),
            provider_reference="",  # the provider's file reference leads back to the person
            barriers=[],
            urgency=OutflowCase.Urgency.NONE,
            **CASE_FREE_TEXT,
            needs_ground_floor=False,
            needs_accessible=False,
            min_rooms=1,
            anonymised_at=timezone.now(),
        )
        OutflowCase.preferred_municipalities.through.objects.filter(outflowcase_id__in=ids).delete()
        Placement.objects.filter(pk__in=placement_ids).update(**PLACEMENT_FREE_TEXT)
        Notification.objects.filter(case_id__in=ids).delete()  # their text names the old reference
        # After the updates, so the events their triggers just wrote go too.
        history, _ = _events(OutflowCase)._default_manager.filter(pgh_obj_id__in=ids).delete()
        placement_history, _ = _events(Placement)._default_manager.filter(pgh_obj_id__in=placement_ids).delete()
        RetentionRun.objects.filter(pk=run.pk).update(
            cases_reduced=F("cases_reduced") + len(ids),
            placements_reduced=F("placements_reduced") + len(placement_ids),
            history_deleted=F("history_deleted") + history + placement_history,
        )
    return len(ids)


def _purge_log_batch(run: RetentionRun, cutoffs: Cutoffs, size: int) -> int:
    """Delete up to `size` access-log lines past their period in one transaction; the number deleted."""
    with transaction.atomic():
        ids = list(cutoffs.access_log().order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return 0
        deleted, _ = AccessLogEntry.objects.filter(pk__in=ids).delete()
        RetentionRun.objects.filter(pk=run.pk).update(access_log_deleted=F("access_log_deleted") + deleted)
    return len(ids)


def _drain(
    batch: Callable[[RetentionRun, Cutoffs, int], int],
    run: RetentionRun,
    cutoffs: Cutoffs,
    size: int,
    deadline: float | None,
) -> bool:
    """Run `batch` until a batch comes back short (nothing left: True) or the deadline passes (False)."""
    while deadline is None or time.monotonic() < deadline:
        if batch(run, cutoffs, size) < size:
            return True
    return False


def apply_retention(*, today: date, deadline: float | None = None) -> RetentionRun:
    """Reduce the clients and delete the access-log lines whose period ended before `today`, batch by batch, and
    return the run's record. Safe to run twice and side by side: what is done is no longer due. With `deadline`
    (a `time.monotonic()` value) no new batch starts after it and the run is recorded as not complete; the next
    run goes on where this one stopped."""
    cutoffs = Cutoffs.on(today)
    size = settings.RETENTION_BATCH_SIZE
    run = RetentionRun.objects.create(closed_before=cutoffs.closed_before, logged_before=cutoffs.logged_before)
    # all() stops at the first kind not finished before the deadline: the next run goes on from there.
    complete = all(_drain(batch, run, cutoffs, size, deadline) for batch in (_reduce_batch, _purge_log_batch))
    RetentionRun.objects.filter(pk=run.pk).update(finished_at=timezone.now(), complete=complete)
    run.refresh_from_db()
    if run.cases_reduced:
        bump_records_version()  # cached list counts still include the reduced clients
    return run

"""The life of an import: upload (`create_batch`: the file read and stored as rows), check (`check_batch`: every row
checked as its form would, nothing written), confirm (`confirm_batch`: claimed once), import (`import_batch`: every
row written in one transaction, or none), and the expiry of batches whose worker never finished.

Statuses: queued → checking → ready → importing → done; failed or interrupted on the way. The tasks in
`placements.imports.tasks` call these with ids."""

import hashlib
import logging
from collections import Counter
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

import pghistory
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from placements.imports.cases import CaseImport
from placements.imports.checking import NEW, OUTCOMES, UNCHANGED, UPDATE, Cells, RowResult, RowsChanged
from placements.imports.columns import check_header
from placements.imports.dwellings import DwellingImport
from placements.imports.reading import FileRefused, read_table
from placements.lists.paging import bump_records_version
from placements.models import AccessLogEntry, ImportBatch
from regions.access import access_for

if TYPE_CHECKING:
    from django.contrib.auth.models import User

logger = logging.getLogger(__name__)

IMPORTERS: dict[str, type[DwellingImport] | type[CaseImport]] = {
    ImportBatch.Kind.DWELLINGS: DwellingImport,
    ImportBatch.Kind.CASES: CaseImport,
}
PROGRESS_EVERY = 250  # rows between two progress reports
BATCH_KEEP_DAYS = 30  # an import batch (its rows, outcomes and errors) is deleted this long after its upload
# A worker kills a task at CELERY_TASK_TIME_LIMIT; a batch still busy this much later has no worker any more.
INTERRUPT_MARGIN = timedelta(minutes=1)


class ImportNotAllowed(Exception):
    """The user holds no role that may import this kind of record."""


def acting_grant(user: "User", kind: str) -> tuple[int, str]:
    """The organisation and role a user imports `kind` in: their first grant in a role that may (coordinator
    before corporation staff for homes)."""
    roles = IMPORTERS[kind].roles
    for role in roles:
        for grant in access_for(user).grants:
            if grant.role == role:
                return grant.organisation_id, grant.role
    raise ImportNotAllowed(_("Uw rol staat deze import niet toe."))


def create_batch(*, kind: str, file_name: str, data: bytes, by: "User") -> ImportBatch:
    """Read the upload (FileRefused when it is not a table within the limits, or its header is not the
    template's) and store its rows as a queued batch of the uploader's organisation. The caller queues
    `check_batch` after commit."""
    organisation_id, role = acting_grant(by, kind)
    table = read_table(name=file_name, data=data)
    # The header first: a file with a column that looks like a name, BSN or date of birth (or any column the
    # template does not have) is refused before a cell of it is stored.
    importer = IMPORTERS[kind](by, organisation_id)
    header = check_header(table.header, importer.columns, required=importer.required())
    if header.errors:
        raise FileRefused(" ".join(header.errors))
    offset = table.first_row_number
    return ImportBatch.objects.create(
        kind=kind,
        organisation_id=organisation_id,
        role=role,
        created_by=by,
        file_name=file_name[-200:],
        file_size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        header=table.header,
        # Each row keeps its number as the spreadsheet shows it; rows empty throughout are left out.
        rows=[[offset + i, *row] for i, row in enumerate(table.rows) if any(row)],
        total_rows=sum(1 for row in table.rows if any(row)),
    )


# --- Progress: in the cache, since the import's own writes are invisible to others until it commits -----------


def progress_key(batch_id: int) -> str:
    return f"imports:progress:{batch_id}"


def report_progress(batch_id: int, done: int) -> None:
    try:
        cache.set(progress_key(batch_id), done, timeout=settings.CELERY_TASK_TIME_LIMIT + 300)
    except Exception:  # Redis is an accelerator: without it the page shows no percentage
        logger.warning("import %s: progress not stored", batch_id, exc_info=True)


def progress_of(batch: ImportBatch) -> int | None:
    """Rows handled so far by the running step, when the cache knows."""
    if batch.status not in (ImportBatch.Status.CHECKING, ImportBatch.Status.IMPORTING):
        return None
    try:
        done = cache.get(progress_key(batch.pk))
    except Exception:
        return None
    return int(done) if done is not None else None


# --- Checking ------------------------------------------------------------------------------------------------


def _check_rows(batch: ImportBatch, user: "User") -> tuple[list[str], list[RowResult]]:
    """Every row checked as its form would, for `user`: the file's errors and each row's result. Reads only."""
    importer = IMPORTERS[batch.kind](user, batch.organisation_id)
    header = check_header(batch.header, importer.columns, required=importer.required())
    if header.errors:
        return header.errors, []
    rows = [row[1:] for row in batch.rows]
    report_progress(batch.pk, 0)
    importer.prepare(rows, header.positions)
    by_field = {c.field: c for c in importer.columns}
    order = {str(by_field[name].header): index for name, index in header.positions.items()}
    results = []
    for done, row in enumerate(batch.rows, 1):
        result = RowResult(row=row[0])
        importer.check(result, Cells(result, row[1:], header.positions, by_field))
        result.errors.sort(key=lambda error: order.get(error["column"], -1))  # as the columns stand in the file
        results.append(result)
        if done % PROGRESS_EVERY == 0:
            report_progress(batch.pk, done)
    return [], results


def _counts(results: list[RowResult]) -> dict[str, int]:
    counted = Counter(r.outcome for r in results)
    return {outcome: counted.get(outcome, 0) for outcome in OUTCOMES}


def _log_cases(batch: ImportBatch, *, user_id: int, action: str, references: list[str]) -> None:
    """An access-log line for the clients an import read or wrote (no request: the batch's page is the path)."""
    if references:
        AccessLogEntry.objects.create(
            user_id=user_id,
            organisation_id=batch.organisation_id,
            action=action,
            case_references=references,
            case_count=len(references),
            path=reverse("placements:import_detail", args=[batch.pk])[:300],
            query=batch.file_name[:500],
        )


def check_batch(*, batch_id: int) -> ImportBatch:
    """Check a queued batch: each row's outcome (new, update, unchanged, error with per-cell messages) is stored,
    nothing else is written. Safe to call twice (a second call finds the batch claimed and does nothing)."""
    claimed = ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.QUEUED).update(
        status=ImportBatch.Status.CHECKING, started_at=timezone.now()
    )
    batch = ImportBatch.objects.select_related("created_by").get(pk=batch_id)
    if not claimed:
        return batch
    try:
        # The forms lock the rows they would update (as an edit form does); the transaction ends with the check.
        with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
            file_errors, results = _check_rows(batch, batch.created_by)
            if batch.kind == ImportBatch.Kind.CASES:
                _log_cases(
                    batch,
                    user_id=batch.created_by_id,
                    action=AccessLogEntry.Action.SEARCH,
                    references=[r.reference for r in results if r.outcome in (UPDATE, UNCHANGED)],
                )
    except Exception as error:
        logger.exception("import %s: check failed", batch.pk)
        batch.status, batch.error = ImportBatch.Status.FAILED, _failure_text(batch, error)
    else:
        batch.status, batch.file_errors = ImportBatch.Status.READY, file_errors
        batch.outcomes = [r.stored() for r in results]
        batch.counts = _counts(results)
    batch.finished_at = timezone.now()
    batch.save(update_fields=["status", "error", "file_errors", "outcomes", "counts", "finished_at"])
    return batch


# --- Confirming and importing -----------------------------------------------------------------------------------


def confirm_batch(*, batch_id: int, by: "User") -> bool:
    """Claim a checked batch without errors for import; True for exactly one caller (a double submit, a second
    person confirming at once: the others get False). The caller queues `import_batch` after commit."""
    batch = ImportBatch.objects.visible_to(by).defer("rows", "outcomes", "header").filter(pk=batch_id).first()
    if batch is None or not batch.may_confirm:
        return False
    return bool(
        ImportBatch.objects.filter(pk=batch_id, status=ImportBatch.Status.READY).update(
            status=ImportBatch.Status.IMPORTING, confirmed_by=by, confirmed_at=timezone.now()
        )
    )


def _import(batch: ImportBatch, by: "User") -> dict[str, int]:
    """Write the rows as previewed, for `by` (whose access the importer reads now)."""
    if batch.has_errors:
        raise RowsChanged(_("Deze import heeft fouten en kan niet worden ingelezen."))
    rows = [o for o in batch.outcomes if o["outcome"] in (NEW, UPDATE)]
    importer = IMPORTERS[batch.kind](by, batch.organisation_id)
    # Rows written so far, counted over the rows that write anything (the unchanged ones are done already).
    unchanged = batch.total_rows - len(rows)
    report_progress(batch.pk, unchanged)
    references = importer.write(rows, by=by, progress=lambda done: report_progress(batch.pk, unchanged + done))
    report_progress(batch.pk, batch.total_rows)
    if batch.kind == ImportBatch.Kind.CASES:
        for action, outcome in ((AccessLogEntry.Action.CREATE, NEW), (AccessLogEntry.Action.UPDATE, UPDATE)):
            written = [references[o["row"]] for o in rows if o["outcome"] == outcome]
            _log_cases(batch, user_id=by.pk, action=action, references=written)
    bump_records_version()  # bulk inserts send no signal: the lists' cached counts are stale
    return batch.counts


def import_batch(*, batch_id: int) -> ImportBatch:
    """Write every row of a confirmed batch in one transaction, or none: exactly the values previewed, for the
    person who confirmed (their access as it is now); a record changed since the preview refuses the whole import.
    Records carry their history with who and which file. Safe to call twice, also at once: the batch row is
    locked for the whole import and only a batch still importing is imported."""
    try:
        with transaction.atomic():
            batch = (
                ImportBatch.objects.select_for_update(skip_locked=True, of=("self",))
                .select_related("confirmed_by")
                .filter(pk=batch_id, status=ImportBatch.Status.IMPORTING)
                .first()
            )
            if batch is None:
                return ImportBatch.objects.get(pk=batch_id)
            by = batch.confirmed_by
            if by is None:
                raise ImportNotAllowed(_("Deze import is niet bevestigd."))
            batch.started_at = timezone.now()
            with (
                translation.override(settings.LANGUAGE_CODE),
                pghistory.context(user=by.pk, import_batch=batch.pk, import_file=batch.file_name),
            ):
                batch.counts = _import(batch, by)
            batch.status, batch.finished_at = ImportBatch.Status.DONE, timezone.now()
            _forget_values(batch)
            batch.save(update_fields=["status", "counts", "started_at", "finished_at", "rows", "outcomes"])
            return batch
    except Exception as error:  # rolled back: nothing of the file is written
        if not isinstance(error, RowsChanged):
            logger.exception("import %s failed", batch_id)
        text = str(error) if isinstance(error, RowsChanged | ImportNotAllowed) else None
        failed = ImportBatch.objects.get(pk=batch_id)
        failed.status, failed.finished_at = ImportBatch.Status.FAILED, timezone.now()
        failed.error = text or _failure_text(failed, error)
        _forget_values(failed)
        failed.save(update_fields=["status", "error", "finished_at", "rows", "outcomes"])
        return failed


def _forget_values(batch: ImportBatch) -> None:
    """A finished batch keeps what its page shows (each row's number, address or file reference, outcome and
    errors), not the file's cells nor the values read from them: those served the preview and the import only."""
    batch.rows = []
    batch.outcomes = [{key: value for key, value in o.items() if key != "values"} for o in batch.outcomes]


def _failure_text(batch: ImportBatch, error: Exception) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        if isinstance(error, SoftTimeLimitExceeded):
            return _(
                "De verwerking duurde langer dan %(minutes)s minuten en is gestopt; er is niets ingelezen. Splits het "
                "bestand in kleinere delen (import %(batch)s)."
            ) % {"minutes": settings.CELERY_TASK_SOFT_TIME_LIMIT // 60, "batch": batch.pk}
        if isinstance(error, IntegrityError):
            return _(
                "Een adres of dossiernummer is intussen door iemand anders vastgelegd; er is niets ingelezen. Upload "
                "het bestand opnieuw voor een nieuwe controle."
            )
        if isinstance(error, DatabaseError):
            return _("De database gaf een fout; er is niets ingelezen. Probeer het opnieuw (import %(batch)s).") % {
                "batch": batch.pk
            }
        return _(
            "De verwerking is mislukt door een technische fout; er is niets ingelezen. De beheerder vindt de details "
            "in het logboek onder import %(batch)s."
        ) % {"batch": batch.pk}


# --- Batches no worker will finish ---------------------------------------------------------------------------------


def stale_before(now: datetime | None = None) -> datetime:
    return (now or timezone.now()) - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) - INTERRUPT_MARGIN


def expire_stale_batches(*, now: datetime | None = None) -> list[int]:
    """Mark *interrupted* every batch still queued, checking or importing later than the task's hard time limit
    plus INTERRUPT_MARGIN after it was uploaded or started (its worker was killed or never took it): none stays
    busy for ever. Its import, one transaction, was rolled back with the worker. Also deletes the batches uploaded
    more than BATCH_KEEP_DAYS ago. Safe to call any time, twice."""
    before = stale_before(now)
    closed = []
    with transaction.atomic(), translation.override(settings.LANGUAGE_CODE):
        stale = ImportBatch.objects.filter(status__in=ImportBatch.RUNNING).select_for_update(skip_locked=True)
        for batch in stale:
            since = batch.confirmed_at or batch.started_at or batch.created_at
            if since >= before:
                continue
            logger.warning("import %s interrupted: still %s at the hard time limit", batch.pk, batch.status)
            batch.status, batch.finished_at = ImportBatch.Status.INTERRUPTED, timezone.now()
            batch.error = _(
                "De verwerking is afgebroken: niet klaar binnen %(minutes)s minuten. Er is niets ingelezen. Upload "
                "het bestand opnieuw."
            ) % {"minutes": settings.CELERY_TASK_TIME_LIMIT // 60}
            _forget_values(batch)
            batch.save(update_fields=["status", "error", "finished_at", "rows", "outcomes"])
            closed.append(batch.pk)
        # A batch is kept BATCH_KEEP_DAYS after its upload, then deleted with what it read (a preview never
        # confirmed keeps its rows until then).
        ImportBatch.objects.filter(created_at__lt=(now or timezone.now()) - timedelta(days=BATCH_KEEP_DAYS)).delete()
    return closed


def may_be_stale(batch: ImportBatch, *, now: datetime | None = None) -> bool:
    since = batch.confirmed_at or batch.started_at or batch.created_at
    return batch.status in ImportBatch.RUNNING and since < stale_before(now)

"""Pages of the import: upload and the recent batches per kind, the template, a batch's page (progress while it
runs, the preview with every row's outcome, the result), and the confirmation. Thin: parse, call a service,
render. A batch is found through `ImportBatch.objects.visible_to`: another organisation's batch is a 404."""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from placements.audit.access_log import record_access
from placements.imports import cases, dwellings, services
from placements.imports.checking import ERROR, describe
from placements.imports.forms import UploadForm
from placements.imports.reading import MAX_FILE_BYTES, FileRefused
from placements.imports.tasks import hand_over
from placements.imports.template import template_xlsx
from placements.models import AccessLogEntry, ImportBatch
from regions.access import access_for

if TYPE_CHECKING:
    from django.contrib.auth.models import User


@dataclass(frozen=True)
class KindPages:
    importer: type[dwellings.DwellingImport] | type[cases.CaseImport]
    list_url_name: str  # the list the import page links back to
    template_file: str


KINDS: dict[str, KindPages] = {
    ImportBatch.Kind.DWELLINGS: KindPages(
        dwellings.DwellingImport, "placements:dwelling_list", "sjabloon-woningen.xlsx"
    ),
    ImportBatch.Kind.CASES: KindPages(cases.CaseImport, "placements:case_list", "sjabloon-clienten.xlsx"),
}
ROWS_PER_PAGE = 100
ERRORS_SHOWN = 500  # on the page; the rest are in the table, page by page


def _title(kind: str) -> str:
    return _("Woningen importeren") if kind == ImportBatch.Kind.DWELLINGS else _("Cliënten importeren")


def _signed_in(request: HttpRequest) -> "User":
    if not request.user.is_authenticated:  # login_required let only signed-in users this far
        raise PermissionDenied
    return request.user


def _may_import(request: HttpRequest, kind: str) -> None:
    if kind not in KINDS:
        raise Http404
    if not access_for(_signed_in(request)).has_role(*KINDS[kind].importer.roles):
        raise PermissionDenied


@login_required
def upload(request: HttpRequest, kind: str) -> HttpResponse:
    """GET: the upload form, the template and the recent batches; POST: read the file and queue its check."""
    _may_import(request, kind)
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            if upload.size and upload.size > MAX_FILE_BYTES:  # refused before it is read into memory
                raise FileRefused(
                    _("Het bestand is groter dan %(mb)s MB. Splits het in kleinere bestanden.")
                    % {"mb": MAX_FILE_BYTES // (1024 * 1024)}
                )
            batch = services.create_batch(
                kind=kind,
                file_name=upload.name or "",
                data=upload.read(),
                by=_signed_in(request),
            )
        except (FileRefused, services.ImportNotAllowed) as error:
            form.add_error("file", str(error))
        else:
            hand_over("check", batch.pk)
            return HttpResponseRedirect(reverse("placements:import_detail", args=[batch.pk]))
    # Without the rows and outcomes: a batch of 10,000 rows carries megabytes of them.
    batches = (
        ImportBatch.objects.visible_to(request.user)
        .filter(kind=kind)
        .defer("rows", "outcomes", "header")
        .select_related("created_by")[:10]
    )
    return render(
        request,
        "placements/imports/upload.html",
        {
            "form": form,
            "kind": kind,
            "title": _title(kind),
            "batches": batches,
            "list_url": reverse(KINDS[kind].list_url_name),
            "template_url": reverse("placements:import_template", args=[kind]),
        },
    )


@login_required
def template(request: HttpRequest, kind: str) -> HttpResponse:
    """The XLSX template of `kind`, for this user (the corporation column is required for a coordinator)."""
    _may_import(request, kind)
    importer = KINDS[kind].importer(request.user)
    content = template_xlsx(importer.columns, required=importer.required(), title=_title(kind))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    response["Content-Disposition"] = f'attachment; filename="{KINDS[kind].template_file}"'
    return response


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A batch: progress (the page refreshes itself while it runs, no JavaScript), the preview, or the result."""
    batch = get_object_or_404(ImportBatch.objects.visible_to(request.user).defer("rows", "header"), pk=pk)
    if services.may_be_stale(batch):
        services.expire_stale_batches()
        batch.refresh_from_db()
    shown = request.GET.get("uitkomst", "")
    outcomes = [o for o in batch.outcomes if not shown or o["outcome"] == shown]
    page = Paginator(outcomes, ROWS_PER_PAGE).get_page(request.GET.get("pagina"))
    errors = [
        describe(error, outcome["row"]) for outcome in batch.outcomes if outcome["outcome"] == ERROR
        for error in outcome["errors"]
    ]  # fmt: skip
    done = services.progress_of(batch)
    if batch.kind == ImportBatch.Kind.CASES and page.object_list:
        # The rows shown name clients by the provider's file reference: a read of client records, logged.
        record_access(
            request,
            action=AccessLogEntry.Action.VIEW,
            references=[str(outcome["key"]) for outcome in page.object_list],
            query=request.GET.urlencode(),
        )
    return render(
        request,
        "placements/imports/detail.html",
        {
            "batch": batch,
            "title": _title(batch.kind),
            "running": batch.status in ImportBatch.RUNNING,
            "done_rows": done,
            "percent": int(100 * done / batch.total_rows) if done is not None and batch.total_rows else None,
            "errors": errors[:ERRORS_SHOWN],
            "more_errors": max(0, len(errors) - ERRORS_SHOWN),
            "page": page,
            "shown": shown,
            "outcome_labels": OUTCOME_LABELS,
            "list_url": reverse(KINDS[batch.kind].list_url_name),
            "upload_url": reverse(f"placements:import_{batch.kind}"),
        },
    )


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    """Import a checked batch: claimed once (a double click imports once), then queued after commit."""
    batch = get_object_or_404(ImportBatch.objects.visible_to(request.user).only("pk", "status"), pk=pk)
    if services.confirm_batch(batch_id=batch.pk, by=_signed_in(request)):
        hand_over("import", batch.pk)
    elif batch.status == ImportBatch.Status.READY:
        messages.error(request, _("Deze import heeft fouten of geen rijen en kan niet worden ingelezen."))
    return HttpResponseRedirect(reverse("placements:import_detail", args=[batch.pk]))


OUTCOME_LABELS = {
    "new": gettext_lazy("nieuw"),
    "update": gettext_lazy("wijziging"),
    "unchanged": gettext_lazy("ongewijzigd"),
    "error": gettext_lazy("fout"),
}

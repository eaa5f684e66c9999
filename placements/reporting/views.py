"""The progress report page and its downloads, for managers and coordinators of the region. Every download
is written to the access log (it holds no client records, but who took which report out matters)."""

import time

from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views import View

from placements.audit.access_log import record_access
from placements.figures.selectors import published_runs, stored_years
from placements.models import AccessLogEntry
from placements.reporting.build import build_report
from placements.reporting.csv import report_csv
from placements.reporting.forms import ReportForm
from placements.reporting.html import report_html_context
from placements.reporting.pdf import report_pdf
from placements.reporting.xlsx import report_xlsx
from regions.access import RoleRequiredMixin, access_for, cache_key, visible_regions
from regions.models import Membership

Role = Membership.Role
CACHE_SECONDS = 24 * 60 * 60  # a new run changes the key; this only bounds how long old files linger
CONTENT_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
    "csv": "text/csv; charset=utf-8",
}


def cached_once(key: str, build, *, wait_seconds: float = 15.0):
    """The cached value for `key`, built by one request while others asking at the same moment wait for it
    (instead of all generating the same file). Falls back to building itself if the builder takes too long."""
    value = cache.get(key)
    if value is not None:
        return value
    lock = f"{key}:building"
    if cache.add(lock, 1, timeout=int(wait_seconds) * 4):
        try:
            value = build()
            cache.set(key, value, timeout=CACHE_SECONDS)
            return value
        finally:
            cache.delete(lock)
    if cache.get(lock) is None:
        # No lock to wait for: the builder just finished, or the cache does not answer (it keeps no lock, and
        # waiting would cost the full wait_seconds for nothing).
        return cache.get(key) or build()
    deadline = time.monotonic() + wait_seconds
    while time.monotonic() < deadline:
        time.sleep(0.05)
        value = cache.get(key)
        if value is not None:
            return value
    return build()


class ReportView(RoleRequiredMixin, View):
    roles = (Role.COORDINATOR, Role.MANAGER)

    def get(self, request):
        regions = visible_regions(request.user, *self.roles)
        years = stored_years(access_for(request.user).region_ids(*self.roles))
        form = ReportForm(request.GET or None, regions=regions, stored_years=years)
        if not request.GET.get("format") or not form.is_valid():
            return render(request, "placements/report.html", {"form": form, "formats": ReportForm.FORMATS})
        data = form.cleaned_data
        started = time.monotonic()
        kind = data["format"]
        if kind == "html":
            return self.web_page(request, data, started)
        extension = kind.split("-", 1)[0]
        # The file only changes when a new run publishes figures, so it is cached per run, parameters, language
        # (headers and labels are translated) and access.
        run, _latest = published_runs(data["region"].pk, data["year"])
        key = cache_key(
            request.user, "report", kind, data["separator"], data["region"].pk, data["year"], data["first_month"],
            data["last_month"], data["suppress"], run.pk if run else "none", get_language(),
        )  # fmt: skip

        def build():
            report = build_report(
                region=data["region"], year=data["year"], first_month=data["first_month"],
                last_month=data["last_month"], suppress=data["suppress"],
            )  # fmt: skip
            if extension == "xlsx":
                return report_xlsx(report), report.period_in_file_name
            if extension == "pdf":
                return report_pdf(report), report.period_in_file_name
            return (
                report_csv(report, kind.removeprefix("csv-"), delimiter=data["separator"]),
                report.period_in_file_name,
            )

        content, period = cached_once(key, build)
        name = f"voortgangsrapportage-{slugify(data['region'].name)}-{period}"
        if extension == "csv":
            name += f"-{kind.removeprefix('csv-').lower()}"
        record_access(
            request, action=AccessLogEntry.Action.EXPORT, references=[],
            query=f"rapportage {kind} regio={data['region'].pk} jaar={data['year']} maanden={data['first_month']}-"
                  f"{data['last_month']} afgeschermd={data['suppress']} ({int((time.monotonic() - started) * 1000)} ms)",
        )  # fmt: skip
        response = HttpResponse(content, content_type=CONTENT_TYPES[extension])
        response["Content-Disposition"] = f'attachment; filename="{name}.{extension}"'
        response["Cache-Control"] = "no-store"
        return response

    def web_page(self, request, data: dict, started: float):
        """The accessible HTML version: the same report as the files, shown as a page (not cached: it carries the
        reader's own page frame), logged as the downloads are."""
        report = build_report(
            region=data["region"], year=data["year"], first_month=data["first_month"],
            last_month=data["last_month"], suppress=data["suppress"],
        )  # fmt: skip
        response = render(request, "placements/report_html.html", report_html_context(report))
        record_access(
            request, action=AccessLogEntry.Action.EXPORT, references=[],
            query=f"rapportage html regio={data['region'].pk} jaar={data['year']} maanden={data['first_month']}-"
                  f"{data['last_month']} afgeschermd={data['suppress']} ({int((time.monotonic() - started) * 1000)} ms)",
        )  # fmt: skip
        response["Cache-Control"] = "no-store"
        return response

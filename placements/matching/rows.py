"""The rows of the placements list (see `placements.lists.rows` for how rows are rendered)."""

from django.core.paginator import Page
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from placements.lists.rows import Rows, addition, detail_url, month_names, short_date, table
from placements.models import Placement
from regions.models import ChoiceLabels

PLACEMENT_STATUS = ChoiceLabels(Placement.Status.choices)
PLACEMENT_FIELDS = (
    "pk", "case__reference", "dwelling__street", "dwelling__house_number", "dwelling__house_number_addition",
    "dwelling__place", "dwelling__corporation__name", "proposed_at", "status", "override_reason",
)  # fmt: skip
PLACEMENT_ROW = (
    '<tr><td><a href="{}">{}</a></td><td>{} {}{}, {}</td><td>{}</td><td>{} <span class="muted">({})</span></td>'
    '<td><span class="status status-{}">{}</span>{}</td></tr>'
)


def placement_rows(page: Page) -> Rows:
    url = detail_url("placements:placement_detail")
    override_note = format_html(' <span class="muted">({})</span>', _("afwijking spreiding"))
    statuses, months = PLACEMENT_STATUS.translated(), month_names()
    return table(
        page,
        PLACEMENT_FIELDS,
        PLACEMENT_ROW,
        lambda p: (
            url(p["pk"]),
            p["case__reference"],
            p["dwelling__street"],
            p["dwelling__house_number"],
            addition(p["dwelling__house_number_addition"]),
            p["dwelling__place"],
            p["dwelling__corporation__name"],
            short_date(localtime(p["proposed_at"]), months),
            timesince(p["proposed_at"]),
            p["status"],
            statuses[p["status"]],
            override_note if p["override_reason"] else "",
        ),
    )

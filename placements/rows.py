"""The table rows of the homes, clients and placements lists, rendered in Python.

A list page shows 25 rows of about ten values each; rendered by the template engine, from model instances,
those rows cost more than the rest of the page together (bench/RESULTS.md, "Page latency"). Here the page's
rows are read as plain values (one query, no model instances) and each row is one `str.format` of its
escaped values: the same markup as `format_html` gives, every value escaped, labels and dates in the active
language (translated once per page, not once per cell). The page template places the result inside its
`<tbody>`; what a row shows is changed here."""

import html
from dataclasses import dataclass

from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.timesince import timesince
from django.utils.timezone import localdate, localtime
from django.utils.translation import gettext as _

from placements.models import Dwelling, OutflowCase, Placement, waiting_time
from regions.models import ChoiceLabels


@dataclass(frozen=True)
class Rows:
    """The rendered rows (`{{ rows }}` in a template) and the values they were made from."""

    html: SafeString
    values: list[dict]

    def __html__(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html

    def __bool__(self) -> bool:
        return bool(self.values)


def _months() -> dict[int, str]:
    """The short month names in the active language, for `short_date`."""
    return {number: str(name) for number, name in MONTHS_3.items()}


def short_date(day, months: dict[int, str] | None = None) -> str:
    """As the template filter `date:"j b Y"`: 5 mrt 2026. Pass `_months()` when formatting many dates."""
    return f"{day.day} {(months or MONTHS_3)[day.month]} {day.year}"


def _euros(cents: int, separator: str) -> str:
    """As `number_format(cents / 100, 2)` without thousands grouping: 1234,56 (separator of the language)."""
    euros, rest = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{euros}{separator}{rest:02d}"


def _detail_url(url_name: str):
    """`reverse` once per page: the detail URL of every row differs only in the key at its end."""
    marker = 2147483647
    prefix, _, suffix = reverse(url_name, args=[marker]).partition(str(marker))
    return lambda pk: f"{prefix}{pk}{suffix}"


def _addition(addition: str) -> str:
    return f"-{addition}" if addition else ""


def _escaped(value) -> str:
    """As Django's `conditional_escape`, without its per-call check for lazy arguments (a few hundred calls a
    page): safe HTML is kept, anything else is turned into text and escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def _page_values(page, fields: tuple[str, ...]) -> list[dict]:
    """`fields` of the rows of `page` (a sliced queryset), in one query. Beyond the first page the offset is
    taken in a subquery that reads only the list's own table (its index), and the joins for the shown values
    are made for the page's rows alone: a plain OFFSET would join every skipped row too (page 30: 750 rows)."""
    if not page.query.low_mark:
        return list(page.values(*fields))
    listed = page.all()
    listed.query.clear_limits()
    return list(listed.filter(pk__in=page.values("pk")).values(*fields))


def _table(queryset, fields: tuple[str, ...], row_html: str, cells) -> Rows:
    """Read `fields` of the page's rows in one query and render each with `row_html`, filled by `cells(row)`."""
    values = _page_values(queryset, fields)
    rendered = "\n".join(row_html.format(*map(_escaped, cells(row))) for row in values)
    return Rows(mark_safe(rendered), values)  # noqa: S308 - every value went through _escaped


DWELLING_KIND = ChoiceLabels(Dwelling.Kind.choices)
DWELLING_STATUS = ChoiceLabels(Dwelling.Status.choices)
DWELLING_FIELDS = (
    "pk", "postcode", "street", "house_number", "house_number_addition", "place", "neighbourhood__name",
    "neighbourhood__municipality__name", "corporation__name", "kind", "rooms", "rent_cents", "available_from",
    "status",
)  # fmt: skip
DWELLING_ROW = (
    '<tr><td>{}</td><td><a href="{}">{} {}{}</a>, {}</td><td>{} <span class="muted">({})</span></td><td>{}</td>'
    '<td>{}</td><td>{}</td><td>€&nbsp;{}</td><td>{}</td><td><span class="status status-{}">{}</span></td></tr>'
)


def dwelling_rows(queryset) -> Rows:
    url = _detail_url("placements:dwelling_detail")
    kinds, statuses, months = DWELLING_KIND.translated(), DWELLING_STATUS.translated(), _months()
    separator = get_format("DECIMAL_SEPARATOR")
    return _table(
        queryset,
        DWELLING_FIELDS,
        DWELLING_ROW,
        lambda d: (
            d["postcode"],
            url(d["pk"]),
            d["street"],
            d["house_number"],
            _addition(d["house_number_addition"]),
            d["place"],
            d["neighbourhood__name"],
            d["neighbourhood__municipality__name"],
            d["corporation__name"],
            kinds[d["kind"]],
            d["rooms"],
            _euros(d["rent_cents"], separator),
            short_date(d["available_from"], months),
            d["status"],
            statuses[d["status"]],
        ),
    )


CASE_ORIGIN = ChoiceLabels(OutflowCase.Origin.choices)
CASE_TARGET_GROUP = ChoiceLabels(OutflowCase.TargetGroup.choices)
CASE_SUPPORT_LEVEL = ChoiceLabels(OutflowCase.SupportLevel.choices)
CASE_URGENCY = ChoiceLabels(OutflowCase.Urgency.choices)
CASE_STATUS = ChoiceLabels(OutflowCase.Status.choices)
CASE_FIELDS = (
    "pk", "reference", "care_provider__name", "origin", "target_group", "household_size", "support_level",
    "ready_on", "urgency", "status",
)  # fmt: skip
CASE_ROW = (
    '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
    '<td>{} <span class="muted">({})</span></td><td>{}</td><td><span class="status status-{}">{}</span></td></tr>'
)


def case_rows(queryset) -> Rows:
    url = _detail_url("placements:case_detail")
    origins, groups, levels = CASE_ORIGIN.translated(), CASE_TARGET_GROUP.translated(), CASE_SUPPORT_LEVEL.translated()
    urgencies, statuses, months = CASE_URGENCY.translated(), CASE_STATUS.translated(), _months()
    today = localdate()
    return _table(
        queryset,
        CASE_FIELDS,
        CASE_ROW,
        lambda c: (
            url(c["pk"]),
            c["reference"],
            c["care_provider__name"],
            origins[c["origin"]],
            groups[c["target_group"]],
            c["household_size"],
            levels[c["support_level"]],
            short_date(c["ready_on"], months),
            waiting_time(c["ready_on"], today),
            urgencies[c["urgency"]],
            c["status"],
            statuses[c["status"]],
        ),
    )


PLACEMENT_STATUS = ChoiceLabels(Placement.Status.choices)
PLACEMENT_FIELDS = (
    "pk", "case__reference", "dwelling__street", "dwelling__house_number", "dwelling__house_number_addition",
    "dwelling__place", "dwelling__corporation__name", "proposed_at", "status", "override_reason",
)  # fmt: skip
PLACEMENT_ROW = (
    '<tr><td><a href="{}">{}</a></td><td>{} {}{}, {}</td><td>{}</td><td>{} <span class="muted">({})</span></td>'
    '<td><span class="status status-{}">{}</span>{}</td></tr>'
)


def placement_rows(queryset) -> Rows:
    url = _detail_url("placements:placement_detail")
    override_note = format_html(' <span class="muted">({})</span>', _("afwijking spreiding"))
    statuses, months = PLACEMENT_STATUS.translated(), _months()
    return _table(
        queryset,
        PLACEMENT_FIELDS,
        PLACEMENT_ROW,
        lambda p: (
            url(p["pk"]),
            p["case__reference"],
            p["dwelling__street"],
            p["dwelling__house_number"],
            _addition(p["dwelling__house_number_addition"]),
            p["dwelling__place"],
            p["dwelling__corporation__name"],
            short_date(localtime(p["proposed_at"]), months),
            timesince(p["proposed_at"]),
            p["status"],
            statuses[p["status"]],
            override_note if p["override_reason"] else "",
        ),
    )

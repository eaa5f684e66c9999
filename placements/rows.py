"""The table rows of the homes, clients and placements lists, rendered in Python.

A list page shows 25 rows of about ten values each; rendered by the template engine, from model instances,
those rows cost more than the rest of the page together (bench/RESULTS.md, "Page latency"). Here the page's
rows are read as plain values (one query, no model instances) and each row is one `format_html` call: the
same markup, every value escaped, labels and dates in the active language. The page template places the
result inside its `<tbody>`; what a row shows is changed here."""

from dataclasses import dataclass
from decimal import Decimal

from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.timesince import timesince
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from placements.models import Dwelling, OutflowCase, Placement
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


def short_date(day) -> str:
    """As the template filter `date:"j b Y"`: 5 mrt 2026."""
    return f"{day.day} {MONTHS_3[day.month]} {day.year}"


def _detail_url(url_name: str):
    """`reverse` once per page: the detail URL of every row differs only in the key at its end."""
    marker = 2147483647
    prefix, _, suffix = reverse(url_name, args=[marker]).partition(str(marker))
    return lambda pk: f"{prefix}{pk}{suffix}"


def _addition(addition: str) -> str:
    return f"-{addition}" if addition else ""


def _table(queryset, fields: tuple[str, ...], row_html: str, cells) -> Rows:
    """Read `fields` of the page's rows in one query and render each with `row_html`, filled by `cells(row)`."""
    values = list(queryset.values(*fields))
    return Rows(format_html_join("\n", row_html, (cells(row) for row in values)), values)


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
            DWELLING_KIND[d["kind"]],
            d["rooms"],
            number_format(Decimal(d["rent_cents"]) / 100, 2),
            short_date(d["available_from"]),
            d["status"],
            DWELLING_STATUS[d["status"]],
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
    return _table(
        queryset,
        CASE_FIELDS,
        CASE_ROW,
        lambda c: (
            url(c["pk"]),
            c["reference"],
            c["care_provider__name"],
            CASE_ORIGIN[c["origin"]],
            CASE_TARGET_GROUP[c["target_group"]],
            c["household_size"],
            CASE_SUPPORT_LEVEL[c["support_level"]],
            short_date(c["ready_on"]),
            timesince(c["ready_on"]),
            CASE_URGENCY[c["urgency"]],
            c["status"],
            CASE_STATUS[c["status"]],
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
            short_date(localtime(p["proposed_at"])),
            timesince(p["proposed_at"]),
            p["status"],
            PLACEMENT_STATUS[p["status"]],
            override_note if p["override_reason"] else "",
        ),
    )

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


def _labels(choices) -> dict:
    return dict(choices)


def _detail_url(url_name: str):
    """`reverse` once per page: the detail URL of every row differs only in the key at its end."""
    marker = 2147483647
    prefix, _, suffix = reverse(url_name, args=[marker]).partition(str(marker))
    return lambda pk: f"{prefix}{pk}{suffix}"


def _addition(addition: str) -> str:
    return f"-{addition}" if addition else ""


DWELLING_KIND = _labels(Dwelling.Kind.choices)
DWELLING_STATUS = _labels(Dwelling.Status.choices)


def dwelling_rows(queryset) -> Rows:
    values = list(
        queryset.values(
            "pk", "postcode", "street", "house_number", "house_number_addition", "place", "neighbourhood__name",
            "neighbourhood__municipality__name", "corporation__name", "kind", "rooms", "rent_cents",
            "available_from", "status",
        )
    )  # fmt: skip
    url = _detail_url("placements:dwelling_detail")
    html = format_html_join(
        "\n",
        '<tr><td>{}</td><td><a href="{}">{} {}{}</a>, {}</td><td>{} <span class="muted">({})</span></td><td>{}</td>'
        "<td>{}</td><td>{}</td><td>€&nbsp;{}</td><td>{}</td>"
        '<td><span class="status status-{}">{}</span></td></tr>',
        (
            (
                d["postcode"],
                url(d["pk"]),
                d["street"],
                d["house_number"],
                _addition(d["house_number_addition"]),
                d["place"],
                d["neighbourhood__name"],
                d["neighbourhood__municipality__name"],
                d["corporation__name"],
                DWELLING_KIND.get(d["kind"], d["kind"]),
                d["rooms"],
                number_format(Decimal(d["rent_cents"]) / 100, 2),
                short_date(d["available_from"]),
                d["status"],
                DWELLING_STATUS.get(d["status"], d["status"]),
            )  # fmt: skip
            for d in values
        ),
    )
    return Rows(html, values)


CASE_ORIGIN = _labels(OutflowCase.Origin.choices)
CASE_TARGET_GROUP = _labels(OutflowCase.TargetGroup.choices)
CASE_SUPPORT_LEVEL = _labels(OutflowCase.SupportLevel.choices)
CASE_URGENCY = _labels(OutflowCase.Urgency.choices)
CASE_STATUS = _labels(OutflowCase.Status.choices)


def case_rows(queryset) -> Rows:
    values = list(
        queryset.values(
            "pk", "reference", "care_provider__name", "origin", "target_group", "household_size", "support_level",
            "ready_on", "urgency", "status",
        )
    )  # fmt: skip
    url = _detail_url("placements:case_detail")
    html = format_html_join(
        "\n",
        '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
        '<td>{} <span class="muted">({})</span></td><td>{}</td>'
        '<td><span class="status status-{}">{}</span></td></tr>',
        (
            (
                url(c["pk"]),
                c["reference"],
                c["care_provider__name"],
                CASE_ORIGIN.get(c["origin"], c["origin"]),
                CASE_TARGET_GROUP.get(c["target_group"], c["target_group"]),
                c["household_size"],
                CASE_SUPPORT_LEVEL.get(c["support_level"], c["support_level"]),
                short_date(c["ready_on"]),
                timesince(c["ready_on"]),
                CASE_URGENCY.get(c["urgency"], c["urgency"]),
                c["status"],
                CASE_STATUS.get(c["status"], c["status"]),
            )  # fmt: skip
            for c in values
        ),
    )
    return Rows(html, values)


PLACEMENT_STATUS = _labels(Placement.Status.choices)


def placement_rows(queryset) -> Rows:
    values = list(
        queryset.values(
            "pk", "case__reference", "dwelling__street", "dwelling__house_number", "dwelling__house_number_addition",
            "dwelling__place", "dwelling__corporation__name", "proposed_at", "status", "override_reason",
        )
    )  # fmt: skip
    override_note = format_html(' <span class="muted">({})</span>', _("afwijking spreiding"))
    url = _detail_url("placements:placement_detail")
    html = format_html_join(
        "\n",
        '<tr><td><a href="{}">{}</a></td><td>{} {}{}, {}</td><td>{}</td>'
        '<td>{} <span class="muted">({})</span></td>'
        '<td><span class="status status-{}">{}</span>{}</td></tr>',
        (
            (
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
                PLACEMENT_STATUS.get(p["status"], p["status"]),
                override_note if p["override_reason"] else "",
            )  # fmt: skip
            for p in values
        ),
    )
    return Rows(html, values)

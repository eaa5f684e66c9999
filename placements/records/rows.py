"""The rows of the homes and clients lists (see `placements.lists.rows` for how rows are rendered)."""

from django.core.paginator import Page
from django.utils.formats import get_format
from django.utils.timezone import localdate

from placements.lists.rows import Rows, addition, detail_url, euros, month_names, short_date, table
from placements.models import Dwelling, OutflowCase, waiting_time
from regions.models import ChoiceLabels

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


def dwelling_rows(page: Page) -> Rows:
    url = detail_url("placements:dwelling_detail")
    kinds, statuses, months = DWELLING_KIND.translated(), DWELLING_STATUS.translated(), month_names()
    separator = get_format("DECIMAL_SEPARATOR")
    return table(
        page,
        DWELLING_FIELDS,
        DWELLING_ROW,
        lambda d: (
            d["postcode"],
            url(d["pk"]),
            d["street"],
            d["house_number"],
            addition(d["house_number_addition"]),
            d["place"],
            d["neighbourhood__name"],
            d["neighbourhood__municipality__name"],
            d["corporation__name"],
            kinds[d["kind"]],
            d["rooms"],
            euros(d["rent_cents"], separator),
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


def case_rows(page: Page) -> Rows:
    url = detail_url("placements:case_detail")
    origins, groups, levels = CASE_ORIGIN.translated(), CASE_TARGET_GROUP.translated(), CASE_SUPPORT_LEVEL.translated()
    urgencies, statuses, months = CASE_URGENCY.translated(), CASE_STATUS.translated(), month_names()
    today = localdate()
    return table(
        page,
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

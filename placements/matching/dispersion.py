"""Dispersion figures (*spreiding*) of a neighbourhood and a building, checked against the region's rule.

What counts, for year Y (docs/figures.md, "The check at proposal time"):
- placements in a neighbourhood in Y: placements on its homes that were not declined or cancelled, dated by the
  move-in date when there is one, else by the proposal date (Amsterdam time), falling in Y;
- the rate: those placements per 1,000 social-rent homes of the neighbourhood; without a stock figure (empty
  or 0) there is no rate, and the rule's rate limit is reported as not checkable rather than divided by zero;
- active placements in a building: proposed, accepted or moved-in placements on homes with the same
  corporation and building code (*complex*).
A check looks at the figures *after* the proposal at hand, so a limit of 8 allows the 8th and refuses the 9th.
All figures for any number of homes come from two aggregate queries."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, DateField
from django.db.models.functions import Coalesce, ExtractYear, TruncDate
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from placements.models import Dwelling, Placement
from regions.models import DispersionRule

NOT_COUNTED = (Placement.Status.DECLINED, Placement.Status.CANCELLED)
THOUSAND = Decimal(1000)


@dataclass
class DispersionFigures:
    neighbourhood: str
    stock: int | None
    year: int
    placements: int  # in the neighbourhood this year, before the proposal at hand
    building_code: str
    building_active: int | None  # active placements in the building, before the proposal; None without a code
    rule: DispersionRule | None
    breaches: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def rate_after(self) -> Decimal | None:
        """Placements per 1,000 social-rent homes once this proposal counts; None without stock."""
        if not self.stock:
            return None
        return (Decimal(self.placements + 1) * THOUSAND / self.stock).quantize(Decimal("0.01"), ROUND_HALF_UP)

    @property
    def blocks(self) -> bool:
        return bool(self.breaches) and self.rule is not None and self.rule.mode == DispersionRule.Mode.BLOCK

    def snapshot(self) -> dict:
        """What is stored with a proposal, so reports can show what the coordinator saw."""
        return {
            "year": self.year,
            "neighbourhood": self.neighbourhood,
            "stock": self.stock,
            "placements_before": self.placements,
            "rate_after": str(self.rate_after) if self.rate_after is not None else None,
            "building_code": self.building_code,
            "building_active_before": self.building_active,
            "mode": self.rule.mode if self.rule else None,
            "breaches": self.breaches,
        }


def _neighbourhood_counts(neighbourhood_ids: set[int], year: int) -> dict[int, int]:
    dated = Coalesce("moved_in_on", TruncDate("proposed_at"), output_field=DateField())
    rows = (
        Placement.objects.filter(dwelling__neighbourhood_id__in=neighbourhood_ids)
        .exclude(status__in=NOT_COUNTED)
        .annotate(placed_year=ExtractYear(dated))
        .filter(placed_year=year)
        .values("dwelling__neighbourhood_id")
        .annotate(n=Count("pk"))
    )
    return {row["dwelling__neighbourhood_id"]: row["n"] for row in rows}


def _building_counts(buildings: set[tuple[int, str]]) -> dict[tuple[int, str], int]:
    if not buildings:
        return {}
    corporations = {corporation for corporation, _ in buildings}
    codes = {code for _, code in buildings}
    rows = (
        Placement.objects.active()
        .filter(dwelling__corporation_id__in=corporations, dwelling__building_code__in=codes)
        .values("dwelling__corporation_id", "dwelling__building_code")
        .annotate(n=Count("pk"))
    )
    return {(row["dwelling__corporation_id"], row["dwelling__building_code"]): row["n"] for row in rows}


def figures_for(dwellings: list[Dwelling], *, year: int) -> dict[int, DispersionFigures]:
    """Dispersion figures and rule check per home (by id). Homes must have neighbourhood__municipality loaded."""
    neighbourhood_counts = _neighbourhood_counts({d.neighbourhood_id for d in dwellings}, year)
    building_counts = _building_counts({(d.corporation_id, d.building_code) for d in dwellings if d.building_code})
    rules: dict[int, DispersionRule | None] = {}
    result = {}
    for dwelling in dwellings:
        region_id = dwelling.neighbourhood.municipality.region_id
        if region_id not in rules:
            rules[region_id] = DispersionRule.objects.applicable(region_id=region_id, year=year)
        figures = DispersionFigures(
            neighbourhood=dwelling.neighbourhood.name,
            stock=dwelling.neighbourhood.social_rent_stock,
            year=year,
            placements=neighbourhood_counts.get(dwelling.neighbourhood_id, 0),
            building_code=dwelling.building_code,
            building_active=building_counts.get((dwelling.corporation_id, dwelling.building_code), 0)
            if dwelling.building_code
            else None,
            rule=rules[region_id],
        )
        _check(figures)
        result[dwelling.pk] = figures
    return result


def check_dwelling(dwelling: Dwelling, *, year: int) -> DispersionFigures:
    return figures_for([dwelling], year=year)[dwelling.pk]


def _check(figures: DispersionFigures) -> None:
    rule = figures.rule
    if rule is None:
        figures.notes.append(_("Voor deze regio is geen spreidingsregel vastgelegd."))
        return
    after = figures.placements + 1
    if rule.max_new_per_neighbourhood is not None and after > rule.max_new_per_neighbourhood:
        figures.breaches.append(
            _("%(neighbourhood)s krijgt hiermee %(after)s plaatsingen in %(year)s; de regel staat er %(limit)s toe.")
            % {
                "neighbourhood": figures.neighbourhood,
                "after": after,
                "year": figures.year,
                "limit": rule.max_new_per_neighbourhood,
            }
        )
    if rule.max_per_thousand_stock is not None:
        if figures.rate_after is None:
            figures.notes.append(
                _(
                    "Van %(neighbourhood)s is geen aantal sociale huurwoningen bekend: de norm per 1.000 woningen kan niet worden getoetst."
                )
                % {"neighbourhood": figures.neighbourhood}
            )
        elif figures.rate_after > rule.max_per_thousand_stock:
            figures.breaches.append(
                _("Dat is %(rate)s per 1.000 sociale huurwoningen; de regel staat %(limit)s toe.")
                % {"rate": number_format(figures.rate_after, 2), "limit": number_format(rule.max_per_thousand_stock, 2)}
            )
    limit = rule.max_active_per_building
    if limit is not None and figures.building_active is not None and figures.building_active + 1 > limit:
        figures.breaches.append(
            _("Complex %(code)s krijgt hiermee %(after)s lopende plaatsingen; de regel staat er %(limit)s toe.")
            % {"code": figures.building_code, "after": figures.building_active + 1, "limit": limit}
        )

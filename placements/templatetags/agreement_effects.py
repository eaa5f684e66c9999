"""`{% with_effects agreements as rows %}`: each agreement beside what it brought about, from the stored figures.

The coordinators' agreement pages live in `regions/`, which never imports `placements/`; the realised figures live
here. Their templates load this library by name, so the dependency stays one way in the code (placements →
regions) and the pages show the same figures as the dashboard: the quota figure of the last successful run."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django import template
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext

from placements.models import MunicipalityQuotaFigure, QuotaFigure
from regions.models import Agreement

register = template.Library()


@dataclass(frozen=True)
class MunicipalityEffect:
    """What a split agreement brought about in one of its municipalities (MunicipalityQuotaFigure)."""

    municipality: str
    realised: int
    quota: int
    pro_rata: Decimal
    status: str
    status_label: str

    @property
    def text(self) -> str:
        return gettext("%(municipality)s: gerealiseerd %(realised)s van %(quota)s, naar rato %(pro_rata)s") % {
            "municipality": self.municipality,
            "realised": self.realised,
            "quota": self.quota,
            "pro_rata": floatformat(self.pro_rata, -1),
        }


@dataclass(frozen=True)
class Effect:
    realised: int
    quota: int  # the quota the run computed with; the agreement may have changed since
    pro_rata: Decimal
    status: str
    status_label: str
    as_of: datetime | None  # when the run finished
    quota_changed: bool  # the agreement's quota is no longer the one the run used
    municipalities: tuple[MunicipalityEffect, ...] = ()  # where the agreement is split, per municipality

    @property
    def text(self) -> str:
        return gettext("gerealiseerd %(realised)s van %(quota)s, naar rato %(pro_rata)s") % {
            "realised": self.realised,
            "quota": self.quota,
            "pro_rata": floatformat(self.pro_rata, -1),
        }


@register.simple_tag
def with_effects(agreements: Iterable[Agreement]) -> list[tuple[Agreement, Effect | None]]:
    """Each agreement with its effect (None: no figures stored yet) and, where it is split, its effect per
    municipality; two queries whatever the number."""
    agreements = list(agreements)
    if not agreements:
        return []
    figures = QuotaFigure.objects.filter(
        region_id__in={a.region_id for a in agreements},
        corporation_id__in={a.corporation_id for a in agreements},
        year__in={a.year for a in agreements},
    ).select_related("run")
    by_key = {(f.region_id, f.corporation_id, f.year): f for f in figures}
    per_municipality: dict[tuple[int, int, int], list[MunicipalityEffect]] = defaultdict(list)
    for part in (
        MunicipalityQuotaFigure.objects.filter(
            region_id__in={a.region_id for a in agreements},
            corporation_id__in={a.corporation_id for a in agreements},
            year__in={a.year for a in agreements},
        )
        .select_related("municipality")
        .order_by("municipality__name")
    ):
        per_municipality[(part.region_id, part.corporation_id, part.year)].append(
            MunicipalityEffect(
                municipality=part.municipality.name,
                realised=part.realised,
                quota=part.quota,
                pro_rata=part.pro_rata_target,
                status=part.status,
                status_label=part.get_status_display(),
            )
        )
    rows: list[tuple[Agreement, Effect | None]] = []
    for agreement in agreements:
        figure = by_key.get((agreement.region_id, agreement.corporation_id, agreement.year))
        effect = None
        if figure is not None:
            effect = Effect(
                realised=figure.realised,
                quota=figure.quota,
                pro_rata=figure.pro_rata_target,
                status=figure.status,
                status_label=figure.get_status_display(),
                as_of=figure.run.finished_at,
                quota_changed=figure.quota != agreement.quota,
                municipalities=tuple(
                    per_municipality.get((agreement.region_id, agreement.corporation_id, agreement.year), ())
                ),
            )
        rows.append((agreement, effect))
    return rows

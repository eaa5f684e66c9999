"""CSV downloads of the homes and clients lists (UTF-8 with BOM, `;`, formula-looking cells neutralised)."""

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.lists.csv import csv_response
from placements.models import OutflowCase


def dwellings_csv(dwellings) -> StreamingHttpResponse:
    """The homes of `dwellings` (a queryset the caller filtered by `visible_to`) as a CSV download, streamed in
    chunks of 2,000 rows."""
    header = [
        _("Adres"), _("Postcode"), _("Plaats"), _("Wijk of buurt"), _("Gemeente"), _("Corporatie"),
        _("Complex"), _("Soort"), _("Kamers"), _("Huur (€)"), _("Gelijkvloers"), _("Toegankelijk"),
        _("Gereserveerd op"), _("Beschikbaar vanaf"), _("Status"),
    ]  # fmt: skip
    rows = (
        [
            f"{d.street} {d.house_number}{'-' + d.house_number_addition if d.house_number_addition else ''}",
            d.postcode,
            d.place,
            d.neighbourhood.name,
            d.neighbourhood.municipality.name,
            d.corporation.name,
            d.building_code,
            d.get_kind_display(),
            d.rooms,
            f"{d.rent_euros:.2f}".replace(".", ","),
            _("ja") if d.ground_floor else _("nee"),
            _("ja") if d.accessible else _("nee"),
            d.reserved_on.isoformat(),
            d.available_from.isoformat(),
            d.get_status_display(),
        ]  # fmt: skip
        for d in dwellings.select_related("corporation", "neighbourhood__municipality").iterator(chunk_size=2000)
    )
    return csv_response(filename=f"woningen-{timezone.localdate().isoformat()}.csv", header=header, rows=rows)


def cases_csv(cases: list[OutflowCase]) -> StreamingHttpResponse:
    """The clients `cases` (visible to the user, preferred municipalities prefetched) as a CSV download. The caller
    writes the access-log line."""
    header = [
        _("Referentie"), _("Zorgaanbieder"), _("Regio"), _("Herkomst"), _("Doelgroep"), _("Huishouden"),
        _("Begeleiding"), _("Gelijkvloers nodig"), _("Toegankelijk nodig"), _("Min. kamers"),
        _("Voorkeursgemeenten"), _("Uitstroomklaar sinds"), _("Wachtdagen"), _("Urgentie"),
        _("Belemmeringen"), _("Status"),
    ]  # fmt: skip
    barrier_labels = dict(OutflowCase.Barrier.choices)
    today = timezone.localdate()
    rows = (
        [
            c.reference,
            c.care_provider.name,
            c.region.name,
            c.get_origin_display(),
            c.get_target_group_display(),
            c.household_size,
            c.get_support_level_display(),
            _("ja") if c.needs_ground_floor else _("nee"),
            _("ja") if c.needs_accessible else _("nee"),
            c.min_rooms,
            ", ".join(m.name for m in c.preferred_municipalities.all()),
            c.ready_on.isoformat(),
            (today - c.ready_on).days,
            c.get_urgency_display(),
            ", ".join(str(barrier_labels.get(b, b)) for b in c.barriers),
            c.get_status_display(),
        ]  # fmt: skip
        for c in cases
    )
    return csv_response(filename=f"clienten-{today.isoformat()}.csv", header=header, rows=rows)

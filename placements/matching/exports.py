"""CSV download of the placements list (UTF-8 with BOM, `;`, formula-looking cells neutralised)."""

from django.http import StreamingHttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from placements.lists.csv import csv_response
from placements.models import Placement


def placements_csv(placements: list[Placement]) -> StreamingHttpResponse:
    """The placements `placements` (visible to the user, home, corporation and client selected) as a CSV download.
    Of a client only the reference, household size and support level, which every reader of a placement may see;
    no free-text note (regions.need_to_know). The caller writes the access-log line."""
    header = [
        _("Referentie cliënt"), _("Huishouden"), _("Begeleiding"), _("Adres"), _("Postcode"), _("Plaats"),
        _("Corporatie"), _("Voorgedragen op"), _("Status"), _("Besloten op"), _("Reden afwijzing"),
        _("Afgewezen door"), _("Sleuteloverdracht op"), _("Nazorg afgerond / terugval op"),
    ]  # fmt: skip

    def day(moment):
        return timezone.localtime(moment).date().isoformat() if moment else ""

    rows = (
        [
            p.case.reference,
            p.case.household_size,
            p.case.get_support_level_display(),
            f"{p.dwelling.street} {p.dwelling.house_number}"
            f"{'-' + p.dwelling.house_number_addition if p.dwelling.house_number_addition else ''}",
            p.dwelling.postcode,
            p.dwelling.place,
            p.dwelling.corporation.name,
            day(p.proposed_at),
            p.get_status_display(),
            day(p.decided_at),
            p.get_decline_reason_display(),
            p.get_declined_by_display(),
            p.moved_in_on.isoformat() if p.moved_in_on else "",
            p.ended_on.isoformat() if p.ended_on else "",
        ]  # fmt: skip
        for p in placements
    )
    return csv_response(filename=f"voordrachten-{timezone.localdate().isoformat()}.csv", header=header, rows=rows)

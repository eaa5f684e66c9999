"""The table rows of the homes, clients and placements lists, rendered in Python.

A list page shows 25 rows of about ten values each; rendered by the template engine those rows cost more than
the rest of the page together (bench/RESULTS.md, "Page latency"). Here each row is one `format_html` call:
the same markup, every value escaped, labels and dates in the active language. The page template places the
result inside its `<tbody>`; what a row shows is changed here."""

from django.urls import reverse
from django.utils.dateformat import format as format_date
from django.utils.formats import number_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.timesince import timesince
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

DATE = "j b Y"


def _detail_url(url_name: str):
    """`reverse` once per page: the detail URL of every row differs only in the key at its end."""
    marker = 2147483647
    template = reverse(url_name, args=[marker])
    prefix, _, suffix = template.partition(str(marker))
    return lambda pk: f"{prefix}{pk}{suffix}"


def _addition(dwelling) -> str:
    return f"-{dwelling.house_number_addition}" if dwelling.house_number_addition else ""


def dwelling_rows(dwellings) -> SafeString:
    url = _detail_url("placements:dwelling_detail")
    return format_html_join(
        "\n",
        '<tr><td>{}</td><td><a href="{}">{} {}{}</a>, {}</td><td>{} <span class="muted">({})</span></td><td>{}</td>'
        "<td>{}</td><td>{}</td><td>€&nbsp;{}</td><td>{}</td>"
        '<td><span class="status status-{}">{}</span></td></tr>',
        (
            (
                d.postcode,
                url(d.pk),
                d.street,
                d.house_number,
                _addition(d),
                d.place,
                d.neighbourhood.name,
                d.neighbourhood.municipality.name,
                d.corporation.name,
                d.get_kind_display(),
                d.rooms,
                number_format(d.rent_euros, 2),
                format_date(d.available_from, DATE),
                d.status,
                d.get_status_display(),
            )
            for d in dwellings
        ),
    )


def case_rows(cases) -> SafeString:
    url = _detail_url("placements:case_detail")
    return format_html_join(
        "\n",
        '<tr><td><a href="{}">{}</a></td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td>'
        '<td>{} <span class="muted">({})</span></td><td>{}</td>'
        '<td><span class="status status-{}">{}</span></td></tr>',
        (
            (
                url(c.pk),
                c.reference,
                c.care_provider.name,
                c.get_origin_display(),
                c.get_target_group_display(),
                c.household_size,
                c.get_support_level_display(),
                format_date(c.ready_on, DATE),
                timesince(c.ready_on),
                c.get_urgency_display(),
                c.status,
                c.get_status_display(),
            )
            for c in cases
        ),
    )


def placement_rows(placements) -> SafeString:
    override_note = _("afwijking spreiding")
    url = _detail_url("placements:placement_detail")
    return format_html_join(
        "\n",
        '<tr><td><a href="{}">{}</a></td><td>{} {}{}, {}</td><td>{}</td>'
        '<td>{} <span class="muted">({})</span></td>'
        '<td><span class="status status-{}">{}</span>{}</td></tr>',
        (
            (
                url(p.pk),
                p.case.reference,
                p.dwelling.street,
                p.dwelling.house_number,
                _addition(p.dwelling),
                p.dwelling.place,
                p.dwelling.corporation.name,
                format_date(localtime(p.proposed_at), DATE),
                timesince(p.proposed_at),
                p.status,
                p.get_status_display(),
                format_html(' <span class="muted">({})</span>', override_note) if p.override_reason else "",
            )
            for p in placements
        ),
    )

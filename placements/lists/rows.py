"""Table rows of the list pages, rendered in Python: the machinery that the homes, clients and placements lists share.

A list page shows 25 rows of about ten values each; rendered by the template engine, from model instances,
those rows cost more than the rest of the page together (docs/performance.md). Here the page's rows are read as
plain values (one query, no model instances) and each row is one `str.format` of its escaped values: the same
markup as `format_html` gives, every value escaped, labels and dates in the active language (translated once per
page, not once per cell). What a row shows is decided in the room that owns the list (`records.rows`,
`matching.rows`)."""

import html
from dataclasses import dataclass
from typing import Any, cast

from django.core.paginator import Page
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.dates import MONTHS_3
from django.utils.safestring import SafeString, mark_safe


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


def month_names() -> dict[int, str]:
    """The short month names in the active language, for `short_date`."""
    return {number: str(name) for number, name in MONTHS_3.items()}


def short_date(day, months: dict[int, str] | None = None) -> str:
    """As the template filter `date:"j b Y"`: 5 mrt 2026. Pass `month_names()` when formatting many dates."""
    return f"{day.day} {(months or MONTHS_3)[day.month]} {day.year}"


def euros(cents: int, separator: str) -> str:
    """As `number_format(cents / 100, 2)` without thousands grouping: 1234,56 (separator of the language)."""
    euros, rest = divmod(abs(cents), 100)
    return f"{'-' if cents < 0 else ''}{euros}{separator}{rest:02d}"


def detail_url(url_name: str):
    """`reverse` once per page: the detail URL of every row differs only in the key at its end."""
    marker = 2147483647
    prefix, _, suffix = reverse(url_name, args=[marker]).partition(str(marker))
    return lambda pk: f"{prefix}{pk}{suffix}"


def addition(addition: str) -> str:
    return f"-{addition}" if addition else ""


def escaped(value) -> str:
    """As Django's `conditional_escape`, without its per-call check for lazy arguments (a few hundred calls a
    page): safe HTML is kept, anything else is turned into text and escaped."""
    if hasattr(value, "__html__"):
        return value.__html__()
    return html.escape(str(value))


def page_values(page: Page, fields: tuple[str, ...]) -> list[dict]:
    """`fields` of the rows of `page` (of a Paginator over a queryset), in one query. Beyond the first page the
    offset is taken in a subquery that reads only the list's own table (its index), and the joins for the shown
    values are made for the page's rows alone: a plain OFFSET would join every skipped row too (page 30: 750
    rows)."""
    if not page.paginator.count:
        return []
    listed = cast("QuerySet[Any]", page.paginator.object_list)  # the list pages paginate querysets
    offset, end = page.start_index() - 1, page.end_index()
    if not offset:
        return list(listed.values(*fields)[:end])
    return list(listed.filter(pk__in=listed.values("pk")[offset:end]).values(*fields))


def table(page: Page, fields: tuple[str, ...], row_html: str, cells) -> Rows:
    """Read `fields` of the page's rows in one query and render each with `row_html`, filled by `cells(row)`."""
    values = page_values(page, fields)
    rendered = "\n".join(row_html.format(*map(escaped, cells(row))) for row in values)
    return Rows(mark_safe(rendered), values)  # noqa: S308 - every value went through escaped

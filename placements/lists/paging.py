"""What the homes, clients and placements lists share: paging with a cached count, sort headers, and the filter
form rendered once per access and query (docs/architecture.md, "List pages and the cache").

- The number of results is counted once per access, filters and version of the records: every saved or deleted
  home, client or placement moves the records version when its transaction commits, and a count is kept at most
  COUNT_SECONDS, so a change that does not move the version (a bulk update without signals) shows within a minute.
- The filter form is rendered once per access, language and query, then served from the cache (its option lists
  are the municipalities and organisations of the user's regions, which change rarely; a change to them moves the
  choices version, and the fragment expires after FILTER_FORM_SECONDS regardless).
- Both keys are made by `regions.access.cache_key` from the user's grants: two users whose access differs in any
  way never share an entry. Both are kept in the shared cache and, for a few seconds, in the process's own memory
  (`placements.versions.cached`), so a page viewed again asks Redis for the versions only.
- The pagination (above and below the table) is rendered once, and a page past the end shows the last page."""

from collections.abc import Callable, Sequence
from hashlib import sha256
from typing import TYPE_CHECKING, Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponseRedirect, QueryDict
from django.template.loader import get_template, render_to_string
from django.utils.functional import cached_property
from django.utils.translation import get_language

from placements import versions
from placements.audit.access_log import record_access
from placements.models import AccessLogEntry
from regions.access import cache_key

if TYPE_CHECKING:
    from django.views.generic.list import BaseListView
    from django_stubs_ext import StrOrPromise

    from placements.lists.rows import Rows

    # FilterListMixin is mixed into django-filter's FilterView, a list view: checked as one, a plain class at run time.
    _ListViewBase = BaseListView[Any]
else:
    _ListViewBase = object

FILTER_FORM_SECONDS = 5 * 60
COUNT_SECONDS = 60
UNSORTABLE = None


def bump_filter_choices_version(**_signal_kwargs: Any) -> None:
    """Receiver for changes to regions, municipalities and organisations: cached filter forms are stale."""
    versions.bump_on_commit(versions.CHOICES)


def bump_records_version(**_signal_kwargs: Any) -> None:
    """Receiver for saved and deleted homes, clients and placements: cached counts are stale."""
    versions.bump_on_commit(versions.RECORDS)


class CachedCountPaginator(Paginator):
    """A Paginator whose number of results comes from the cache under `count_key` when it is there."""

    object_list: QuerySet[Any]  # the lists page querysets

    def __init__(self, *args: Any, count_key: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        return versions.cached(self.count_key, self.object_list.count, timeout=COUNT_SECONDS)


def _query_without(request: HttpRequest, *names: str) -> QueryDict:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query


def _digest(text: str) -> str:
    return sha256(text.encode()).hexdigest()[:32]


def filter_form_key(request: HttpRequest, choices_version: int) -> str:
    """What the filter form depends on: the user's access, the choices version, language, page and query (also the
    sort order, which the form keeps in a hidden field; not the page number, which it does not show)."""
    query = _query_without(request, "page", "export").urlencode()
    return cache_key(request.user, "filter-form", choices_version, get_language(), _digest(f"{request.path}?{query}"))


def count_key(request: HttpRequest, records_version: int) -> str:
    """What a list's number of results depends on: the user's access, the records version, the page and the
    filters."""
    query = _query_without(request, "page", "order", "export").urlencode()
    return cache_key(request.user, "count", records_version, _digest(f"{request.path}?{query}"))


def sort_headers(request: HttpRequest, columns: Sequence[tuple[str | None, "StrOrPromise"]]) -> list[dict[str, Any]]:
    """Column headers for a table sorted by the `order` parameter: the first click sorts ascending, the next
    descending; other parameters are kept, the page number is dropped."""
    current = request.GET.get("order", "")
    headers = []
    for key, label in columns:
        if key is UNSORTABLE:
            headers.append({"label": label})
            continue
        query = _query_without(request, "page", "export")
        query["order"] = f"-{key}" if current == key else key
        sort = "ascending" if current == key else "descending" if current == f"-{key}" else ""
        headers.append(
            {
                "label": label,
                "url": f"?{query.urlencode()}",
                "sort": sort,
                "arrow": {"ascending": " ▲", "descending": " ▼"}.get(sort, ""),
            }
        )
    return headers


class FilterListMixin(_ListViewBase):
    """For the FilterView lists: `sort_columns` is a sequence of (order key or UNSORTABLE, label);
    `render_rows` turns the page (a Django `Page`) into the table's rows (`records.rows`, `matching.rows`)."""

    sort_columns: tuple[tuple[str | None, "StrOrPromise"], ...] = ()
    render_rows: "Callable[[Page], Rows]"
    # The value of a row that names a client: a list of client records writes an access-log line with the clients
    # it shows (NEN 7513); None for a list without client records.
    logged_reference: str | None = None

    @cached_property
    def list_versions(self) -> dict[str, int]:
        return versions.read(versions.CHOICES, versions.RECORDS)

    def refused_export(self, filterset) -> HttpResponseRedirect | None:
        """For a download: the list with the same filters, where the form says what is wrong, when a filter value
        does not validate. A download would otherwise leave that filter out and hold more than was asked for."""
        if filterset.is_valid():
            return None
        return HttpResponseRedirect(f"?{_query_without(self.request, 'export').urlencode()}")

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return CachedCountPaginator(
            queryset, per_page, orphans=orphans, allow_empty_first_page=allow_empty_first_page,
            count_key=count_key(self.request, self.list_versions[versions.RECORDS]), **kwargs,
        )  # fmt: skip

    def paginate_queryset(self, queryset, page_size):
        """As ListView's, but a page past the end (the list shrank since the link was made, or an old bookmark)
        shows the last page, and a page that is not a number the first, where ListView answers "not found"."""
        paginator = self.get_paginator(
            queryset, page_size, orphans=self.get_paginate_orphans(), allow_empty_first_page=self.get_allow_empty()
        )
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # Shown above and below the table: rendered once (without the context processors a page runs).
        context_of_pagination = {"request": self.request, **{k: context[k] for k in ("paginator", "page_obj")}}
        pagination = get_template("includes/pagination.html").render(context_of_pagination)
        filter_form = versions.cached(
            filter_form_key(self.request, self.list_versions[versions.CHOICES]),
            lambda: render_to_string("includes/filter_form.html", {"filter": context["filter"]}, self.request),
            timeout=FILTER_FORM_SECONDS,
        )
        rows = self.render_rows(context["page_obj"])
        if self.logged_reference:
            record_access(
                self.request,
                action=AccessLogEntry.Action.SEARCH,
                references=[row[self.logged_reference] for row in rows.values],
                query=self.request.GET.urlencode(),
            )
        return {
            **context,
            "filter_form": filter_form,
            "pagination": pagination,
            "rows": rows,
            "sort_headers": sort_headers(self.request, self.sort_columns),
        }

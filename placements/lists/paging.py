"""What the homes, clients and placements lists share, built for speed (bench/RESULTS.md, "Page latency"):

- the filter form is rendered once per access scope, language and query, then served from the cache (its
  option lists are the municipalities and organisations of the user's regions, which change rarely; a change
  to them moves the choices version, and the fragment expires after FILTER_FORM_SECONDS regardless);
- the number of results is counted once per access, filters and version of the records: every saved or
  deleted home, client or placement moves `records_version` when its transaction commits, and a count is
  kept at most COUNT_SECONDS, and a few seconds more in a process's memory (see below), so a change that does not
  move the version (a bulk update without signals) shows in the count within about a minute;
- both are stored under their version (`placements.versions.cached`): in the shared cache and, for a few seconds,
  in the process's own memory, so a page viewed again asks Redis only for the versions;
- the sortable column headers are built here instead of one template include per column, and the pagination
  (above and below the table) is rendered once."""

from hashlib import md5

from django.core.paginator import Paginator
from django.template.loader import get_template, render_to_string
from django.utils.functional import cached_property
from django.utils.translation import get_language

from placements import versions
from regions.access import access_for

FILTER_FORM_SECONDS = 5 * 60
COUNT_SECONDS = 60
UNSORTABLE = None


def bump_filter_choices_version(**_signal_kwargs) -> None:
    """Receiver for changes to regions, municipalities and organisations: cached filter forms are stale."""
    versions.bump_on_commit(versions.CHOICES)


def bump_records_version(**_signal_kwargs) -> None:
    """Receiver for saved and deleted homes, clients and placements: cached counts are stale."""
    versions.bump_on_commit(versions.RECORDS)


class CachedCountPaginator(Paginator):
    def __init__(self, *args, count_key: str, records_version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.count_key = count_key
        self.records_version = records_version

    @cached_property
    def count(self) -> int:
        digest = md5(self.count_key.encode(), usedforsecurity=False).hexdigest()
        # Paginator.count is a cached_property: .func is the counting itself.
        return versions.cached(
            f"count:{self.records_version}:{digest}", lambda: Paginator.count.func(self), timeout=COUNT_SECONDS
        )


def _query_without(request, *names: str):
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query


def filter_form_key(request, choices_version: int) -> str:
    """What the filter form depends on: choices version, the user's regions, language, page and query (except
    the page number, which the form does not show)."""
    query = _query_without(request, "page", "export").urlencode()
    scope = ",".join(str(region_id) for region_id in sorted(access_for(request.user).region_ids()))
    return f"{choices_version}|{scope}|{get_language()}|{request.path}|{query}"


def count_key(request) -> str:
    """What a list's number of results depends on: the page, the user's grants and the filters."""
    query = _query_without(request, "page", "order", "export").urlencode()
    grants = ";".join(f"{g.organisation_id}/{g.role}/{sorted(g.region_ids)}" for g in access_for(request.user).grants)
    return f"{request.path}|{grants}|{query}"


def sort_headers(request, columns) -> list[dict]:
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


class FilterListMixin:
    """For the FilterView lists: `sort_columns` is a sequence of (order key or UNSORTABLE, label);
    `render_rows` turns the page's objects into the table's rows (`records.rows`, `matching.rows`)."""

    sort_columns: tuple = ()
    render_rows = None

    @cached_property
    def list_versions(self) -> dict[str, int]:
        return versions.read(versions.CHOICES, versions.RECORDS)

    def get_paginator(self, queryset, per_page, orphans=0, allow_empty_first_page=True, **kwargs):
        return CachedCountPaginator(
            queryset, per_page, orphans=orphans, allow_empty_first_page=allow_empty_first_page,
            count_key=count_key(self.request), records_version=self.list_versions[versions.RECORDS], **kwargs,
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
        key = md5(
            filter_form_key(self.request, self.list_versions[versions.CHOICES]).encode(), usedforsecurity=False
        ).hexdigest()
        filter_form = versions.cached(
            f"filter-form:{key}",
            lambda: render_to_string("includes/filter_form.html", {"filter": context["filter"]}, self.request),
            timeout=FILTER_FORM_SECONDS,
        )
        return {
            **context,
            "filter_form": filter_form,
            "pagination": pagination,
            "rows": self.render_rows(context["object_list"]),
            "sort_headers": sort_headers(self.request, self.sort_columns),
        }

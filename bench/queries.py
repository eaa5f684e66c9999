"""Queries per page on the national dataset: each list page with a full page of rows and with few rows.

Usage: BENCH_DATABASE_URL=… python bench/queries.py
"""

from common import largest_region, record, setup_django, signed_in_client


def main() -> None:
    setup_django()
    from django.contrib.auth import get_user_model
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment
    from django.urls import reverse

    setup_test_environment()  # so responses carry their template context (rows shown)
    region, _clients = largest_region()
    user = get_user_model().objects.get(username=f"synth-coordinator-{region.pk:02d}")
    client = signed_in_client(user)
    pages = {
        "homes list": reverse("placements:dwelling_list"),
        "clients list": reverse("placements:case_list"),
        "placements list": reverse("placements:placement_list"),
        "dashboard": reverse("placements:dashboard_region", args=[region.pk]),
    }
    few = {
        "homes list": "?status=withdrawn&rooms=4&page=2",
        "clients list": "?q=00012",
        "placements list": "?status=accepted&older_than=22",
    }
    lines = [
        "- first view: empty cache (the list counts its results, the filter form and dashboard are rendered); "
        "again: the same page a second time (count, filter form and dashboard figures from the cache)",
        "",
    ]
    for name, url in pages.items():
        client.get(url)
        counts = []
        for suffix in ("", few.get(name)):
            if suffix is None:
                continue
            queries = []
            for clear in (True, False):
                if clear:
                    cache.clear()
                with CaptureQueriesContext(connection) as captured:
                    response = client.get(url + suffix)
                queries.append(len(captured))
            try:
                shown = str(len(response.context["object_list"]))
            except (KeyError, TypeError):
                shown = "-"
            counts.append(f"{queries[0]} queries at first view, {queries[1]} again, for {shown} rows")
        lines.append(f"- {name}: " + "; ".join(counts))
    record("Queries per page", "BENCH_DATABASE_URL=… python bench/queries.py", lines)


if __name__ == "__main__":
    main()

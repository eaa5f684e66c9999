"""The progress report page: who may download it, in which formats, every download logged, a cached file renewed by
a new run and built once when many ask at the same moment."""

import threading

import pytest
from django.core.cache import cache
from django.urls import reverse

from placements.models import AccessLogEntry
from placements.reporting.views import cached_once
from tests.helpers import VISITORS, expected_status, run_figures

pytestmark = pytest.mark.django_db


REPORT_READERS = {"coordinator": 200, "manager": 200, "foreign_coordinator": 200}


@pytest.mark.parametrize("visitor", VISITORS)
def test_only_coordinators_and_managers_download_the_report_of_their_region(client, users, report, world, visitor):
    if users[visitor]:
        client.force_login(users[visitor])
    params = {
        "region": world["region"].pk,
        "year": 2024,
        "first_month": 1,
        "last_month": 12,
        "separator": ";",
        "format": "xlsx",
    }
    response = client.get(reverse("placements:report"), params)
    assert response.status_code == expected_status(visitor, REPORT_READERS)
    downloaded = response.get("Content-Type", "").startswith("application/vnd.openxmlformats")
    assert downloaded == (visitor in ("coordinator", "manager"))  # another region's coordinator gets the form back
    assert AccessLogEntry.objects.filter(action="export").exists() == downloaded


def test_a_manager_downloads_all_three_formats(client, users, world, report):
    client.force_login(users["manager"])
    url = reverse("placements:report")
    base = {"region": world["region"].pk, "year": 2024, "first_month": 1, "last_month": 3, "separator": ";"}
    types = [client.get(url, {**base, "format": f})["Content-Type"] for f in ("xlsx", "pdf", "csv-Doorstroom")]
    assert types[0].startswith("application/vnd.openxmlformats") and types[1] == "application/pdf"
    assert types[2].startswith("text/csv")
    assert AccessLogEntry.objects.filter(user=users["manager"], action="export").count() == 3


def test_a_cached_download_is_renewed_by_a_new_run(client, users, world, report):
    client.force_login(users["manager"])
    params = {
        "region": world["region"].pk,
        "year": 2024,
        "first_month": 1,
        "last_month": 12,
        "separator": ";",
        "format": "csv-Contingent",
    }
    first = client.get(reverse("placements:report"), params).content
    assert client.get(reverse("placements:report"), params).content == first
    world["c"].name = "Corporatie C hernoemd"
    world["c"].save()
    run_figures()
    assert b"Corporatie C hernoemd" in client.get(reverse("placements:report"), params).content
    assert AccessLogEntry.objects.filter(action="export").count() == 3  # every download is logged, cached or not


def test_simultaneous_requests_for_the_same_file_build_it_once():
    cache.delete("report:test")
    built, barrier = [], threading.Barrier(6)

    def build():
        built.append(1)
        threading.Event().wait(0.3)  # a slow generation, so the others arrive while it runs
        return b"file", "2026"

    def ask(results):
        barrier.wait(timeout=10)
        results.append(cached_once("report:test", build))

    results = []
    threads = [threading.Thread(target=ask, args=(results,)) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=20)
    assert results == [(b"file", "2026")] * 6
    assert len(built) == 1


def test_a_download_comes_in_the_language_the_reader_chose(client, users, world, report):
    """A cached file is kept per language: after a Dutch download, the English one has English headers."""
    client.force_login(users["manager"])
    params = {"region": world["region"].pk, "year": 2024, "first_month": 1, "last_month": 12, "separator": ";"}
    dutch = client.get(reverse("placements:report"), {**params, "format": "csv-Contingent"}).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    english = client.get(reverse("placements:report"), {**params, "format": "csv-Contingent"}).content.decode()
    assert dutch.splitlines()[0].lstrip("\ufeff").startswith("Corporatie")
    assert english.splitlines()[0].lstrip("\ufeff").startswith("Corporation")


def test_with_the_cache_down_a_file_is_built_at_once_instead_of_waiting_for_a_lock(redis_down, monkeypatch):
    def no_waiting(seconds):
        raise AssertionError("waited for a lock the cache could not hold")

    monkeypatch.setattr("placements.reporting.views.time.sleep", no_waiting)
    assert cached_once("report:test", lambda: (b"file", "2026")) == (b"file", "2026")

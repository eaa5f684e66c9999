"""The number of results of a list, counted once per access, filters and version of the records and kept in the
shared cache and for a few seconds in the process: it follows a committed change, and is never shared between scopes."""

import re

import pytest
from django.core.cache import caches
from django.urls import reverse

from placements import versions
from tests.factories import DwellingFactory

pytestmark = pytest.mark.django_db


def result_count(client, url, **params) -> int:
    html = client.get(url, params).content.decode()
    return int(re.search(r"(\d+) resulta", html).group(1))


def test_the_count_follows_a_new_home_as_soon_as_it_is_committed(
    client, users, party, neighbourhood, django_capture_on_commit_callbacks
):
    """The count of results is cached; a saved home moves it once its transaction commits."""
    DwellingFactory.create_batch(3, corporation=party.corporation, neighbourhood=neighbourhood)
    client.force_login(users["coordinator"])
    url = reverse("placements:dwelling_list")
    assert result_count(client, url) == 3
    assert result_count(client, url, page=1, order="rooms") == 3
    with django_capture_on_commit_callbacks(execute=True):
        DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood)
    assert result_count(client, url) == 4


def test_a_list_viewed_again_takes_its_count_and_filter_form_from_the_process(client, users, dwelling, monkeypatch):
    """Entries stored under a version never change, so each process keeps them for a few seconds
    (placements.versions.cached): viewed again, the page asks the shared cache (Redis) for the versions and the
    session, not for the count or the form; once the process's copy is gone, it asks again."""
    client.force_login(users["coordinator"])
    url = reverse("placements:dwelling_list")
    first = client.get(url).content.decode()
    shared, asked = caches["default"], []
    get = shared.get
    monkeypatch.setattr(shared, "get", lambda key, *args, **kwargs: asked.append(key) or get(key, *args, **kwargs))
    again = client.get(url).content.decode()
    assert "1 resultaat" in again and again.count('name="rooms"') == first.count('name="rooms"') == 1
    assert not [key for key in asked if ":count:" in key or ":filter-form:" in key]
    caches["local"].clear()
    client.get(url)
    assert [key for key in asked if ":count:" in key] and [key for key in asked if ":filter-form:" in key]


def test_a_count_is_made_anew_when_the_shared_cache_lost_its_versions(client, users, party, neighbourhood):
    """A restarted Redis has no version counters; they start again at a number that no process holds entries
    under, so a count made before is not taken for the new one."""
    DwellingFactory.create_batch(2, corporation=party.corporation, neighbourhood=neighbourhood)
    client.force_login(users["coordinator"])
    url = reverse("placements:dwelling_list")
    assert result_count(client, url) == 2
    DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood)  # not committed: no new version
    assert result_count(client, url) == 2
    caches["default"].delete_many([versions.RECORDS, versions.CHOICES])
    assert result_count(client, url) == 3


def test_counts_are_not_shared_between_organisations(client, users, dwelling, other_dwelling, party, neighbourhood):
    DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood)
    url = reverse("placements:dwelling_list")
    client.force_login(users["corporation_a"])
    assert result_count(client, url) == 2
    client.force_login(users["corporation_b"])
    assert result_count(client, url) == 1
    client.force_login(users["coordinator"])
    assert result_count(client, url) == 3
    assert result_count(client, url, status="withdrawn") == 0

"""Cached counts, filter forms and figure fragments are kept per access: two users whose grants differ in any way
(organisation, role, or one membership more) never read each other's entry; two users with the same grants do
share it. Keys are recorded as the pages ask the cache for them."""

import pytest
from django.core.cache import caches
from django.urls import reverse

from regions.models import Membership
from tests.factories import MembershipFactory, UserFactory

Role = Membership.Role
SCOPED = "scoped:"
# Keys that are made from data, not from a user: version counters, a region's runs, run log (and its HTML) and years (read after
# the view checked access), and sessions. Anything else a page caches must be scoped.
DATA_KEYED = (
    "filters:choices-version", "lists:records-version", "figures:version", "figure-runs:", "figure-run-log:",
    "figure-run-log-html:",
    "figure-years:",
)  # fmt: skip
SESSIONS = "django.contrib.sessions"
# Scoped and per person besides (the unread count in the header): never shared, not even by colleagues.
PERSONAL = ":notifications-unread:"


@pytest.fixture
def cache_keys(monkeypatch):
    """The keys each request reads or writes, recorded on the shared cache and on the process's own."""
    seen: list[str] = []
    for backend in (caches["default"], caches["local"]):
        for name in ("get", "set", "add", "get_or_set"):
            original = getattr(backend, name)

            def spy(key, *args, _original=original, **kwargs):
                seen.append(key)
                return _original(key, *args, **kwargs)

            monkeypatch.setattr(backend, name, spy)
    return seen


def all_keys_of(client, cache_keys, user, url) -> set[str]:
    client.force_login(user)
    cache_keys.clear()
    assert client.get(url).status_code == 200
    client.logout()
    return set(cache_keys)


def keys_of(client, cache_keys, user, url) -> set[str]:
    return {key for key in all_keys_of(client, cache_keys, user, url) if key.startswith(SCOPED)}


def with_extra_membership(user, organisation, role):
    MembershipFactory(user=user, organisation=organisation, role=role)
    return user


PAGES = {
    "homes": lambda party: reverse("placements:dwelling_list"),
    "clients": lambda party: reverse("placements:case_list"),
    "placements": lambda party: reverse("placements:placement_list"),
    "dashboard": lambda party: reverse("placements:dashboard_region", args=[party.region.pk]),
}

# (page, first user, second user): users who may both open the page but whose grants differ.
DIFFERING = [
    ("homes", "corporation_a", "corporation_b"),  # organisation
    ("homes", "coordinator", "corporation_a"),  # role and organisation
    ("clients", "care_worker_c", "care_worker_d"),
    ("clients", "care_worker_c", "care_worker_c+d"),  # one membership more
    ("placements", "coordinator", "care_worker_c"),
    ("dashboard", "coordinator", "manager"),  # same organisation, other role
]


@pytest.fixture
def cast(users, party):
    both = UserFactory(username="begeleider-c-en-d")
    MembershipFactory(user=both, organisation=party.care_provider, role=Role.CARE_WORKER)
    return {**users, "care_worker_c+d": with_extra_membership(both, party.other_care_provider, Role.CARE_WORKER)}


@pytest.mark.parametrize(("page", "first", "second"), DIFFERING)
def test_users_whose_access_differs_never_share_a_cached_entry(client, cache_keys, cast, party, page, first, second):
    url = PAGES[page](party)
    first_keys = keys_of(client, cache_keys, cast[first], url)
    second_keys = keys_of(client, cache_keys, cast[second], url)
    assert first_keys and second_keys
    assert not first_keys & second_keys


@pytest.mark.parametrize("page", ["homes", "placements"])
def test_colleagues_with_the_same_grants_share_the_cached_entries(client, cache_keys, users, party, page):
    colleague = MembershipFactory(organisation=party.corporation, role=Role.CORPORATION_STAFF).user
    url = PAGES[page](party)
    shared = lambda user: {k for k in keys_of(client, cache_keys, user, url) if PERSONAL not in k}  # noqa: E731
    assert shared(users["corporation_a"]) == shared(colleague)


@pytest.mark.parametrize(("page", "reader"), [
    ("homes", "corporation_a"), ("clients", "care_worker_c"), ("placements", "coordinator"), ("dashboard", "manager")
])  # fmt: skip
def test_every_cached_part_of_a_page_is_scoped_or_made_from_data_alone(client, cache_keys, cast, party, page, reader):
    """A key assembled by hand from what a user may see would escape the tests above; it fails here."""
    keys = all_keys_of(client, cache_keys, cast[reader], PAGES[page](party))
    assert {key for key in keys if not key.startswith((SCOPED, SESSIONS, *DATA_KEYED))} == set()

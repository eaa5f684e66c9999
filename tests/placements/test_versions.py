"""The version counters in the shared cache (placements/versions.py) under which cached counts and forms are stored."""

from django.core.cache import caches

from placements import versions
from tests.conftest import redis_cache


def test_a_lost_version_counter_starts_again_above_the_numbers_it_had():
    """Whether the first call after Redis lost a counter reads it or moves it (a save), the number is new."""
    for first_call in (versions.read, versions.bump):
        before = versions.read(versions.RECORDS)[versions.RECORDS]
        caches["default"].delete(versions.RECORDS)
        first_call(versions.RECORDS)
        assert versions.read(versions.RECORDS)[versions.RECORDS] > before


def test_with_the_shared_cache_down_every_read_is_a_version_nobody_stored_under(redis_down):
    first = versions.read(versions.CHOICES, versions.RECORDS)
    second = versions.read(versions.CHOICES, versions.RECORDS)
    numbers = [*first.values(), *second.values()]
    assert all(number < 0 for number in numbers)  # counters start at the clock and only go up
    assert len(set(numbers)) == len(numbers)


def test_a_change_made_while_the_shared_cache_was_down_moves_the_version_once_it_answers(settings):
    working = settings.CACHES
    before = versions.read(versions.RECORDS)[versions.RECORDS]
    settings.CACHES = {**working, "default": redis_cache("redis://127.0.0.1:1/0")}
    versions.bump(versions.RECORDS)
    settings.CACHES = working
    assert versions.read(versions.RECORDS)[versions.RECORDS] > before


def test_what_is_made_while_the_shared_cache_is_down_is_never_served_again(redis_down):
    made = []
    for _ in range(2):
        key = f"count:{versions.read(versions.RECORDS)[versions.RECORDS]}"
        versions.cached(key, lambda: made.append(1) or len(made), timeout=60)
    assert len(made) == 2

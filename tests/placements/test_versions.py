"""The version counters in the shared cache (placements/versions.py) under which cached counts and forms are stored."""

from django.core.cache import caches

from placements import versions


def test_a_lost_version_counter_starts_again_above_the_numbers_it_had():
    """Whether the first call after Redis lost a counter reads it or moves it (a save), the number is new."""
    for first_call in (versions.read, versions.bump):
        before = versions.read(versions.RECORDS)[versions.RECORDS]
        caches["default"].delete(versions.RECORDS)
        first_call(versions.RECORDS)
        assert versions.read(versions.RECORDS)[versions.RECORDS] > before

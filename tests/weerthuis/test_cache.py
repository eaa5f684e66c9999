"""The shared cache's Redis client (weerthuis/cache.py): after Redis failed to answer, the process leaves it alone
for a few seconds instead of waiting for every command's timeout."""

import logging

import pytest
import redis
from django.core.cache import caches

from weerthuis import cache as short_circuit


@pytest.fixture(autouse=True)
def fresh_window():
    short_circuit.reset()
    yield
    short_circuit.reset()


def test_after_one_failure_commands_are_skipped_until_the_window_has_passed(monkeypatch):
    now = [1000.0]
    monkeypatch.setattr(short_circuit, "monotonic", lambda: now[0])
    client = short_circuit.ShortCircuitRedis.from_url("redis://127.0.0.1:1/0")
    with pytest.raises(redis.ConnectionError) as first:
        client.get("a")
    assert not isinstance(first.value, short_circuit.SkippedWhileDown)
    with pytest.raises(short_circuit.SkippedWhileDown):
        client.get("a")
    now[0] += short_circuit.RETRY_SECONDS
    with pytest.raises(redis.ConnectionError) as asked_again:
        client.get("a")
    assert not isinstance(asked_again.value, short_circuit.SkippedWhileDown)


def test_a_redis_that_failed_does_not_stop_the_process_asking_another():
    with pytest.raises(redis.ConnectionError):
        short_circuit.ShortCircuitRedis.from_url("redis://127.0.0.1:1/0").get("a")
    with pytest.raises(redis.ConnectionError) as other:
        short_circuit.ShortCircuitRedis.from_url("redis://127.0.0.1:2/0").get("a")
    assert not isinstance(other.value, short_circuit.SkippedWhileDown)


def test_the_log_shows_the_error_redis_gave_not_each_skipped_command(redis_down, caplog):
    cache = caches["default"]
    with caplog.at_level(logging.ERROR, logger="django_redis.cache"):
        for _ in range(5):
            assert cache.get("anything") is None
    ignored = [record for record in caplog.records if record.name == "django_redis.cache"]
    assert len(ignored) == 1
    assert "Connection refused" in str(ignored[0].exc_info[1].__cause__)

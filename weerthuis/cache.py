"""The shared cache's Redis client: once Redis has failed to answer, this process leaves it alone for a few seconds.

With IGNORE_EXCEPTIONS (settings.CACHES) django-redis turns an unreachable Redis into a cache miss, but each miss
still waits up to the connect or read timeout. A page asks the cache several times (session, versions, a count, a
filter form), so a frozen Redis would cost every request that many timeouts. After a connection error or a
timeout, this client fails at once for RETRY_SECONDS: a request pays one timeout at most, and the process asks
Redis again when the window has passed.

Only commands sent one at a time pass here (all the cache uses but `set_many`, which goes through a pipeline).
"""

import logging
from time import monotonic

import redis

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0

# Per Redis server (host and port, or socket path), the moment this process may ask it again.
_down_until: dict[tuple, float] = {}


class SkippedWhileDown(redis.ConnectionError):
    """Not sent: this Redis failed to answer less than RETRY_SECONDS ago."""


class ShortCircuitRedis(redis.Redis):
    """redis-py's client (django-redis OPTIONS["REDIS_CLIENT_CLASS"]) that stops asking a Redis that failed."""

    def execute_command(self, *args, **options):
        kwargs = self.connection_pool.connection_kwargs
        server = (kwargs.get("host"), kwargs.get("port"), kwargs.get("path"))
        if monotonic() < _down_until.get(server, 0.0):
            raise SkippedWhileDown(f"Redis did not answer less than {RETRY_SECONDS:g} s ago")
        try:
            return super().execute_command(*args, **options)
        except (redis.ConnectionError, redis.TimeoutError) as error:
            _down_until[server] = monotonic() + RETRY_SECONDS
            logger.warning("Redis did not answer (%s): the cache skips it for %g s", error, RETRY_SECONDS)
            raise
        except redis.InvalidResponse as error:
            # Something that is not Redis answers at that address (a misconfigured URL, a proxy's error page):
            # as good as down, and raised as a connection error so that the cache counts it as a miss.
            _down_until[server] = monotonic() + RETRY_SECONDS
            logger.warning("Not Redis at the cache's address (%s): the cache skips it for %g s", error, RETRY_SECONDS)
            raise redis.ConnectionError(str(error)) from error


def reset() -> None:
    """Ask every Redis again at the next command (for tests)."""
    _down_until.clear()


class DropSkipped(logging.Filter):
    """Keeps django-redis's log of ignored errors to the real ones: a skipped command is not news."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not isinstance(getattr(error, "__cause__", None), SkippedWhileDown)

import logging
from urllib.parse import urlsplit

import redis
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection, transaction
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from placements.audit.access_log import record_access
from placements.models import AccessLogEntry
from placements.notifications.worklist import worklist
from regions.access import visible_regions
from regions.models import Membership
from weerthuis.tasks import HEARTBEAT_CACHE_KEY

logger = logging.getLogger(__name__)


@login_required
def home(request):
    """Where everyone starts after logging in: the work that waits for this person per role (a work list, each
    item linking to its step), then their organisations, roles and regions."""
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation")
        .prefetch_related("organisation__regions")
        .order_by("organisation__name", "role")
    )
    regions = visible_regions(request.user).select_related("centre_municipality")
    work = worklist(request.user, today=timezone.localdate())
    if work["references"]:  # the work list shows clients: logged as a list read (NEN 7513)
        record_access(request, action=AccessLogEntry.Action.SEARCH, references=work["references"])
    return render(request, "weerthuis/home.html", {"memberships": memberships, "regions": regions, "work": work})


@require_safe
def accessibility(request):
    """The accessibility statement (toegankelijkheidsverklaring) in the form of the government's model statement;
    public, since anyone must be able to read it and report a problem, also before signing in."""
    return render(request, "weerthuis/accessibility.html")


# What a dependency's check may say without making the application unhealthy.
HEALTHY = {"ok", "not configured", "eager", "not checked"}


def _database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception:  # any failure means "not healthy"; the details go to the log, not the response
        logger.exception("health check: database unreachable")
        return "error"
    return "ok"


def _redis(url: str) -> str:
    """PING with the request's short timeouts; the cache itself would only answer a miss (IGNORE_EXCEPTIONS)."""
    timeout = settings.REDIS_TIMEOUT_SECONDS
    client = redis.Redis.from_url(url, socket_connect_timeout=timeout, socket_timeout=timeout)
    try:
        client.ping()
    except (redis.RedisError, OSError) as error:
        logger.warning(
            "health check: Redis at %s did not answer: %s", client.get_connection_kwargs().get("host"), error
        )
        return "error"
    finally:
        client.close()
    return "ok"


def dependencies() -> dict[str, str]:
    """Each dependency of the web application: "ok", "error", or how it runs without one."""
    cache_url = settings.CACHES["default"]["LOCATION"] if "redis" in settings.CACHES["default"]["BACKEND"] else ""
    broker_url = settings.CELERY_BROKER_URL
    found = {"database": _database(), "cache": _redis(cache_url) if cache_url else "not configured"}
    if settings.CELERY_TASK_ALWAYS_EAGER or not broker_url:
        found["broker"] = "eager"
    elif not broker_url.startswith(("redis://", "rediss://")):
        found["broker"] = "not checked"
    else:
        # One Redis for both (the usual set-up) is asked once.
        found["broker"] = found["cache"] if _same_server(broker_url, cache_url) else _redis(broker_url)
    return found


def _same_server(one: str, other: str) -> bool:
    return bool(other) and urlsplit(one).netloc == urlsplit(other).netloc


@never_cache
@require_safe  # GET, and HEAD for load balancers that probe with it
@transaction.non_atomic_requests  # the request's transaction would need the database before the check could run
def health(request):
    """For load balancers, compose and monitoring: which dependency is down, when did a worker last run?

    503 when any configured dependency does not answer, naming it; 200 when all do. `?alleen=database` asks
    about the database only: the container's own health check uses it, since without Redis the site still
    serves every page (a little slower) and restarting the web container would not bring Redis back.
    Says nothing about the data itself.
    """
    database_only = request.GET.get("alleen") == "database"
    found = {"database": _database()} if database_only else dependencies()
    status = 200 if all(state in HEALTHY for state in found.values()) else 503
    # The database-only check must not touch Redis; a cache that just failed its check would make it wait too.
    beat = (cache.get(HEARTBEAT_CACHE_KEY) if found.get("cache") in ("ok", "not configured") else None) or {}
    return JsonResponse({**found, "worker_heartbeat": beat.get("at")}, status=status)


def not_offered(request: HttpRequest) -> HttpResponse:
    """A page a library offers that this application does not (see weerthuis/urls.py): 404."""
    raise Http404

import logging

from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from regions.access import visible_regions
from regions.models import Membership
from weerthuis.tasks import HEARTBEAT_CACHE_KEY

logger = logging.getLogger(__name__)


@login_required
def home(request):
    """The user's organisations, roles and regions: where everyone starts after logging in."""
    memberships = (
        Membership.objects.filter(user=request.user)
        .select_related("organisation")
        .prefetch_related("organisation__regions")
        .order_by("organisation__name", "role")
    )
    regions = visible_regions(request.user).select_related("centre_municipality")
    return render(request, "weerthuis/home.html", {"memberships": memberships, "regions": regions})


@never_cache
@require_GET
def health(request):
    """For load balancers and compose health checks: is the database reachable, when did a worker last run?

    Says nothing about the data itself.
    """
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        database = "ok"
    except Exception:  # any failure means "not healthy"; the details go to the log, not the response
        logger.exception("health check: database unreachable")
        database = "error"
    beat = cache.get(HEARTBEAT_CACHE_KEY) or {}
    status = 200 if database == "ok" else 503
    return JsonResponse({"database": database, "worker_heartbeat": beat.get("at")}, status=status)

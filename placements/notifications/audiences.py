"""Who is told of each kind of notification (`AUDIENCES`), and the cache key of a person's unread count: shared by
the notifications of steps (services.notify) and the timed ones (overdue), which import nothing else of each other."""

from typing import TYPE_CHECKING

from placements.models import NotificationKind
from regions.access import cache_key

if TYPE_CHECKING:
    from django.contrib.auth.models import User

Kind = NotificationKind

# Who acts next, per kind: the home's corporation, the client's care provider (care workers), the region's
# coordinators. The actor's colleagues in the same role are told too: they share the work.
CORPORATION, CARE, COORDINATION = "corporation", "care", "coordination"
AUDIENCES: dict[str, frozenset[str]] = {
    # The corporation decides; the care worker prepares the client (and may decline for them).
    Kind.PROPOSED: frozenset({CORPORATION, CARE}),
    Kind.ACCEPTED: frozenset({CARE, COORDINATION}),
    Kind.DECLINED: frozenset({CARE, COORDINATION}),
    Kind.CLIENT_DECLINED: frozenset({CORPORATION, CARE, COORDINATION}),
    Kind.CANCELLED: frozenset({CORPORATION, CARE, COORDINATION}),
    # Everyone who prepares the move: the care worker and the client, the corporation's colleagues, the coordinator.
    Kind.KEYS_PLANNED: frozenset({CORPORATION, CARE, COORDINATION}),
    Kind.MOVED_IN: frozenset({CARE, COORDINATION}),
    Kind.AFTERCARE_ENDED: frozenset({CARE, COORDINATION}),
    Kind.RELAPSE: frozenset({CARE, COORDINATION}),
    Kind.URGENCY_REQUESTED: frozenset({COORDINATION}),
    Kind.URGENCY_DECIDED: frozenset({CARE}),
    # Timed (placements.notifications.overdue): nobody took a step, so nobody is left out as the actor.
    Kind.STALLED: frozenset({CORPORATION, COORDINATION}),
    Kind.UNUSED_HOME: frozenset({CORPORATION, COORDINATION}),
    Kind.KEYS_PENDING: frozenset({CORPORATION, CARE}),
    Kind.WAITING_LONG: frozenset({CARE, COORDINATION}),
}

UNREAD_CACHE_SECONDS = 300


def unread_cache_key(user: "User") -> str:
    """The cache key of a person's unread count: scoped by their grants (regions.access) and their own id."""
    return cache_key(user, "notifications-unread", user.pk)

"""The access log of client records: who opened, searched or exported which clients, on behalf of which
organisation. Every view that shows client records calls `record_access`."""

from collections.abc import Iterable

from placements.models import AccessLogEntry
from regions.access import access_for
from regions.models import Membership

GRANTING_ROLES = (Membership.Role.COORDINATOR, Membership.Role.CARE_WORKER)


def record_access(request, *, action: str, references: Iterable[str], query: str = "") -> AccessLogEntry:
    """Write one access-log line for the signed-in user; `references` are the clients shown or exported."""
    references = list(references)
    organisation_ids = sorted(access_for(request.user).organisation_ids(*GRANTING_ROLES))
    return AccessLogEntry.objects.create(
        user=request.user,
        organisation_id=organisation_ids[0] if organisation_ids else None,
        action=action,
        case_references=references,
        case_count=len(references),
        path=request.path[:300],
        query=query[:500],
    )

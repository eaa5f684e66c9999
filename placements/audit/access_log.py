"""The access log of client records: who opened, searched or exported which clients, on behalf of which
organisation. Every view that shows client records calls `record_access`."""

from collections.abc import Iterable

from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.db import transaction
from django.http import HttpRequest

from placements.models import AccessLogEntry, OutflowCase
from regions.access import Access, access_for
from regions.models import Membership

# The roles through which a user sees client references: coordinators and care workers the clients, corporation
# staff the pseudonyms of the clients proposed for their homes.
GRANTING_ROLES = (Membership.Role.COORDINATOR, Membership.Role.CARE_WORKER, Membership.Role.CORPORATION_STAFF)


def on_behalf_of(access: Access, case: OutflowCase | None = None) -> int | None:
    """The organisation through which the user sees the client: the client's own care provider for its care
    workers, else the coordinator's organisation that works in the client's region; for a list, the user's
    first organisation in a granting role."""
    if case is not None:
        if case.care_provider_id in access.organisation_ids(Membership.Role.CARE_WORKER):
            return case.care_provider_id
        for grant in access.grants:
            if grant.role == Membership.Role.COORDINATOR and case.region_id in grant.region_ids:
                return grant.organisation_id
    organisation_ids = sorted(access.organisation_ids(*GRANTING_ROLES))
    return organisation_ids[0] if organisation_ids else None


def record_access(
    request: HttpRequest, *, action: str, references: Iterable[str], query: str = "", case: OutflowCase | None = None
) -> AccessLogEntry:
    """Write one access-log line for the signed-in user; `references` are the clients shown or exported, `case`
    the one client a page is about (it decides on behalf of which organisation the user looked)."""
    user = request.user
    if not user.is_authenticated:  # no page shows client records to a visitor who is not signed in
        raise PermissionDenied
    if not transaction.get_connection().in_atomic_block:
        # The line must commit with the read or write it records (ATOMIC_REQUESTS); a view taken out of the
        # request transaction may not show clients.
        raise ImproperlyConfigured("record_access outside a transaction: the view must not be non_atomic_requests")
    references = list(references)
    return AccessLogEntry.objects.create(
        user=user,
        organisation_id=on_behalf_of(access_for(user), case),
        action=action,
        case_references=references,
        case_count=len(references),
        path=request.path[:300],
        query=query[:500],
    )

"""Who reads which field about a client: decided per field and role in this one table, beside `access.py` (which
decides which records a user sees at all). A page, export or history that shows one of these fields asks
`hidden_fields` first.

- Free text written about a client (the note with a decline or a withdrawn proposal, the reason to depart from
  the dispersion rule, the reason a client moved in before the ready date, the reasons to request, grant or refuse urgency) is read by the client's own care provider and the region's coordinators only. A
  corporation reads the fixed decline reason, never the note: it sees of a client the pseudonym, household size
  and support level (docs/architecture.md, "Where access is decided").
- The support arrangement after moving in is read by the corporation too: it is one of its parties (it records
  it at the key handover) and it holds no more than what support the tenancy comes with.
"""

from regions.access import Access
from regions.models import Membership

Role = Membership.Role

# "app_label.Model.field" of every field that is a free-text note about a client.
CLIENT_NOTES = frozenset(
    {
        "placements.Placement.decision_note",
        "placements.Placement.override_reason",
        "placements.Placement.early_move_reason",
        "placements.OutflowCase.urgency_reason",
        "placements.OutflowCase.urgency_decision_note",
    }
)


def reads_client_notes(access: Access, *, care_provider_id: int, region_id: int) -> bool:
    """Whether the user reads free text about a client of that care provider in that region."""
    return care_provider_id in access.organisation_ids(Role.CARE_WORKER) or region_id in access.region_ids(
        Role.COORDINATOR
    )


def hidden_fields(access: Access, model_label: str, *, care_provider_id: int, region_id: int) -> frozenset[str]:
    """The fields of `model_label` (e.g. "placements.Placement") that this user may not read for such a client."""
    if reads_client_notes(access, care_provider_id=care_provider_id, region_id=region_id):
        return frozenset()
    prefix = f"{model_label}."
    return frozenset(key.removeprefix(prefix) for key in CLIENT_NOTES if key.startswith(prefix))

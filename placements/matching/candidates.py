"""Which waiting clients fit a reserved home, and which homes fit a client (the candidate lists).

A home fits a client when: it has at least the client's minimum rooms and at most two people per room; a room
(*kamer*) only for a household of one; ground floor / accessible when the client needs it; the home's kind
suits the support level (KIND_SUPPORT); and the home lies in one of the client's preferred municipalities, if
the client has any. Clients are ordered by urgency (granted first), then by waiting time."""

from django.db.models import Case, Exists, IntegerField, OuterRef, QuerySet, Value, When

from placements.models import Dwelling, OutflowCase

Kind, Support = Dwelling.Kind, OutflowCase.SupportLevel

# Which support levels each kind of home is suitable for.
KIND_SUPPORT: dict[str, set[str]] = {
    Kind.INDEPENDENT: {Support.NONE, Support.LIGHT, Support.INTENSIVE, Support.HOUSING_FIRST},
    Kind.ROOM: {Support.NONE, Support.LIGHT, Support.INTENSIVE},
    Kind.INTERMEDIATE: {Support.LIGHT, Support.INTENSIVE},
    Kind.HOUSING_FIRST: {Support.HOUSING_FIRST},
    Kind.SKAEVE_HUSE: {Support.INTENSIVE, Support.HOUSING_FIRST},
}
PreferredThrough = OutflowCase.preferred_municipalities.through


def fitting_cases(dwelling: Dwelling) -> "QuerySet[OutflowCase]":
    """Waiting clients of the home's region that fit it, most urgent and longest waiting first."""
    municipality_id = dwelling.neighbourhood.municipality_id
    preferences = PreferredThrough.objects.filter(outflowcase_id=OuterRef("pk"))
    cases = OutflowCase.objects.filter(
        region_id=dwelling.neighbourhood.municipality.region_id,
        status=OutflowCase.Status.WAITING,
        min_rooms__lte=dwelling.rooms,
        household_size__lte=1 if dwelling.kind == Kind.ROOM else 2 * dwelling.rooms,
        support_level__in=KIND_SUPPORT[dwelling.kind],
    ).filter(
        ~Exists(preferences) | Exists(preferences.filter(municipality_id=municipality_id)),
    )
    if not dwelling.ground_floor:
        cases = cases.filter(needs_ground_floor=False)
    if not dwelling.accessible:
        cases = cases.filter(needs_accessible=False)
    return cases.select_related("care_provider").order_by(_urgency_first(), "ready_on", "reference")


def fitting_dwellings(case: OutflowCase) -> "QuerySet[Dwelling]":
    """Reserved homes in the client's region that fit the client, soonest available first."""
    kinds = [kind for kind, levels in KIND_SUPPORT.items() if case.support_level in levels]
    dwellings = Dwelling.objects.filter(
        region_id=case.region_id,
        status=Dwelling.Status.RESERVED,
        rooms__gte=case.min_rooms,
        kind__in=kinds,
    ).filter(rooms__gte=(case.household_size + 1) // 2)
    if case.household_size > 1:
        dwellings = dwellings.exclude(kind=Kind.ROOM)
    if case.needs_ground_floor:
        dwellings = dwellings.filter(ground_floor=True)
    if case.needs_accessible:
        dwellings = dwellings.filter(accessible=True)
    preferred = list(case.preferred_municipalities.values_list("pk", flat=True))
    if preferred:
        dwellings = dwellings.filter(neighbourhood__municipality_id__in=preferred)
    return dwellings.select_related("corporation", "neighbourhood__municipality").order_by(
        "available_from", "postcode", "house_number"
    )


def _urgency_first() -> Case:
    return Case(When(urgency=OutflowCase.Urgency.GRANTED, then=Value(0)), default=Value(1), output_field=IntegerField())

"""Demo homes and clients for the Zaanstreek, on top of `regions.demo`. Addresses are invented; clients are
synthetic and carry only a reference. Idempotent: the same addresses and references are updated, not added."""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from placements.matching import services
from placements.models import Dwelling, OutflowCase, ReferenceCounter
from regions.models import Municipality, Neighbourhood, Organisation, Region

# fmt: off
# (corporation, neighbourhood code, street, number, postcode, place, building, kind, rooms, rent €, ground floor)
DWELLINGS = [
    (
        "Zaanland Wonen (demo)",
        "WK047903",
        "Demostraat",
        12,
        "1500 AA",
        "Zaandam",
        "ZW-031",
        "independent",
        2,
        612,
        False,
    ),
    (
        "Zaanland Wonen (demo)",
        "WK047903",
        "Demostraat",
        14,
        "1500 AA",
        "Zaandam",
        "ZW-031",
        "independent",
        3,
        688,
        True,
    ),
    ("Zaanland Wonen (demo)", "WK047901", "Voorbeeldlaan", 3, "1500 AB", "Zaandam", "ZW-007", "room", 1, 395, False),
    ("Zaanland Wonen (demo)", "WK047904", "Proefweg", 88, "1500 AC", "Zaandam", "", "independent", 2, 655, False),
    (
        "Zaanland Wonen (demo)",
        "WK047907",
        "Oefenkade",
        5,
        "1520 AA",
        "Wormerveer",
        "ZW-112",
        "housing_first",
        2,
        590,
        True,
    ),
    ("Zaanland Wonen (demo)", "WK088001", "Testpad", 21, "1530 AA", "Wormer", "", "independent", 3, 702, False),
    (
        "Woonstichting De Meent (demo)",
        "WK047908",
        "Modelstraat",
        40,
        "1560 AA",
        "Krommenie",
        "DM-04",
        "independent",
        2,
        640,
        False,
    ),
    (
        "Woonstichting De Meent (demo)",
        "WK047908",
        "Modelstraat",
        42,
        "1560 AA",
        "Krommenie",
        "DM-04",
        "intermediate",
        1,
        450,
        True,
    ),
    (
        "Woonstichting De Meent (demo)",
        "WK047905",
        "Schetsplein",
        7,
        "1540 AA",
        "Koog aan de Zaan",
        "",
        "independent",
        4,
        735,
        False,
    ),
    (
        "Woonstichting De Meent (demo)",
        "WK043101",
        "Ontwerpdreef",
        19,
        "1510 AA",
        "Oostzaan",
        "",
        "skaeve_huse",
        1,
        420,
        True,
    ),
    # Westzaan has only 300 social-rent homes: after the demo placement on number 2, proposing number 4 breaks
    # the blocking rule of 5 per 1,000 (2 / 300 × 1,000 = 6.7) and needs the coordinator's reason.
    ("Zaanland Wonen (demo)", "WK047910", "Kerkbuurt", 2, "1551 AA", "Westzaan", "ZW-200", "independent", 2, 610, True),
    ("Zaanland Wonen (demo)", "WK047910", "Kerkbuurt", 4, "1551 AA", "Westzaan", "ZW-200", "independent", 2, 615, False),
]

# (provider, origin, target group, household, support, days ready, urgency, barriers, preferred municipality codes)
CASES = [
    ("Stichting Onderdak Zaanstreek (demo)", "mo", "adult", 1, "light", 140, "granted", ["rent_arrears"], ["GM0479"]),
    ("Stichting Onderdak Zaanstreek (demo)", "bw", "adult", 1, "intensive", 95, "requested", [], ["GM0479", "GM0880"]),
    ("Stichting Onderdak Zaanstreek (demo)", "mo", "youth", 1, "light", 40, "none", ["other_debts"], []),
    ("Stichting Onderdak Zaanstreek (demo)", "ggz", "family", 3, "light", 210, "granted", [], ["GM0479"]),
    ("Stichting Onderdak Zaanstreek (demo)", "bw", "senior", 1, "housing_first", 20, "none", ["nuisance"], ["GM0431"]),
    ("Begeleid Wonen Noord (demo)", "bw", "adult", 2, "light", 75, "none", [], ["GM0880"]),
    ("Begeleid Wonen Noord (demo)", "ggz", "adult", 1, "intensive", 300, "granted", ["eviction", "other_debts"], []),
    ("Begeleid Wonen Noord (demo)", "mo", "youth", 1, "light", 12, "requested", [], ["GM0479"]),
    ("Stichting Onderdak Zaanstreek (demo)", "bw", "adult", 1, "light", 180, "none", [], []),  # housed in Westzaan
]


def seed_dwellings() -> None:
    today = timezone.localdate()
    for i, (corp, code, street, number, postcode, place, building, kind, rooms, rent, ground) in enumerate(DWELLINGS):
        Dwelling.objects.update_or_create(
            postcode=postcode,
            house_number=number,
            house_number_addition="",
            defaults={
                "corporation": Organisation.objects.get(name=corp),
                "neighbourhood": Neighbourhood.objects.get(cbs_code=code),
                "street": street,
                "place": place,
                "building_code": building,
                "kind": kind,
                "rooms": rooms,
                "rent_cents": rent * 100,
                "ground_floor": ground,
                "reserved_on": today - timedelta(days=60 - 5 * i),
                "available_from": today + timedelta(days=7 * (i % 5)),
            },
        )


def _urgency(urgency: str, coordinator) -> dict:
    """A demo client's urgency as the pages make it: requested with a reason; granted by the coordinator."""
    fields: dict[str, object] = {"urgency": urgency, "urgency_reason": "", "urgency_decision_note": ""}
    fields |= {"urgency_decided_by": None, "urgency_decided_at": None}
    if urgency in ("requested", "granted"):
        fields["urgency_reason"] = "De opvanglocatie sluit binnenkort; de cliënt wacht al lang (demo)."
    if urgency == "granted":
        fields |= {"urgency_decision_note": "Toegekend in het regio-overleg (demo).", "urgency_decided_by": coordinator}
        fields["urgency_decided_at"] = timezone.now()
    return fields


def seed_cases(region: Region) -> None:
    today = timezone.localdate()
    coordinator = get_user_model().objects.filter(username="regisseur").first()
    for number, (provider, origin, group, size, support, days, urgency, barriers, prefs) in enumerate(CASES, 1):
        case, _ = OutflowCase.objects.update_or_create(
            reference=f"{region.code}-{today.year}-{number:04d}",
            defaults={
                "care_provider": Organisation.objects.get(name=provider),
                "region": region,
                "origin": origin,
                "target_group": group,
                "household_size": size,
                "support_level": support,
                "min_rooms": 2 if size > 2 else 1,
                "ready_on": today - timedelta(days=days),
                **_urgency(urgency, coordinator),
                "barriers": barriers,
                "needs_ground_floor": support == "housing_first",
            },
        )
        case.preferred_municipalities.set(Municipality.objects.filter(cbs_code__in=prefs))
    # New registrations continue after the demo references.
    ReferenceCounter.objects.update_or_create(
        region=region, year=today.year, defaults={"last": max(len(CASES), _last(region, today.year))}
    )


def _last(region: Region, year: int) -> int:
    counter = ReferenceCounter.objects.filter(region=region, year=year).first()
    return counter.last if counter else 0


def seed_placement(region: Region) -> None:
    """One client housed in Westzaan, through the real services, so the demo shows a complete placement and a
    dispersion rule that blocks the next proposal in the same neighbourhood."""
    home = Dwelling.objects.get(postcode="1551 AA", house_number=2, house_number_addition="")
    if home.placements.exists():
        return
    users = get_user_model().objects.in_bulk(["regisseur", "corporatie"], field_name="username")
    case = OutflowCase.objects.get(reference=f"{region.code}-{timezone.localdate().year}-{len(CASES):04d}")
    placement = services.propose_placement(dwelling_id=home.pk, case_id=case.pk, by=users["regisseur"])
    services.accept_placement(placement_id=placement.pk, by=users["corporatie"])
    services.hand_over_keys(
        placement_id=placement.pk,
        by=users["corporatie"],
        moved_in_on=timezone.localdate(),
        support_arrangement="Ambulante begeleiding, wekelijks huisbezoek (demo)",
    )

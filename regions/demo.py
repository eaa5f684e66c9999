"""Demo data for the regions app: the Zaanstreek, its parties, agreements, a dispersion rule and one demo user
per role. Used by `manage.py seed_demo` (in placements, which adds homes and clients).

Idempotent: running it again updates the same rows and resets the demo passwords.
The neighbourhood codes, names and social-rent stock figures are illustrative, not CBS statistics; the
organisations are fictional and carry "(demo)" in their names.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.utils import timezone

from regions.models import (
    Agreement,
    DispersionRule,
    Membership,
    Municipality,
    MunicipalityQuota,
    Neighbourhood,
    Organisation,
    Region,
)

DEMO_PASSWORD = "weerthuis-demo"
STOCK_YEAR = 2025

MUNICIPALITIES = [("GM0479", "Zaanstad"), ("GM0880", "Wormerland"), ("GM0431", "Oostzaan")]

# (CBS-style code, name, social-rent stock or None when unknown) — illustrative figures.
NEIGHBOURHOODS = [
    ("WK047901", "Zaandam-Zuid", 4100),
    ("WK047902", "Zaandam-West", 3600),
    ("WK047903", "Zaandam-Oost", 5200),
    ("WK047904", "Zaandam-Noord", 3900),
    ("WK047905", "Koog aan de Zaan", 1500),
    ("WK047906", "Zaandijk", 1300),
    ("WK047907", "Wormerveer", 1900),
    ("WK047908", "Krommenie", 2300),
    ("WK047909", "Assendelft", 1400),
    ("WK047910", "Westzaan", 300),
    ("WK088001", "Wormer", 1600),
    ("WK088002", "Wijdewormer", None),
    ("WK043101", "Oostzaan", 900),
]

ORGANISATIONS = [
    ("Gemeente Zaanstad", Organisation.Kind.MUNICIPALITY, "GM0479"),
    ("Zaanland Wonen (demo)", Organisation.Kind.CORPORATION, None),
    ("Woonstichting De Meent (demo)", Organisation.Kind.CORPORATION, None),
    ("Stichting Onderdak Zaanstreek (demo)", Organisation.Kind.CARE_PROVIDER, None),
    ("Begeleid Wonen Noord (demo)", Organisation.Kind.CARE_PROVIDER, None),
]

# (username, full name, organisation, role) — one per role, plus the administrator (no role: Django admin).
USERS = [
    ("regisseur", "Rianne Regisseur", "Gemeente Zaanstad", Membership.Role.COORDINATOR),
    ("corporatie", "Cor Poratie", "Zaanland Wonen (demo)", Membership.Role.CORPORATION_STAFF),
    ("begeleider", "Bea Begeleider", "Stichting Onderdak Zaanstreek (demo)", Membership.Role.CARE_WORKER),
    ("manager", "Max Manager", "Gemeente Zaanstad", Membership.Role.MANAGER),
    # A care worker of the other provider, to show that providers do not see each other's clients.
    ("begeleider-noord", "Noor Noord", "Begeleid Wonen Noord (demo)", Membership.Role.CARE_WORKER),
    # Manages the accounts of the care provider: invites, roles, deactivation; sees no client.
    ("beheerder-zorg", "Bo Beheerder", "Stichting Onderdak Zaanstreek (demo)", Membership.Role.ORG_ADMIN),
    ("beheerder", "Bert Beheerder", None, None),
]


def seed_region() -> Region:
    region, _ = Region.objects.update_or_create(code="ZAA", defaults={"name": "Zaanstreek"})
    municipalities = {}
    for code, name in MUNICIPALITIES:
        municipalities[code], _ = Municipality.objects.update_or_create(
            cbs_code=code, defaults={"name": name, "region": region}
        )
    region.centre_municipality = municipalities["GM0479"]
    region.save(update_fields=["centre_municipality"])
    for code, name, stock in NEIGHBOURHOODS:
        Neighbourhood.objects.update_or_create(
            cbs_code=code,
            defaults={
                "name": name,
                "municipality": municipalities["GM" + code[2:6]],
                "social_rent_stock": stock,
                "stock_year": STOCK_YEAR if stock is not None else None,
            },
        )
    return region


def seed_organisations(region: Region) -> dict[str, Organisation]:
    organisations = {}
    for name, kind, municipality_code in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            name=name,
            defaults={
                "kind": kind,
                "municipality": Municipality.objects.get(cbs_code=municipality_code) if municipality_code else None,
                "contact_email": f"contact@{name.split(' (')[0].lower().replace(' ', '-')}.demo.invalid",
            },
        )
        organisation.regions.add(region)
        organisations[name] = organisation
    return organisations


def seed_agreements(region: Region, organisations: dict[str, Organisation]) -> None:
    year = timezone.localdate().year
    zaanland, _ = Agreement.objects.update_or_create(
        region=region, corporation=organisations["Zaanland Wonen (demo)"], year=year, defaults={"quota": 60}
    )
    for code, quota in [("GM0479", 50), ("GM0880", 6), ("GM0431", 4)]:
        MunicipalityQuota.objects.update_or_create(
            agreement=zaanland, municipality=Municipality.objects.get(cbs_code=code), defaults={"quota": quota}
        )
    Agreement.objects.update_or_create(
        region=region, corporation=organisations["Woonstichting De Meent (demo)"], year=year, defaults={"quota": 35}
    )
    DispersionRule.objects.update_or_create(
        region=region,
        year=None,
        defaults={
            "max_new_per_neighbourhood": 8,
            "max_per_thousand_stock": Decimal("5.00"),
            "max_active_per_building": 2,
            "mode": DispersionRule.Mode.BLOCK,
        },
    )


def seed_users(organisations: dict[str, Organisation]) -> None:
    User = get_user_model()
    for username, full_name, organisation_name, role in USERS:
        first, last = full_name.split(" ", 1)
        user, _ = User.objects.update_or_create(
            username=username,
            defaults={
                "first_name": first,
                "last_name": last,
                "email": f"{username}@demo.invalid",
                "is_active": True,
                "is_staff": role is None,
                "is_superuser": role is None,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        if role and organisation_name:
            Membership.objects.get_or_create(user=user, organisation=organisations[organisation_name], role=role)


def seed_regions() -> tuple[Region, dict[str, Organisation]]:
    """The whole regions part of the demo, in one go."""
    region = seed_region()
    organisations = seed_organisations(region)
    seed_agreements(region, organisations)
    seed_users(organisations)
    return region, organisations

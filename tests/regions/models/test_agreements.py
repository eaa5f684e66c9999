"""Every rule of the regions models: the friendly message from full_clean(), and the database constraint
that holds even when a bug skips validation."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError, transaction

from regions.models import Agreement, DispersionRule, Membership, MunicipalityQuota, Neighbourhood, Organisation
from tests.factories import (
    AgreementFactory,
    DispersionRuleFactory,
    MembershipFactory,
    MunicipalityFactory,
    NeighbourhoodFactory,
    OrganisationFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db


def messages(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


def raises_integrity(create):
    """The database itself refuses the row (constraint violated, or a value that does not fit the column)."""
    with pytest.raises((IntegrityError, DataError)), transaction.atomic():
        create()


@pytest.mark.parametrize("code", ["GM479", "gm0479", "GM04790", "WK0479", "GMabcd"])
def test_municipality_code_must_be_gm_and_four_digits(code):
    municipality = MunicipalityFactory.build(cbs_code=code, region=RegionFactory())
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert "'GM' gevolgd door 4 cijfers" in messages(error.value, "cbs_code")
    raises_integrity(municipality.save)


@pytest.mark.parametrize("code", ["WK04790", "WK0479011", "BU0479010", "XX04790101", "wk047901"])
def test_neighbourhood_code_must_be_wijk_or_buurt_format(code):
    neighbourhood = NeighbourhoodFactory.build(cbs_code=code, municipality=MunicipalityFactory(cbs_code="GM0479"))
    with pytest.raises(ValidationError) as error:
        neighbourhood.full_clean()
    assert "'WK' met 6 cijfers" in messages(error.value, "cbs_code")
    raises_integrity(neighbourhood.save)


@pytest.mark.parametrize("code", ["WK047901", "BU04790101"])
def test_wijk_and_buurt_codes_of_the_municipality_are_accepted(code):
    neighbourhood = NeighbourhoodFactory.build(cbs_code=code, municipality=MunicipalityFactory(cbs_code="GM0479"))
    neighbourhood.full_clean()
    neighbourhood.save()
    assert neighbourhood.is_buurt == code.startswith("BU")


def test_neighbourhood_code_must_carry_its_municipality_digits():
    neighbourhood = NeighbourhoodFactory.build(
        cbs_code="WK088001", municipality=MunicipalityFactory(cbs_code="GM0479", name="Zaanstad")
    )
    with pytest.raises(ValidationError) as error:
        neighbourhood.full_clean()
    assert "hoort niet bij Zaanstad" in messages(error.value, "cbs_code")


def test_stock_cannot_be_negative_in_the_database():
    neighbourhood = NeighbourhoodFactory.build(municipality=MunicipalityFactory(), social_rent_stock=-1)
    with pytest.raises(ValidationError):
        neighbourhood.full_clean()
    raises_integrity(neighbourhood.save)


def test_unknown_stock_is_empty_not_zero_and_needs_no_year():
    neighbourhood = NeighbourhoodFactory(social_rent_stock=None, stock_year=None)
    neighbourhood.full_clean()
    assert Neighbourhood.objects.get(pk=neighbourhood.pk).social_rent_stock is None


def test_stock_needs_the_year_it_describes():
    neighbourhood = NeighbourhoodFactory.build(
        municipality=MunicipalityFactory(), social_rent_stock=500, stock_year=None
    )
    with pytest.raises(ValidationError) as error:
        neighbourhood.full_clean()
    assert "peiljaar" in messages(error.value, "stock_year")
    raises_integrity(neighbourhood.save)


def test_region_centre_must_be_one_of_its_municipalities():
    region, elsewhere = RegionFactory(), MunicipalityFactory()
    region.centre_municipality = elsewhere
    with pytest.raises(ValidationError) as error:
        region.full_clean()
    assert "gemeente van deze regio" in messages(error.value, "centre_municipality")


def test_only_a_municipality_organisation_links_to_a_municipality():
    organisation = OrganisationFactory.build(kind=Organisation.Kind.CORPORATION, municipality=MunicipalityFactory())
    with pytest.raises(ValidationError) as error:
        organisation.full_clean()
    assert "soort gemeente" in " ".join(error.value.messages)
    raises_integrity(organisation.save)


@pytest.mark.parametrize(
    ("role", "kind", "allowed"),
    [
        (Membership.Role.COORDINATOR, Organisation.Kind.MUNICIPALITY, True),
        (Membership.Role.COORDINATOR, Organisation.Kind.CORPORATION, False),
        (Membership.Role.CORPORATION_STAFF, Organisation.Kind.CORPORATION, True),
        (Membership.Role.CORPORATION_STAFF, Organisation.Kind.CARE_PROVIDER, False),
        (Membership.Role.CARE_WORKER, Organisation.Kind.CARE_PROVIDER, True),
        (Membership.Role.CARE_WORKER, Organisation.Kind.MUNICIPALITY, False),
        (Membership.Role.MANAGER, Organisation.Kind.MUNICIPALITY, True),
        (Membership.Role.MANAGER, Organisation.Kind.CORPORATION, True),
        (Membership.Role.MANAGER, Organisation.Kind.CARE_PROVIDER, True),
    ],
)
def test_a_role_fits_only_its_kind_of_organisation(role, kind, allowed):
    membership = MembershipFactory.build(
        role=role, organisation=OrganisationFactory(kind=kind), user=MembershipFactory().user
    )
    if allowed:
        membership.full_clean()
    else:
        with pytest.raises(ValidationError) as error:
            membership.full_clean()
        assert "past niet bij" in messages(error.value, "role")


def test_a_user_holds_a_role_once_per_organisation():
    membership = MembershipFactory()
    duplicate = Membership(user=membership.user, organisation=membership.organisation, role=membership.role)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "heeft deze rol al" in " ".join(error.value.messages)
    raises_integrity(duplicate.save)


def test_one_agreement_per_region_corporation_and_year():
    agreement = AgreementFactory()
    duplicate = Agreement(region=agreement.region, corporation=agreement.corporation, year=agreement.year, quota=5)
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "al een afspraak" in " ".join(error.value.messages)
    raises_integrity(duplicate.save)
    # The next year is a new agreement.
    Agreement.objects.create(
        region=agreement.region, corporation=agreement.corporation, year=agreement.year + 1, quota=5
    )


def test_quota_cannot_be_negative():
    agreement = AgreementFactory.build(region=RegionFactory(), corporation=OrganisationFactory(), quota=-3)
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "quota" in error.value.message_dict
    raises_integrity(agreement.save)


@pytest.mark.parametrize("share", ["0", "1.01", "-0.5"])
def test_approaching_share_lies_between_zero_and_one(share):
    region = RegionFactory()
    agreement = AgreementFactory.build(
        region=region, corporation=OrganisationFactory(regions=[region]), approaching_share=Decimal(share)
    )
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "approaching_share" in error.value.message_dict
    raises_integrity(agreement.save)


def test_agreement_year_outside_range_is_refused():
    agreement = AgreementFactory.build(region=RegionFactory(), corporation=OrganisationFactory(), year=1999)
    with pytest.raises(ValidationError) as error:
        agreement.full_clean()
    assert "2000 of later" in messages(error.value, "year")
    raises_integrity(agreement.save)


def test_agreement_is_made_with_a_corporation_that_works_in_the_region():
    region = RegionFactory()
    care = OrganisationFactory(kind=Organisation.Kind.CARE_PROVIDER, regions=[region])
    elsewhere = OrganisationFactory(kind=Organisation.Kind.CORPORATION, regions=[RegionFactory()])
    with pytest.raises(ValidationError) as error:
        Agreement(region=region, corporation=care, year=2026, quota=1).full_clean()
    assert "met een woningcorporatie" in messages(error.value, "corporation")
    with pytest.raises(ValidationError) as error:
        Agreement(region=region, corporation=elsewhere, year=2026, quota=1).full_clean()
    assert "werkt niet in de gekozen regio" in messages(error.value, "corporation")


def test_quota_split_only_over_municipalities_of_the_agreements_region():
    agreement = AgreementFactory()
    foreign = MunicipalityFactory()
    split = MunicipalityQuota(agreement=agreement, municipality=foreign, quota=3)
    with pytest.raises(ValidationError) as error:
        split.full_clean()
    assert "niet in de regio van de afspraak" in messages(error.value, "municipality")
    MunicipalityQuota(
        agreement=agreement, municipality=MunicipalityFactory(region=agreement.region), quota=3
    ).full_clean()


def test_a_region_has_one_dispersion_rule_per_year_and_one_standing_rule():
    standing = DispersionRuleFactory(year=None)
    DispersionRuleFactory(region=standing.region, year=2026)
    raises_integrity(lambda: DispersionRuleFactory(region=standing.region, year=None))
    raises_integrity(lambda: DispersionRuleFactory(region=standing.region, year=2026))
    with pytest.raises(ValidationError) as error:
        DispersionRule(region=standing.region, year=2026, max_active_per_building=2).full_clean()
    assert "al een spreidingsregel voor dit jaar" in " ".join(error.value.messages)


def test_a_dispersion_rule_sets_at_least_one_limit():
    rule = DispersionRule(region=RegionFactory(), year=2026)
    with pytest.raises(ValidationError) as error:
        rule.full_clean()
    assert "minstens één grens" in " ".join(error.value.messages)
    raises_integrity(rule.save)


def test_rate_limit_per_thousand_must_be_positive():
    rule = DispersionRule(region=RegionFactory(), max_per_thousand_stock=Decimal("0"))
    with pytest.raises(ValidationError):
        rule.full_clean()
    raises_integrity(rule.save)


def test_the_rule_for_the_year_wins_over_the_standing_rule():
    standing = DispersionRuleFactory(year=None, max_new_per_neighbourhood=8)
    specific = DispersionRuleFactory(region=standing.region, year=2026, max_new_per_neighbourhood=5)
    assert DispersionRule.objects.applicable(region_id=standing.region_id, year=2026) == specific
    assert DispersionRule.objects.applicable(region_id=standing.region_id, year=2027) == standing
    assert DispersionRule.objects.applicable(region_id=RegionFactory().pk, year=2026) is None

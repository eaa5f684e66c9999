"""Every rule of agreements, their split over municipalities and dispersion rules (regions/models/agreements.py): the
friendly message from full_clean(), and the database constraint that holds even when a bug skips validation."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from regions.models import Agreement, DispersionRule, MunicipalityQuota, Organisation
from tests.factories import (
    AgreementFactory,
    DispersionRuleFactory,
    MunicipalityFactory,
    OrganisationFactory,
    RegionFactory,
)
from tests.helpers import field_messages, raises_integrity

pytestmark = pytest.mark.django_db


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
    assert "2000 of later" in field_messages(error.value, "year")
    raises_integrity(agreement.save)


def test_agreement_is_made_with_a_corporation_that_works_in_the_region():
    region = RegionFactory()
    care = OrganisationFactory(kind=Organisation.Kind.CARE_PROVIDER, regions=[region])
    elsewhere = OrganisationFactory(kind=Organisation.Kind.CORPORATION, regions=[RegionFactory()])
    with pytest.raises(ValidationError) as error:
        Agreement(region=region, corporation=care, year=2026, quota=1).full_clean()
    assert "met een woningcorporatie" in field_messages(error.value, "corporation")
    with pytest.raises(ValidationError) as error:
        Agreement(region=region, corporation=elsewhere, year=2026, quota=1).full_clean()
    assert "werkt niet in de gekozen regio" in field_messages(error.value, "corporation")


def test_quota_split_only_over_municipalities_of_the_agreements_region():
    agreement = AgreementFactory()
    foreign = MunicipalityFactory()
    split = MunicipalityQuota(agreement=agreement, municipality=foreign, quota=3)
    with pytest.raises(ValidationError) as error:
        split.full_clean()
    assert "niet in de regio van de afspraak" in field_messages(error.value, "municipality")
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

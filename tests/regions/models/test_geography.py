"""Every rule of regions, municipalities and neighbourhoods (regions/models/geography.py): the friendly message from
full_clean(), and the database constraint that holds even when a bug skips validation."""

import pytest
from django.core.exceptions import ValidationError

from regions.models import Neighbourhood
from tests.factories import (
    MunicipalityFactory,
    NeighbourhoodFactory,
    RegionFactory,
)
from tests.helpers import field_messages, raises_integrity

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("code", ["GM479", "gm0479", "GM04790", "WK0479", "GMabcd"])
def test_municipality_code_must_be_gm_and_four_digits(code):
    municipality = MunicipalityFactory.build(cbs_code=code, region=RegionFactory())
    with pytest.raises(ValidationError) as error:
        municipality.full_clean()
    assert "'GM' gevolgd door 4 cijfers" in field_messages(error.value, "cbs_code")
    raises_integrity(municipality.save)


@pytest.mark.parametrize("code", ["WK04790", "WK0479011", "BU0479010", "XX04790101", "wk047901"])
def test_neighbourhood_code_must_be_wijk_or_buurt_format(code):
    neighbourhood = NeighbourhoodFactory.build(cbs_code=code, municipality=MunicipalityFactory(cbs_code="GM0479"))
    with pytest.raises(ValidationError) as error:
        neighbourhood.full_clean()
    assert "'WK' met 6 cijfers" in field_messages(error.value, "cbs_code")
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
    assert "hoort niet bij Zaanstad" in field_messages(error.value, "cbs_code")


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
    assert "peiljaar" in field_messages(error.value, "stock_year")
    raises_integrity(neighbourhood.save)


def test_region_centre_must_be_one_of_its_municipalities():
    region, elsewhere = RegionFactory(), MunicipalityFactory()
    region.centre_municipality = elsewhere
    with pytest.raises(ValidationError) as error:
        region.full_clean()
    assert "gemeente van deze regio" in field_messages(error.value, "centre_municipality")

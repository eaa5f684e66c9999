"""factory_boy factories for the test suite. Codes are generated so that CBS nesting rules hold."""

from datetime import timedelta

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from placements.models import Dwelling, OutflowCase
from regions.models import Agreement, DispersionRule, Membership, Municipality, Neighbourhood, Organisation, Region


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"gebruiker{n}")
    email = factory.LazyAttribute(lambda u: f"{u.username}@example.invalid")
    password = factory.django.Password("een-sterk-testwachtwoord")


class RegionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Region

    name = factory.Sequence(lambda n: f"Regio {n}")
    code = factory.Sequence(lambda n: "R" + "".join(chr(65 + int(d)) for d in f"{n:03d}"))


class MunicipalityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Municipality

    cbs_code = factory.Sequence(lambda n: f"GM{9000 - n:04d}")
    name = factory.Sequence(lambda n: f"Gemeente {n}")
    region = factory.SubFactory(RegionFactory)


class NeighbourhoodFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Neighbourhood

    municipality = factory.SubFactory(MunicipalityFactory)
    cbs_code = factory.LazyAttributeSequence(lambda o, n: f"WK{o.municipality.cbs_code[2:]}{n % 100:02d}")
    name = factory.Sequence(lambda n: f"Wijk {n}")
    social_rent_stock = 1000
    stock_year = 2025


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    kind = Organisation.Kind.CORPORATION

    @factory.post_generation
    def regions(self, create, extracted, **kwargs):
        if create and extracted:
            self.regions.add(*extracted)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = Membership.Role.CORPORATION_STAFF


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agreement
        skip_postgeneration_save = True

    region = factory.SubFactory(RegionFactory)
    corporation = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.CORPORATION)
    year = 2026
    quota = 40

    @factory.post_generation
    def corporation_works_in_region(self, create, extracted, **kwargs):
        if create:
            self.corporation.regions.add(self.region)


class DispersionRuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DispersionRule

    region = factory.SubFactory(RegionFactory)
    year = None
    max_new_per_neighbourhood = 8
    mode = DispersionRule.Mode.WARN


class DwellingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Dwelling

    corporation = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.CORPORATION)
    neighbourhood = factory.SubFactory(NeighbourhoodFactory)
    postcode = factory.Sequence(lambda n: f"{1000 + n % 9000} AB")
    house_number = factory.Sequence(lambda n: n + 1)
    street = "Teststraat"
    place = "Zaandam"
    kind = Dwelling.Kind.INDEPENDENT
    rooms = 2
    rent_cents = 60000
    reserved_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=10))
    available_from = factory.LazyFunction(timezone.localdate)


class OutflowCaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OutflowCase

    reference = factory.Sequence(lambda n: f"TST-2026-{n:04d}")
    care_provider = factory.SubFactory(OrganisationFactory, kind=Organisation.Kind.CARE_PROVIDER)
    region = factory.SubFactory(RegionFactory)
    origin = OutflowCase.Origin.MO
    target_group = OutflowCase.TargetGroup.ADULT
    household_size = 1
    support_level = OutflowCase.SupportLevel.LIGHT
    ready_on = factory.LazyFunction(lambda: timezone.localdate() - timedelta(days=30))

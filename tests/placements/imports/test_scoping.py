"""A corporation imports into its own homes only; a coordinator into the homes of the corporations of the region;
a batch is imported with the access of the person who confirms it, as it is then."""

from placements.imports import services
from placements.models import Dwelling, ImportBatch
from regions.access import forget_access
from regions.models import Membership
from tests.factories import DwellingFactory
from tests.placements.imports.conftest import csv_bytes, home_row


def test_a_corporation_cannot_import_into_another_corporations_homes(users, neighbourhood, checked, party):
    home = DwellingFactory(
        corporation=party.corporation, neighbourhood=neighbourhood, postcode="1551 AB", house_number=1
    )
    batch = checked(users["corporation_b"], csv_bytes([home_row(1, Corporatie="Corporatie B", Kamers="5")]))
    assert batch.counts["error"] == 1
    batch = checked(users["corporation_b"], csv_bytes([home_row(2, Corporatie="Corporatie A")]))
    assert batch.outcomes[0]["errors"][0]["column"] == "Corporatie"
    home.refresh_from_db()
    assert home.rooms == 2 and Dwelling.objects.count() == 1


def test_a_coordinator_imports_for_each_corporation_of_the_region(users, neighbourhood, imported, party):
    rows = [home_row(1, Corporatie="Corporatie A"), home_row(2, Corporatie="corporatie b")]
    batch = imported(users["coordinator"], csv_bytes(rows))
    assert batch.status == ImportBatch.Status.DONE
    assert sorted(Dwelling.objects.values_list("corporation__name", flat=True)) == ["Corporatie A", "Corporatie B"]


def test_a_coordinator_of_another_region_finds_no_neighbourhood_or_corporation(users, neighbourhood, checked):
    batch = checked(users["foreign_coordinator"], csv_bytes([home_row(1)]))
    assert {e["column"] for e in batch.outcomes[0]["errors"]} == {"Corporatie", "Wijk of buurt"}


def test_a_batch_confirmed_after_the_uploader_lost_access_imports_nothing(users, neighbourhood, checked, party):
    batch = checked(users["corporation_a"], csv_bytes([home_row(1)]))
    Membership.objects.filter(user=users["corporation_a"]).delete()
    forget_access(users["corporation_a"])  # as the next request would read them
    assert not services.confirm_batch(batch_id=batch.pk, by=users["corporation_a"])
    # Claimed while access held, imported after it went: the import checks again for who confirmed, and refuses.
    Membership.objects.create(user=users["corporation_a"], organisation=party.corporation, role="corporation_staff")
    forget_access(users["corporation_a"])
    assert services.confirm_batch(batch_id=batch.pk, by=users["corporation_a"])
    Membership.objects.filter(user=users["corporation_a"]).delete()
    assert services.import_batch(batch_id=batch.pk).status == ImportBatch.Status.FAILED
    assert not Dwelling.objects.exists()


def test_a_coordinator_cannot_take_over_a_home_outside_their_regions(users, neighbourhood, checked, party):
    from tests.factories import MunicipalityFactory, NeighbourhoodFactory, RegionFactory

    elsewhere = RegionFactory(name="Elders2", code="ELT")
    party.corporation.regions.add(elsewhere)
    hood = NeighbourhoodFactory(municipality=MunicipalityFactory(region=elsewhere), cbs_code="WK099901")
    home = DwellingFactory(corporation=party.corporation, neighbourhood=hood, postcode="1551 AB", house_number=1)
    batch = checked(users["coordinator"], csv_bytes([home_row(1, Kamers="4")]))  # its own region's neighbourhood
    assert batch.outcomes[0]["errors"] == [
        {"column": "Postcode", "message": "Dit adres staat al als gereserveerde woning geregistreerd."}
    ]
    home.refresh_from_db()
    assert (home.rooms, home.neighbourhood_id) == (2, hood.pk)

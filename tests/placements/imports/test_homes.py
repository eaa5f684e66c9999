"""Importing reserved homes: the preview, all-or-nothing, an idempotent re-upload, history."""

from placements.models import Dwelling, ImportBatch
from tests.placements.imports.conftest import csv_bytes, home_row


def test_preview_shows_every_row_and_writes_nothing(users, neighbourhood, checked):
    batch = checked(users["corporation_a"], csv_bytes([home_row(1), home_row(2)]))
    assert batch.status == ImportBatch.Status.READY
    assert batch.counts == {"new": 2, "update": 0, "unchanged": 0, "error": 0}
    assert [o["key"] for o in batch.outcomes] == ["1551 AB 1", "1551 AB 2"]
    assert not Dwelling.objects.exists()


def test_confirm_writes_every_row_with_history_of_who_and_which_file(users, neighbourhood, imported, party):
    batch = imported(users["corporation_a"], csv_bytes([home_row(1), home_row(2, Toevoeging="b")]))
    assert batch.status == ImportBatch.Status.DONE, batch.error
    homes = Dwelling.objects.order_by("house_number")
    assert [(h.house_number, h.house_number_addition, h.rent_cents, h.corporation_id) for h in homes] == [
        (1, "", 72550, party.corporation.pk),
        (2, "B", 72550, party.corporation.pk),
    ]
    assert homes[0].region_id == party.region.pk  # the region follows the neighbourhood, as for a form
    event = homes[0].events.get()  # type: ignore[attr-defined]
    assert event.pgh_context.metadata["user"] == users["corporation_a"].pk
    assert event.pgh_context.metadata["import_file"] == "woningen.csv"


def test_reupload_of_the_same_file_changes_nothing(users, neighbourhood, imported, checked):
    data = csv_bytes([home_row(1), home_row(2)])
    imported(users["corporation_a"], data)
    versions = list(Dwelling.objects.order_by("pk").values_list("version", "updated_at"))
    again = checked(users["corporation_a"], data)
    assert again.counts == {"new": 0, "update": 0, "unchanged": 2, "error": 0}
    from placements.imports import services

    assert services.confirm_batch(batch_id=again.pk, by=users["corporation_a"])
    assert services.import_batch(batch_id=again.pk).status == ImportBatch.Status.DONE
    assert list(Dwelling.objects.order_by("pk").values_list("version", "updated_at")) == versions


def test_a_changed_row_updates_the_home_and_moves_its_version(users, neighbourhood, imported):
    imported(users["corporation_a"], csv_bytes([home_row(1)]))
    batch = imported(users["corporation_a"], csv_bytes([home_row(1, Kamers="3")]))
    assert batch.counts["update"] == 1
    home = Dwelling.objects.get()
    assert (home.rooms, home.version) == (3, 2)


def test_one_bad_row_imports_nothing(users, neighbourhood, checked):
    batch = checked(users["corporation_a"], csv_bytes([home_row(1), home_row(2, Postcode="1504AB1")]))
    assert batch.counts["error"] == 1
    assert not batch.may_confirm
    from placements.imports import services

    assert not services.confirm_batch(batch_id=batch.pk, by=users["corporation_a"])
    assert not Dwelling.objects.exists()


def test_a_postcode_and_addition_typed_otherwise_are_unchanged(users, neighbourhood, imported, checked):
    imported(users["corporation_a"], csv_bytes([home_row(1, Postcode="1551 AB", Toevoeging="A")]))
    batch = checked(users["corporation_a"], csv_bytes([home_row(1, Postcode="1551ab", Toevoeging="a")]))
    assert batch.counts["unchanged"] == 1, batch.outcomes

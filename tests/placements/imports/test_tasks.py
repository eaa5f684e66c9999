"""The import as Celery tasks: a 10,000-row file through the check and the import; all or nothing when something
changed since the preview; a task delivered twice; a batch whose worker died is not left running."""

from datetime import timedelta

from django.db import connection
from django.utils import timezone

from placements.imports import services, tasks
from placements.models import Dwelling, ImportBatch
from tests.factories import DwellingFactory, NeighbourhoodFactory
from tests.placements.imports.conftest import csv_bytes, home_row


def test_a_file_of_ten_thousand_homes_goes_through_the_tasks(users, party, django_capture_on_commit_callbacks):
    hoods = [
        NeighbourhoodFactory(municipality=party.region.centre_municipality, cbs_code=f"WK0479{i:02d}")
        for i in range(10)
    ]
    rows = [
        home_row(n % 500 + 1, Postcode=f"{1500 + n // 500} AB", **{"Wijk of buurt": hoods[n % 10].cbs_code})
        for n in range(10_000)
    ]
    batch = services.create_batch(
        kind="dwellings", file_name="regio.csv", data=csv_bytes(rows), by=users["coordinator"]
    )
    assert batch.total_rows == 10_000
    with django_capture_on_commit_callbacks(execute=True):
        tasks.hand_over("check", batch.pk)
    batch.refresh_from_db()
    assert batch.counts == {"new": 10_000, "update": 0, "unchanged": 0, "error": 0}, batch.outcomes[:2]
    assert services.confirm_batch(batch_id=batch.pk, by=users["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        tasks.hand_over("import", batch.pk)
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.DONE, batch.error
    assert Dwelling.objects.filter(region=party.region).count() == 10_000
    with connection.cursor() as cursor:  # every home has its history, naming the file
        cursor.execute(
            "SELECT count(*) FROM placements_dwellingevent e JOIN pghistory_context c ON c.id = e.pgh_context_id "
            "WHERE c.metadata->>'import_file' = 'regio.csv'"
        )
        assert cursor.fetchone()[0] == 10_000


def test_a_row_changed_since_the_preview_imports_nothing(users, neighbourhood, checked, party):
    batch = checked(users["corporation_a"], csv_bytes([home_row(1), home_row(2)]))
    assert services.confirm_batch(batch_id=batch.pk, by=users["corporation_a"])
    DwellingFactory(
        corporation=party.other_corporation, neighbourhood=neighbourhood, postcode="1551 AB", house_number=2
    )
    batch = services.import_batch(batch_id=batch.pk)
    assert batch.status == ImportBatch.Status.FAILED
    assert "iets veranderd aan het record van rij 3" in batch.error
    assert Dwelling.objects.count() == 1  # only the other corporation's home


def test_a_failure_halfway_through_the_writes_leaves_nothing(users, neighbourhood, checked, monkeypatch):
    batch = checked(users["corporation_a"], csv_bytes([home_row(1), home_row(2), home_row(3)]))
    assert services.confirm_batch(batch_id=batch.pk, by=users["corporation_a"])
    original = Dwelling.objects.bulk_create

    def create_then_die(objs, **kwargs):
        original(objs[:2], **kwargs)
        raise RuntimeError("worker gone")

    monkeypatch.setattr(Dwelling.objects, "bulk_create", create_then_die)
    batch = services.import_batch(batch_id=batch.pk)
    assert batch.status == ImportBatch.Status.FAILED
    assert "er is niets ingelezen" in batch.error
    assert not Dwelling.objects.exists()


def test_a_task_delivered_twice_imports_once(users, neighbourhood, checked):
    batch = checked(users["corporation_a"], csv_bytes([home_row(1)]))
    assert services.check_batch(batch_id=batch.pk).outcomes == batch.outcomes  # checked once, the same preview
    assert services.confirm_batch(batch_id=batch.pk, by=users["corporation_a"])
    assert not services.confirm_batch(batch_id=batch.pk, by=users["corporation_a"])
    assert tasks.run_import(batch.pk) == ImportBatch.Status.DONE
    assert tasks.run_import(batch.pk) == ImportBatch.Status.DONE
    assert Dwelling.objects.count() == 1


def test_a_batch_whose_worker_died_is_marked_interrupted_after_the_hard_limit(users, neighbourhood, checked, settings):
    batch = checked(users["corporation_a"], csv_bytes([home_row(1)]))
    assert services.confirm_batch(batch_id=batch.pk, by=users["corporation_a"])
    assert services.expire_stale_batches() == []  # just confirmed: a worker may be on it
    later = timezone.now() + timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT) + timedelta(minutes=2)
    assert services.expire_stale_batches(now=later) == [batch.pk]
    batch.refresh_from_db()
    assert batch.status == ImportBatch.Status.INTERRUPTED
    assert "afgebroken" in batch.error
    assert tasks.run_import(batch.pk) == ImportBatch.Status.INTERRUPTED  # a late delivery does nothing
    assert not Dwelling.objects.exists()


def test_the_import_reports_its_progress_as_it_writes(users, neighbourhood, checked, monkeypatch):
    from placements.imports import dwellings

    monkeypatch.setattr(dwellings, "WRITE_BATCH", 2)
    batch = checked(users["corporation_a"], csv_bytes([home_row(n) for n in range(1, 6)]))
    assert services.confirm_batch(batch_id=batch.pk, by=users["corporation_a"])
    reported = []
    monkeypatch.setattr(services, "report_progress", lambda batch_id, done: reported.append(done))
    services.import_batch(batch_id=batch.pk)
    assert reported == [0, 0, 2, 4, 5, 5]

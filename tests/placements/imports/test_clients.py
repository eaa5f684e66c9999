"""Importing clients ready for outflow: the provider's file reference is the key, never a name or BSN; a new
client gets a pseudonymous reference; every read and write of client records leaves an access-log line."""

import pytest

from placements.models import AccessLogEntry, ImportBatch, OutflowCase
from tests.placements.imports.conftest import csv_bytes

HEADER = [
    "Dossiernummer", "Herkomst", "Doelgroep", "Grootte huishouden", "Begeleiding", "Gelijkvloers nodig",
    "Voorkeursgemeenten", "Uitstroomklaar sinds", "Belemmeringen",
]  # fmt: skip


def client_row(reference: str, **changes: str) -> list[str]:
    row = dict(
        zip(
            HEADER,
            [reference, "bw", "Volwassene", "1", "Licht", "nee", "Zaanstad", "01-02-2026", "Oude huurschuld"],
            strict=True,
        )
    )
    row.update({k.replace("_", " "): v for k, v in changes.items()})
    return [row[h] for h in HEADER]


def cases_file(*rows: list[str]) -> bytes:
    return csv_bytes(list(rows), header=HEADER)


@pytest.fixture
def upload(imported):
    def make(user, data):
        return imported(user, data, kind=ImportBatch.Kind.CASES, name="clienten.csv")

    return make


def test_new_clients_get_a_pseudonym_and_keep_the_file_reference(users, party, upload):
    batch = upload(users["care_worker_c"], cases_file(client_row("DOS-1"), client_row("DOS-2")))
    assert batch.status == ImportBatch.Status.DONE, batch.error
    cases = OutflowCase.objects.order_by("provider_reference")
    assert [(c.provider_reference, c.reference[:8], c.care_provider_id) for c in cases] == [
        ("DOS-1", "ZAA-2026", party.care_provider.pk),
        ("DOS-2", "ZAA-2026", party.care_provider.pk),
    ]
    assert cases[0].barriers == ["rent_arrears"]
    assert [m.name for m in cases[0].preferred_municipalities.all()] == ["Zaanstad"]


def test_reupload_changes_nothing_and_a_changed_row_updates(users, upload, checked):
    upload(users["care_worker_c"], cases_file(client_row("DOS-1")))
    again = checked(users["care_worker_c"], cases_file(client_row("DOS-1")), kind=ImportBatch.Kind.CASES)
    assert again.counts == {"new": 0, "update": 0, "unchanged": 1, "error": 0}
    changed = upload(users["care_worker_c"], cases_file(client_row("DOS-1", Grootte_huishouden="3")))
    assert changed.counts["update"] == 1
    assert OutflowCase.objects.get().household_size == 3


def test_another_provider_with_the_same_file_reference_gets_its_own_client(users, upload):
    upload(users["care_worker_c"], cases_file(client_row("DOS-1")))
    upload(users["care_worker_d"], cases_file(client_row("DOS-1")))
    assert OutflowCase.objects.filter(provider_reference="DOS-1").count() == 2


@pytest.mark.parametrize(
    ("reference", "message"),
    [("123456782", "Dit lijkt een BSN"), ("Jan Jansen", "zonder spaties"), ("", "verplicht")],
)
def test_a_bsn_or_name_as_file_reference_is_refused(users, checked, reference, message):
    batch = checked(users["care_worker_c"], cases_file(client_row(reference)), kind=ImportBatch.Kind.CASES)
    assert batch.outcomes[0]["errors"][0]["column"] == "Dossiernummer"
    assert message in batch.outcomes[0]["errors"][0]["message"]


def test_import_writes_access_log_lines_for_the_clients_it_created_and_read(users, upload, checked):
    first = upload(users["care_worker_c"], cases_file(client_row("DOS-1")))
    created = AccessLogEntry.objects.get(action=AccessLogEntry.Action.CREATE)
    assert created.case_references == [OutflowCase.objects.get().reference]
    assert created.path == f"/import/{first.pk}/"
    checked(users["care_worker_c"], cases_file(client_row("DOS-1")), kind=ImportBatch.Kind.CASES)
    searched = AccessLogEntry.objects.get(action=AccessLogEntry.Action.SEARCH)
    assert searched.case_references == created.case_references
    assert searched.organisation_id == first.organisation_id


def test_a_care_worker_of_two_providers_imports_only_the_batchs_own_providers_clients(users, party, checked):
    """The batch is seen by its provider's care workers: a row of the worker's other provider is an error, so
    the other provider's file references never land in this provider's preview."""
    from regions.models import Membership
    from tests.factories import MembershipFactory

    both = users["care_worker_c"]
    MembershipFactory(user=both, organisation=party.other_care_provider, role=Membership.Role.CARE_WORKER)
    header = [*HEADER, "Zorgaanbieder"]
    rows = [[*client_row("DOS-1"), party.care_provider.name], [*client_row("DOS-2"), party.other_care_provider.name]]
    batch = checked(both, csv_bytes(rows, header=header), kind=ImportBatch.Kind.CASES, name="clienten.csv")
    assert batch.organisation_id == party.care_provider.pk
    assert [o["outcome"] for o in batch.outcomes] == ["new", "error"]
    assert "Zorgaanbieder" in {error["column"] for error in batch.outcomes[1]["errors"]}, batch.outcomes[1]


def test_a_finished_import_keeps_no_cells_and_its_page_logs_the_references_shown(client, users, party, upload):
    batch = upload(users["care_worker_c"], cases_file(client_row("DOS-1")))
    assert batch.rows == [] and all("values" not in o for o in batch.outcomes)
    client.force_login(users["care_worker_c"])
    before = AccessLogEntry.objects.count()
    assert client.get(f"/import/{batch.pk}/").status_code == 200
    line = AccessLogEntry.objects.order_by("-pk").first()
    assert AccessLogEntry.objects.count() == before + 1 and line.case_references == ["DOS-1"]


def test_batches_are_deleted_a_month_after_their_upload(users, party, upload):
    from datetime import timedelta

    from django.utils import timezone

    from placements.imports import services

    batch = upload(users["care_worker_c"], cases_file(client_row("DOS-1")))
    services.expire_stale_batches(now=timezone.now() + timedelta(days=services.BATCH_KEEP_DAYS - 1))
    assert ImportBatch.objects.filter(pk=batch.pk).exists()
    services.expire_stale_batches(now=timezone.now() + timedelta(days=services.BATCH_KEEP_DAYS + 1))
    assert not ImportBatch.objects.filter(pk=batch.pk).exists()
    assert OutflowCase.objects.filter(provider_reference="DOS-1").exists()  # the clients stay

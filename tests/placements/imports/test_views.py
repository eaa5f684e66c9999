"""The import pages: who may open them (the access matrix), the upload → preview → confirm journey without
JavaScript, a double confirm, and another organisation's batch (404, nothing imported)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from placements.imports import services
from placements.models import Dwelling, ImportBatch
from tests.helpers import VISITORS, expected_status
from tests.placements.imports.conftest import csv_bytes, home_row

HOMES = {"coordinator": 200, "foreign_coordinator": 200, "corporation_a": 200, "corporation_b": 200}
CLIENTS = {"care_worker_c": 200, "care_worker_d": 200}


@pytest.mark.parametrize("visitor", VISITORS)
def test_who_may_open_the_upload_pages_and_templates(client, users, visitor):
    if users[visitor]:
        client.force_login(users[visitor])
    assert client.get("/woningen/import/").status_code == expected_status(visitor, HOMES)
    assert client.get("/clienten/import/").status_code == expected_status(visitor, CLIENTS)
    assert client.get("/import/sjabloon/cases/").status_code == expected_status(visitor, CLIENTS)


@pytest.mark.parametrize("visitor", VISITORS)
def test_only_the_uploaders_organisation_in_the_same_role_sees_or_confirms_a_batch(
    client, users, neighbourhood, checked, visitor
):
    batch = checked(users["corporation_a"], csv_bytes([home_row(1)]))
    if users[visitor]:
        client.force_login(users[visitor])
    page = client.get(f"/import/{batch.pk}/")
    confirm = client.post(f"/import/{batch.pk}/bevestigen/")
    if visitor == "anonymous":
        assert page.status_code == 302
    else:
        assert page.status_code == (200 if visitor == "corporation_a" else 404)
        assert confirm.status_code == (302 if visitor == "corporation_a" else 404)
    batch.refresh_from_db()
    assert (batch.status == ImportBatch.Status.READY) == (visitor != "corporation_a")


def test_upload_preview_and_confirm_in_the_browser(client, users, neighbourhood, django_capture_on_commit_callbacks):
    client.force_login(users["corporation_a"])
    assert "Importeren uit spreadsheet" in client.get("/woningen/").content.decode()
    upload = SimpleUploadedFile("woningen.csv", csv_bytes([home_row(1), home_row(2)]), content_type="text/csv")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/woningen/import/", {"file": upload})
    batch = ImportBatch.objects.get()
    assert response.url == f"/import/{batch.pk}/"
    page = client.get(response.url).content.decode()
    assert "1551 AB 2" in page and "Bevestigen en inlezen" in page and 'http-equiv="refresh"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/import/{batch.pk}/bevestigen/")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/import/{batch.pk}/bevestigen/")  # a double click imports once
    assert Dwelling.objects.count() == 2
    assert "Ingelezen: 2 nieuw" in client.get(f"/import/{batch.pk}/").content.decode()


def test_a_running_batch_page_refreshes_itself_and_shows_progress(client, users, neighbourhood):
    batch = services.create_batch(
        kind="dwellings", file_name="w.csv", data=csv_bytes([home_row(n) for n in range(1, 5)]), by=users["coordinator"]
    )
    ImportBatch.objects.filter(pk=batch.pk).update(status=ImportBatch.Status.CHECKING)
    services.report_progress(batch.pk, 2)
    client.force_login(users["coordinator"])
    page = client.get(f"/import/{batch.pk}/").content.decode()
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page  # without JavaScript
    assert 'data-follow="2"' in page and "js/follow.js" in page  # with it, in place (tests/e2e/test_refresh.py)
    assert '<progress id="import-progress" max="100" value="50">' in page


def test_a_file_that_is_not_a_table_gets_a_message_on_the_form(client, users):
    client.force_login(users["corporation_a"])
    upload = SimpleUploadedFile("brief.pdf", b"%PDF-1.4", content_type="application/pdf")
    response = client.post("/woningen/import/", {"file": upload})
    assert response.status_code == 200
    assert "Upload een CSV-bestand (.csv) of een Excel-bestand (.xlsx)." in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_the_upload_hint_is_in_the_readers_language():
    """It was formatted once, when the module was imported, in Dutch (seen on the English pages)."""
    from django.utils import translation

    from placements.imports.forms import UploadForm

    with translation.override("en"):
        assert str(UploadForm().fields["file"].help_text).endswith("at most 10,000 rows and 5 MB.")
    with translation.override("nl"):
        assert str(UploadForm().fields["file"].help_text).endswith("hoogstens 10.000 rijen en 5 MB.")


def test_the_preview_says_when_there_are_errors_or_nothing_to_change(
    client, users, neighbourhood, django_capture_on_commit_callbacks
):
    """A newcomer read "Klaar om te bevestigen" above a file with errors (and no button), and was offered to
    confirm a file whose rows were all unchanged."""
    client.force_login(users["corporation_a"])

    def upload(rows) -> str:
        data = SimpleUploadedFile("woningen.csv", csv_bytes(rows), content_type="text/csv")
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post("/woningen/import/", {"file": data})
        return client.get(response.url).content.decode()

    page = upload([home_row(1, Postcode="1504AB1")])
    assert "Gecontroleerd, met fouten" in page and "Bevestigen en inlezen" not in page
    page = upload([home_row(2)])
    batch = ImportBatch.objects.latest("pk")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/import/{batch.pk}/bevestigen/")
    page = upload([home_row(2)])
    assert "Gecontroleerd, niets te wijzigen" in page and "er is niets in te lezen" in page
    assert "Bevestigen en inlezen" not in page

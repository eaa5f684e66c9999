"""Walks every page of placements as each role that works with clients, and checks that every client reference a
page shows is in an access-log line that request wrote (NEN 7513: every read of a client is logged)."""

import re

import pytest
from django.urls import get_resolver, reverse

from placements.imports.services import check_batch, create_batch
from placements.matching.services import propose_placement
from placements.models import AccessLogEntry, OutflowCase
from tests.factories import DwellingFactory

pytestmark = pytest.mark.django_db

CASES_FILE = (
    b"Dossiernummer;Herkomst;Doelgroep;Grootte huishouden;Begeleiding;Uitstroomklaar sinds\n"
    b"DOS-1;bw;Volwassene;1;Licht;01-02-2026\nDOS-2;mo;Volwassene;2;Licht;01-02-2026\n"
)
REFERENCE = re.compile(r"\b[A-Z]{3}-\d{4}-\d{4}\b")
READERS = ["coordinator", "care_worker_c", "corporation_a"]


@pytest.fixture
def pages(users, party, neighbourhood, dwelling, case, other_case):
    """Every GET page of placements, with its arguments; lists also as CSV; the proposal page for a free pair."""
    placement = propose_placement(dwelling_id=dwelling.pk, case_id=case.pk, by=users["coordinator"])
    free_home = DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood)
    # An import of the client's provider whose preview matched the client (by its file reference).
    OutflowCase.objects.filter(pk=case.pk).update(provider_reference="DOS-1")
    batch = create_batch(kind="cases", file_name="c.csv", data=CASES_FILE, by=users["care_worker_c"])
    check_batch(batch_id=batch.pk)
    arguments = {
        "dwelling": [dwelling.pk], "case": [case.pk], "placement": [placement.pk], "dashboard": [], "import": [batch.pk]
    }  # fmt: skip
    urls = []
    for pattern in get_resolver("placements.urls").url_patterns:
        name = pattern.name
        if name in (
            "dwelling_status", "case_status", "case_urgency", "placement_action", "dashboard_recompute", "import_confirm"
        ):  # fmt: skip
            continue  # POST only
        if name == "import_template":
            continue  # an XLSX of column names and an example row: no records
        if name in ("notifications_read", "notification_open"):
            continue  # POST only; a redirect to the object's page (walked itself)
        if name == "dashboard_region":
            urls.append(reverse(f"placements:{name}", args=[party.region.pk]))
        elif "<int:pk>" in str(pattern.pattern):
            urls.append(reverse(f"placements:{name}", args=arguments[name.split("_")[0]]))
        else:
            urls.append(reverse(f"placements:{name}"))
    urls += [
        f"{url}?export=csv"
        for url in urls
        if url.rstrip("/").split("/")[-1] in ("woningen", "clienten", "voordrachten")
    ]
    urls.append(reverse("placements:propose") + f"?dwelling={free_home.pk}&case={other_case.pk}")
    urls.append(reverse("placements:dwelling_candidates", args=[free_home.pk]))
    urls.append(reverse("home"))  # and the start page, outside placements
    return urls


def shown(response) -> set[str]:
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return set(REFERENCE.findall(body.decode()))


@pytest.mark.parametrize("reader", READERS)
def test_every_client_reference_a_page_shows_is_logged_by_that_request(client, users, pages, reader):
    client.force_login(users[reader])
    showing = []
    for url in pages:
        AccessLogEntry.objects.all().delete()
        response = client.get(url)
        references = shown(response) if response.status_code == 200 else set()
        if not references:
            continue
        showing.append(url)
        logged = {ref for entry in AccessLogEntry.objects.filter(user=users[reader]) for ref in entry.case_references}
        assert references <= logged, f"{reader} {url}: shown {sorted(references)}, logged {sorted(logged)}"
    assert len(showing) >= {"coordinator": 8, "care_worker_c": 4, "corporation_a": 3}[reader], showing

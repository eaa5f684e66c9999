"""The own figures of corporations (quota per region) and care providers (their clients' flow): each sees its own
organisation's numbers only, in a bounded number of queries; coordinators and managers keep their dashboard."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from placements.figures import services
from placements.models import Placement
from tests.factories import AgreementFactory, DwellingFactory, OutflowCaseFactory
from tests.helpers import expected_status

pytestmark = pytest.mark.django_db

CORPORATION = reverse("placements:dashboard_corporation")
CARE = reverse("placements:dashboard_care")
CARE_QUERIES = 7  # user, request savepoint and release, grants, waiting, housed and median, provider names
CORPORATION_QUERIES = 5  # user, request savepoint and release, grants, quota figures


@pytest.fixture
def quota(party):
    year = timezone.localdate().year
    AgreementFactory(region=party.region, corporation=party.corporation, quota=41, year=year)
    AgreementFactory(region=party.region, corporation=party.other_corporation, quota=77, year=year)
    return services.run_figures(run_id=services.queue_run(region_id=None).pk)


def housed(party, neighbourhood, provider, *, waited: int, by):
    today = timezone.localdate()
    case = OutflowCaseFactory(
        care_provider=provider, region=party.region, status="housed", ready_on=today - timedelta(days=waited)
    )
    home = DwellingFactory(corporation=party.corporation, neighbourhood=neighbourhood, status="let")
    Placement.objects.create(
        dwelling=home, case=case, status="moved_in", proposed_at=timezone.now(), moved_in_on=today,
        proposed_by=by,
    )  # fmt: skip


@pytest.fixture
def flow(party, neighbourhood, users):
    """Provider C: 2 waiting, housed after 10, 20 and 40 days (median 20). Provider D: 5 waiting, one housed."""
    for _ in range(2):
        OutflowCaseFactory(care_provider=party.care_provider, region=party.region)
    for waited in (10, 20, 40):
        housed(party, neighbourhood, party.care_provider, waited=waited, by=users["coordinator"])
    for _ in range(5):
        OutflowCaseFactory(care_provider=party.other_care_provider, region=party.region)
    housed(party, neighbourhood, party.other_care_provider, waited=333, by=users["coordinator"])


@pytest.mark.parametrize("visitor", ["anonymous", "outsider", "coordinator", "manager", "care_worker_c", "org_admin"])
def test_only_corporation_staff_open_the_corporation_page(client, users, visitor):
    if users[visitor]:
        client.force_login(users[visitor])
    status = client.get(CORPORATION).status_code
    assert status == (302 if visitor == "anonymous" else 403)


@pytest.mark.parametrize("visitor", ["anonymous", "outsider", "coordinator", "manager", "corporation_a", "org_admin"])
def test_only_care_workers_open_the_care_provider_page(client, users, visitor):
    if users[visitor]:
        client.force_login(users[visitor])
    assert client.get(CARE).status_code == expected_status(visitor, {})


def test_a_corporation_sees_its_own_quota_only(client, users, quota):
    client.force_login(users["corporation_a"])
    page = client.get(CORPORATION).content.decode()
    assert "Corporatie A" in page and "Zaanstreek" in page and "<td>41</td>" in page
    assert "Corporatie B" not in page and "<td>77</td>" not in page
    client.force_login(users["corporation_b"])
    page = client.get(CORPORATION).content.decode()
    assert "<td>77</td>" in page and "Corporatie A" not in page


def test_a_care_provider_sees_its_own_clients_flow_only(client, users, flow):
    client.force_login(users["care_worker_c"])
    page = client.get(CARE).content.decode()
    assert "<td>Zorg C</td><td>2</td><td>0</td>" in page
    assert "<td>3</td><td>20</td>" in page  # housed this year, median wait in days
    assert "Zorg D" not in page and "333" not in page and "<td>5</td>" not in page


def test_no_client_reference_is_shown(client, users, flow):
    client.force_login(users["care_worker_c"])
    assert "TST-" not in client.get(CARE).content.decode()


def test_the_query_count_does_not_grow_with_the_clients(
    client, users, party, neighbourhood, flow, django_assert_num_queries
):
    client.force_login(users["care_worker_c"])
    client.get(CARE)  # the session and the menu's cached pieces are warm from here on
    for waited in (5, 6, 7):
        housed(party, neighbourhood, party.care_provider, waited=waited, by=users["coordinator"])
        OutflowCaseFactory(care_provider=party.care_provider, region=party.region)
    with django_assert_num_queries(CARE_QUERIES):
        assert client.get(CARE).status_code == 200


def test_the_corporation_page_reads_its_figures_in_one_query(client, users, quota, django_assert_num_queries):
    client.force_login(users["corporation_a"])
    client.get(CORPORATION)
    with django_assert_num_queries(CORPORATION_QUERIES):
        assert client.get(CORPORATION).status_code == 200


def test_coordinators_and_managers_keep_their_dashboard_and_menu(client, users, party, figures):
    for name in ("coordinator", "manager"):
        client.force_login(users[name])
        page = client.get(reverse("placements:dashboard_region", args=[party.region.pk])).content.decode()
        assert "<td>Corporatie A</td>" in page
        assert CORPORATION not in page and CARE not in page


def test_the_menu_links_each_role_to_its_own_page(client, users):
    client.force_login(users["corporation_a"])
    page = client.get(reverse("placements:dwelling_list")).content.decode()
    assert CORPORATION in page and CARE not in page
    client.force_login(users["care_worker_c"])
    page = client.get(reverse("placements:case_list")).content.decode()
    assert CARE in page and CORPORATION not in page

"""The stored figures through the API: the rows the last run stored for the organisation's regions, per year."""

from django.urls import reverse

from tests.factories import AgreementFactory
from tests.helpers import WORLD_AS_OF, run_figures


def test_quota_and_flow_are_the_stored_rows_of_the_year(api, party, dwelling):
    AgreementFactory(region=party.region, corporation=party.corporation, year=WORLD_AS_OF.year)
    run = run_figures(party.region.pk)
    client = api("municipality", scope="read")
    year = run.as_of.year
    quota = client.get(reverse("api:quota", args=[party.region.pk]), {"year": year}).json()["results"]
    flow = client.get(reverse("api:flow", args=[party.region.pk]), {"year": year}).json()["results"]
    assert {row["corporation_name"] for row in quota} >= {"Corporatie A"}
    assert all(row["run"] == run.pk for row in quota + flow)
    assert [row["month"][:4] for row in flow] == [str(year)] * len(flow)


def test_a_year_out_of_range_is_a_problem(api, party):
    response = api("municipality").get(reverse("api:dispersion", args=[party.region.pk]), {"year": "1800"})
    assert response.status_code == 400 and "year" in response.json()["errors"]

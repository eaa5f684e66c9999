"""Realisation per municipality where an agreement is split (MUNICIPALITY_QUOTA_SQL), on the hand-made `world`
as of 1 March 2024 (day 61 of 366): corporation A's 2024 agreement of 30 is split Zaanstad 20, Wormerland 10, and
neighbourhood N5 lies in Wormerland. A's four move-ins of 2024: three in Zaanstad (N1, N2, N2), one in N5.

Zaanstad: pro rata 20 × 61/366 = 3.33; realised 3 ≥ 0.8 × 3.33 → approaching. Wormerland: pro rata 1.67;
realised 1 < 0.8 × 1.67 = 1.33 → behind."""

import csv
import io
from datetime import UTC, datetime
from decimal import Decimal

import openpyxl
import pytest
import time_machine
from django.template import Context, Template
from django.urls import reverse
from pypdf import PdfReader

from placements.models import MunicipalityQuotaFigure
from placements.reporting.build import build_report
from placements.reporting.csv import report_csv
from placements.reporting.pdf import report_pdf
from placements.reporting.xlsx import report_xlsx
from regions.models import Agreement, MunicipalityQuota
from tests.factories import MunicipalityFactory
from tests.helpers import run_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def split(world):
    region = world["region"]
    wormerland = MunicipalityFactory(region=region, cbs_code="GM0880", name="Wormerland")
    hood = world["hoods"]["N5"]
    hood.municipality = wormerland
    hood.save()
    agreement = Agreement.objects.get(region=region, corporation=world["a"], year=2024)
    MunicipalityQuota.objects.create(agreement=agreement, municipality=region.centre_municipality, quota=20)
    MunicipalityQuota.objects.create(agreement=agreement, municipality=wormerland, quota=10)
    run = run_figures()
    return {**world, "agreement": agreement, "wormerland": wormerland, "run": run}


def test_the_realisation_per_municipality_is_the_one_counted_by_hand(split):
    rows = {
        f.municipality.name: (f.quota, f.realised, f.pro_rata_target, f.pct_of_quota, f.pct_of_pro_rata, f.status)
        for f in MunicipalityQuotaFigure.objects.filter(year=2024).select_related("municipality")
    }
    assert rows == {
        "Zaanstad": (20, 3, Decimal("3.3"), Decimal("15.0"), Decimal("90.0"), "approaching"),
        "Wormerland": (10, 1, Decimal("1.7"), Decimal("10.0"), Decimal("60.0"), "behind"),
    }
    assert split["run"].rows["municipalities"] == 2
    # Only split agreements: B's, C's and A's 2023 agreement have no rows.
    assert set(MunicipalityQuotaFigure.objects.values_list("corporation_id", "year")) == {(split["a"].pk, 2024)}


def test_a_second_run_replaces_the_rows_with_the_same_figures(split):
    before = list(MunicipalityQuotaFigure.objects.order_by("municipality_id").values("municipality_id", "realised"))
    run_figures()
    after = list(MunicipalityQuotaFigure.objects.order_by("municipality_id").values("municipality_id", "realised"))
    assert after == before and len(after) == 2


def test_the_dashboard_shows_the_realisation_per_municipality(client, users, split):
    client.force_login(users["coordinator"])
    with time_machine.travel(datetime(2024, 3, 1, 12, tzinfo=UTC)):  # the dashboard shows this year and last
        response = client.get(reverse("placements:dashboard_region", args=[split["region"].pk]), {"jaar": 2024})
    html = response.content.decode()
    assert "Contingent per gemeente" in html
    assert "<td>Wormerland</td><td>10</td><td>1</td>" in html


def test_the_agreement_effect_line_names_each_municipality(split):
    html = Template("{% load agreement_effects %}{% with_effects agreements as rows %}"
                    "{% for agreement, effect in rows %}{% include 'regions/_effect.html' %}{% endfor %}").render(
        Context({"agreements": [split["agreement"]]})
    )  # fmt: skip
    assert "gerealiseerd 4 van 30" in html  # the whole agreement
    assert "Zaanstad: gerealiseerd 3 van 20, naar rato 3,3" in html
    assert "Wormerland: gerealiseerd 1 van 10, naar rato 1,7" in html


def test_the_report_has_the_table_in_xlsx_csv_and_pdf(split):
    report = build_report(region=split["region"], year=2024)
    sheet = openpyxl.load_workbook(io.BytesIO(report_xlsx(report)))["Gemeenten"]
    table = [[cell.value for cell in row] for row in sheet.iter_rows()]
    assert table[0][:4] == ["Corporatie", "Gemeente", "Contingent", "Gerealiseerd"]
    assert {row[1]: (row[2], row[3]) for row in table[1:]} == {"Wormerland": (10, 1), "Zaanstad": (20, 3)}
    content = report_csv(report, "Gemeenten").decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(content), delimiter=";"))
    assert {row[1]: row[7] for row in rows[1:]} == {"Wormerland": "Achter", "Zaanstad": "Bijna op schema"}
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(report))).pages)
    assert "Contingent per gemeente" in text and "Wormerland" in text


def test_a_report_with_small_numbers_hidden_leaves_the_table_out(split):
    """Its counts add up to the corporation's realised: a relation the suppression does not cover."""
    report = build_report(region=split["region"], year=2024, suppress=True)
    assert report.table("Gemeenten").rows == []

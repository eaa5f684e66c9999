"""What an agreement brought about, from the last stored figure run: 'gerealiseerd 12 van 30, naar rato 25', or
'nog geen cijfers' before any run covered it."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from placements.models import FigureRun, QuotaFigure
from regions.models import MunicipalityQuota
from tests.factories import AgreementFactory
from tests.helpers import count_queries, run_figures

pytestmark = pytest.mark.django_db


def stored_figure(agreement, *, quota=30, realised=12, pro_rata="25.0") -> QuotaFigure:
    run = FigureRun.objects.create(
        status=FigureRun.Status.SUCCEEDED,
        region=agreement.region,
        years=[agreement.year],
        as_of=date(2026, 10, 31),
        finished_at=datetime(2026, 11, 1, 3, 0, tzinfo=ZoneInfo("Europe/Amsterdam")),
    )
    return QuotaFigure.objects.create(
        run=run, region=agreement.region, corporation=agreement.corporation, year=agreement.year, quota=quota,
        realised=realised, in_progress=0, reserved_unused=0, elapsed_share=Decimal("0.8333"),
        pro_rata_target=Decimal(pro_rata), status=QuotaFigure.Status.BEHIND, projection=Decimal("14.4"),
    )  # fmt: skip


@pytest.fixture
def signed_in(client, coordinator):
    client.force_login(coordinator)
    return client


@pytest.mark.parametrize("url_name", ["regions:agreement_list", "regions:agreement_detail"])
def test_the_effect_is_read_from_the_stored_figures(signed_in, agreement, url_name):
    stored_figure(agreement)
    args = [agreement.pk] if url_name.endswith("detail") else []

    html = signed_in.get(reverse(url_name, args=args), {"year": 2026}).content.decode()

    assert "gerealiseerd 12 van 30, naar rato 25" in html
    assert "stand van 1 nov 2026 03:00" in html


def test_without_a_run_the_page_says_there_are_no_figures_yet(signed_in, agreement):
    html = signed_in.get(reverse("regions:agreement_detail", args=[agreement.pk])).content.decode()
    assert "nog geen cijfers" in html


def test_a_quota_changed_after_the_run_is_pointed_out(signed_in, agreement):
    stored_figure(agreement, quota=25, realised=3, pro_rata="20.8")

    html = signed_in.get(reverse("regions:agreement_detail", args=[agreement.pk])).content.decode()

    assert "gerealiseerd 3 van 25, naar rato 20,8" in html
    assert "het contingent is sindsdien gewijzigd" in html


def test_the_effect_of_a_real_run_is_shown(signed_in, agreement):
    run_figures(region_id=agreement.region_id, as_of=date(2026, 7, 2))
    figure = QuotaFigure.objects.get(region=agreement.region, corporation=agreement.corporation, year=2026)

    html = signed_in.get(reverse("regions:agreement_detail", args=[agreement.pk])).content.decode()

    assert f"gerealiseerd {figure.realised} van 30, naar rato" in html


def test_the_list_reads_the_figures_in_a_fixed_number_of_queries(signed_in, party, agreement):
    stored_figure(agreement)
    MunicipalityQuota.objects.create(agreement=agreement, municipality=party.region.centre_municipality, quota=4)
    url = reverse("regions:agreement_list") + "?year=2026"
    count_queries(signed_in, url)  # the first page of a session reads more (the session, the menu)
    one = count_queries(signed_in, url)
    other = AgreementFactory(region=party.region, corporation=party.other_corporation, year=2026)
    stored_figure(other)
    MunicipalityQuota.objects.create(agreement=other, municipality=party.region.centre_municipality, quota=4)

    assert count_queries(signed_in, url) == one

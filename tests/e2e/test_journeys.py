"""The journeys of issue 20, each through the pages as a person clicks, in Chromium on the demo region: a home
logged and seen by its corporation, a client registered and hidden from the other provider, a proposal that
overrides the dispersion rule, accepted, keys handed over, aftercare ended, figures recomputed, and the
manager's downloads opened as a user's software would."""

import csv
import io
import re

from django.contrib.auth import get_user_model
from django.utils import timezone

from placements.models import Dwelling, OutflowCase, Placement
from tests.e2e.conftest import axe_violations
from tests.helpers import enrol_totp, totp_code

YEAR = timezone.localdate().year


def realised(page, corporation: str) -> int:
    """The dashboard's 'Gerealiseerd' figure of `corporation` (the third cell of its row)."""
    row = page.locator("#quota-heading ~ .table-scroll tbody tr", has_text=corporation)
    return int(row.locator("td").nth(2).inner_text())


def test_coordinator_logs_a_home_through_the_login_page_and_the_corporation_sees_it(visit):
    secret = enrol_totp(get_user_model().objects.get(username="regisseur"))
    me = visit(None)
    page = me.go("/")
    page.get_by_label("Gebruikersnaam").fill("regisseur")
    page.get_by_label("Wachtwoord").fill("weerthuis-demo")
    page.get_by_role("button", name="Inloggen").click()
    assert not axe_violations(page)  # the second step of the sign-in
    page.locator("input[name=code]").fill(totp_code(secret))
    page.locator("input[name=code]").press("Enter")
    page.wait_for_url(re.compile(r"/$"))
    page.get_by_role("link", name="Woningen", exact=True).first.click()
    page.get_by_role("link", name=re.compile("woning vastleggen", re.I)).first.click()
    page.get_by_label("Woningcorporatie").select_option(label="Zaanland Wonen (demo)")
    page.get_by_label("Wijk of buurt").select_option(index=1)
    page.get_by_label("Straat").fill("Browserstraat")
    page.get_by_label("Huisnummer").fill("7")
    page.get_by_label("Postcode").fill("1500 ZZ")
    page.get_by_label("Plaats").fill("Zaandam")
    page.get_by_label("Soort woning").select_option(index=1)
    page.get_by_label("Kamers").fill("2")
    page.get_by_label("Gereserveerd op").fill(timezone.localdate().isoformat())
    page.get_by_label("Beschikbaar vanaf").fill(timezone.localdate().isoformat())
    page.get_by_label("Kale huur per maand (€)").fill("612.50")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_role("heading", level=1, name=re.compile("Browserstraat 7")).wait_for()
    assert Dwelling.objects.get(street="Browserstraat").rent_cents == 61250

    corporation = visit("corporatie").go("/woningen/")
    corporation.get_by_role("link", name=re.compile("Browserstraat 7")).click()
    corporation.get_by_role("heading", level=1, name=re.compile("Browserstraat 7")).wait_for()


def test_care_worker_registers_a_client_the_other_provider_cannot_see(visit):
    page = visit("begeleider").go("/clienten/nieuw/")
    page.get_by_label("Herkomst").select_option(label="Beschermd Wonen (BW)")
    page.get_by_label("Doelgroep").select_option(index=1)
    page.get_by_label("Grootte huishouden").fill("2")
    page.get_by_label("Begeleiding").select_option(index=1)
    page.get_by_label("Minimaal aantal kamers").fill("2")
    page.get_by_label("Wormerland (GM0880)").check()
    page.get_by_label("Uitstroomklaar sinds").fill(timezone.localdate().isoformat())
    page.get_by_role("button", name="Opslaan").click()
    heading = page.get_by_role("heading", level=1).inner_text()
    reference = re.search(r"ZAA-\d{4}-\d{4}", heading).group(0)
    case = OutflowCase.objects.get(reference=reference)
    assert case.household_size == 2 and case.origin == "bw"

    page.get_by_role("link", name="Cliënten", exact=True).first.click()
    assert reference in page.locator("main table").inner_text()  # the own list shows it
    other = visit("begeleider-noord")
    listing = other.go("/clienten/")
    assert reference not in listing.locator("main table").inner_text()
    response = other.page.goto(f"{other.base_url}/clienten/{case.pk}/")
    assert response.status in (403, 404) and reference not in other.page.content()


def test_a_proposal_over_the_dispersion_rule_to_aftercare_moves_the_figures(visit):
    home = Dwelling.objects.get(postcode="1551 AA", house_number=4)
    case = OutflowCase.objects.filter(status="waiting", care_provider__name__startswith="Stichting").first()
    coordinator = visit("regisseur")
    dashboard = coordinator.go("/dashboard/")
    before = realised(dashboard, "Zaanland Wonen")

    # The coordinator proposes Kerkbuurt 4 from the client's matching homes; Westzaan is over the rule.
    page = coordinator.go(f"/clienten/{case.pk}/woningen/")
    card = page.locator("section.candidate", has=page.get_by_role("heading", name="Kerkbuurt 4, Westzaan"))
    card.get_by_role("link", name="Voordragen").click()
    page.get_by_role("button", name="Toch voordragen (met reden)").click()
    assert page.locator("[data-error-summary]").is_visible()  # no reason given: refused with a message
    page.get_by_label("Reden om van de spreidingsregel af te wijken").fill("Enige gelijkvloerse woning in de regio")
    page.get_by_role("button", name="Toch voordragen (met reden)").click()
    page.get_by_role("heading", level=1, name=f"Voordracht voor {case.reference}").wait_for()
    placement = Placement.objects.get(dwelling=home, case=case)
    assert placement.status == "proposed" and placement.override_reason.startswith("Enige")

    # The corporation accepts, then records the keys.
    corporation = visit("corporatie").go(f"/voordrachten/{placement.pk}/")
    corporation.get_by_role("button", name="Voordracht accepteren").click()
    corporation.get_by_role("button", name="Sleutels overgedragen").click()
    if corporation.get_by_role("heading", name="Weet u het zeker?").count():
        corporation.locator("main form button.primary").click()
    corporation.get_by_text("De sleuteloverdracht is vastgelegd").wait_for()
    placement.refresh_from_db()
    assert placement.status == "moved_in"

    # The care worker ends the aftercare (confirmed on the next page).
    worker = visit("begeleider").go(f"/voordrachten/{placement.pk}/")
    worker.get_by_label("Uitkomst").select_option("aftercare_ended")
    worker.get_by_role("button", name="Vastleggen").click()
    worker.get_by_role("heading", name="Weet u het zeker?").wait_for()
    worker.locator("main form button.primary").click()
    worker.get_by_text("Vastgelegd; de cliënt is afgesloten.").wait_for()
    placement.refresh_from_db()
    assert placement.status == "aftercare_ended"

    # The coordinator recomputes; the page follows the run and shows the new figure.
    dashboard = coordinator.go("/dashboard/")
    dashboard.get_by_role("button", name="Nu herberekenen").click()
    dashboard.wait_for_load_state()
    dashboard.goto(dashboard.url.split("?")[0])  # tasks run in-process here: the run is done
    assert realised(dashboard, "Zaanland Wonen") == before + 1


def download(page, button: str) -> bytes:
    with page.expect_download() as info:
        page.get_by_role("button", name=button, exact=True).click()
    return open(info.value.path(), "rb").read()


def test_manager_downloads_the_report_as_xlsx_csv_and_pdf_and_the_files_open_and_reads_the_web_page(visit):
    import openpyxl
    import pypdf

    page = visit("manager").go("/rapportage/")
    workbook = openpyxl.load_workbook(io.BytesIO(download(page, "Excel (XLSX)")))
    assert "Contingent" in workbook.sheetnames
    sheet_text = " ".join(str(c.value) for row in workbook["Contingent"].iter_rows() for c in row if c.value)
    assert "Zaanland Wonen (demo)" in sheet_text

    rows = list(csv.reader(io.StringIO(download(page, "CSV contingent").decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "Corporatie" and any("Zaanland Wonen (demo)" in row for row in rows)

    pdf = pypdf.PdfReader(io.BytesIO(download(page, "PDF")))
    assert "Zaanland Wonen (demo)" in " ".join(p.extract_text() for p in pdf.pages)

    page.get_by_role("button", name="Toegankelijke webpagina (HTML)").click()
    table = page.get_by_role("table", name=re.compile("Contingent per corporatie"))
    assert "Zaanland Wonen (demo)" in table.inner_text()
    assert page.get_by_role("img", name=re.compile("Gerealiseerd als deel van het contingent")).is_visible()

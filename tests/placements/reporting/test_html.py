"""The accessible HTML version of the progress report: who may open it, that it holds exactly the figures of the
CSV files, states the as-of date, and gives every table headers and every chart a text alternative."""

import csv
import io
from html.parser import HTMLParser

import pytest
from django.urls import reverse

from placements.lists.csv import neutralise
from placements.models import AccessLogEntry
from placements.reporting.csv import report_csv
from tests.helpers import VISITORS, expected_status, structure_problems

pytestmark = pytest.mark.django_db

TABLES = ["Contingent", "Spreiding", "Complexen", "Doorstroom", "Prognose"]


class _Tables(HTMLParser):
    """The rows of each report table (by its section's data-table), cell texts in order; and the charts' names."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.section = None
        self.cell: list[str] | None = None
        self.headers: dict[str, str] = {}  # the scope of every header cell
        self.charts: list[dict] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "section" and "data-table" in attributes:
            self.section = attributes["data-table"]
            self.tables[self.section] = []
        elif self.section and tag == "tr":
            self.tables[self.section].append([])
        elif self.section and tag in ("th", "td"):
            self.cell = []
            if tag == "th":
                self.headers[f"{self.section}:{len(self.tables[self.section])}"] = attributes.get("scope", "")
        elif tag == "svg" and attributes.get("role") == "img":
            self.charts.append(attributes)

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self.cell is not None:
            self.tables[self.section][-1].append("".join(self.cell).strip())
            self.cell = None
        elif tag == "section":
            self.section = None


def params(world, **extra):
    return {"region": world["region"].pk, "year": 2024, "first_month": 1, "last_month": 12, "separator": ";", **extra}


def test_the_html_report_holds_the_figures_of_the_csv_files_with_headers_and_the_as_of_date(
    client, users, world, report
):
    client.force_login(users["manager"])
    response = client.get(reverse("placements:report"), params(world, format="html"))
    assert response.status_code == 200 and response["Content-Type"].startswith("text/html")
    assert response["Cache-Control"] == "no-store"
    html = response.content.decode()
    parsed = _Tables()
    parsed.feed(html)
    built = report()
    for name in TABLES:
        rows = list(csv.reader(io.StringIO(report_csv(built, name).decode("utf-8-sig")), delimiter=";"))
        expected = [row[: -len(built.stamp)] for row in rows] if built.table(name).rows else []  # no rows: no table
        assert [[neutralise(cell) for cell in row] for row in parsed.tables[name]] == expected, name
    assert any(parsed.tables[name] for name in TABLES)
    assert set(parsed.headers.values()) == {"col", "row"}
    for label, text in built.stamp:
        assert f"<dt>{label}</dt><dd>{text}</dd>" in html and text != "–"
    assert "<caption>Contingent per corporatie – " in html
    assert not structure_problems(html)


def test_each_chart_has_a_title_and_a_description_in_words(client, users, world, report):
    client.force_login(users["coordinator"])
    html = client.get(reverse("placements:report"), params(world, format="html")).content.decode()
    parsed = _Tables()
    parsed.feed(html)
    assert len(parsed.charts) == 2
    for chart in parsed.charts:
        title, description = chart["aria-labelledby"].split()
        assert f'<title id="{title}">' in html and f'<desc id="{description}">' in html
    assert "Corporatie C: 0 van 6 gerealiseerd" in html


def test_with_small_numbers_hidden_the_page_hides_them_as_the_files_do_and_draws_no_counts(
    client, users, world, report
):
    client.force_login(users["manager"])
    response = client.get(reverse("placements:report"), params(world, format="html", suppress="on", last_month=3))
    parsed = _Tables()
    parsed.feed(response.content.decode())
    built = report(suppress=True, last_month=3)
    flow = list(csv.reader(io.StringIO(report_csv(built, "Doorstroom").decode("utf-8-sig")), delimiter=";"))
    assert parsed.tables["Doorstroom"] == [row[: -len(built.stamp)] for row in flow]
    assert any("<5" in row for row in parsed.tables["Doorstroom"])
    assert parsed.charts == []


REPORT_READERS = {"coordinator": 200, "manager": 200, "foreign_coordinator": 200}


@pytest.mark.parametrize("visitor", VISITORS)
def test_only_coordinators_and_managers_of_the_region_open_the_html_report(client, users, world, report, visitor):
    if users[visitor]:
        client.force_login(users[visitor])
    response = client.get(reverse("placements:report"), params(world, format="html"))
    assert response.status_code == expected_status(visitor, REPORT_READERS)
    shown = "Voortgangsrapportage Weer Thuis</h1>" in response.content.decode()
    assert shown == (visitor in ("coordinator", "manager"))  # another region's coordinator gets the form back
    assert AccessLogEntry.objects.filter(action="export", query__startswith="rapportage html").exists() == shown

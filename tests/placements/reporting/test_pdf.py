"""The progress report as PDF, read with a PDF text extractor."""

import io

import pytest
from pypdf import PdfReader

from placements.reporting import pdf as pdf_module
from placements.reporting.pdf import report_pdf

pytestmark = pytest.mark.django_db


def test_the_pdf_has_title_headings_and_page_numbers_and_no_client_references(report):
    reader = PdfReader(io.BytesIO(report_pdf(report())))
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "Voortgangsrapportage Weer Thuis" in text and "Zaanstreek" in text
    assert "Stand van de cijfers" in text
    assert f"pagina 1 van {len(reader.pages)}" in text
    for heading in ("Contingent per corporatie", "Spreiding per wijk", "Doorstroom per maand", "Definities"):
        assert heading in text
    assert "Corporatie B" in text and "ZAA-" not in text


def test_the_pdf_keeps_long_tables_to_what_reads_on_paper(report, monkeypatch):
    monkeypatch.setattr(pdf_module, "PAPER_ROWS", 3)
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(report_pdf(report()))).pages)
    assert "N2" in text  # over the norm: always shown
    assert "van 6). De volledige lijst staat in de Excel- en CSV-download." in text

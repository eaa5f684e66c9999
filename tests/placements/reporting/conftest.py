"""The progress report of the hand-made dataset (`world`, tests/placements/conftest.py) for 2024."""

import pytest

from placements.reporting.build import build_report
from tests.helpers import run_figures


@pytest.fixture
def report(world):
    """Build the 2024 report (keyword arguments as build_report's) after a figure run; corporation A is named like
    a spreadsheet formula, to show that no download runs it."""
    world["a"].name = '=HYPERLINK("http://evil.invalid","klik")'
    world["a"].save()
    run_figures()
    return lambda **kw: build_report(region=world["region"], year=2024, **kw)

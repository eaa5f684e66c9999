"""CSV downloads: a cell a spreadsheet could run as a formula is shown as text."""

import pytest

from placements.lists.csv import neutralise


@pytest.mark.parametrize("value", ["=1+1", "+31", "-2", "@SUM(A1)", "\t=x"])
def test_formula_cells_are_neutralised(value):
    assert neutralise(value).startswith("'")

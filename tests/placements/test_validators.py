"""The shared input checks (placements/validators.py): what they let through and what they refuse."""

import pytest
from django.core.exceptions import ValidationError

from placements.validators import (
    refuse_control_characters,
    refuse_control_characters_in_line,
    validate_house_number_addition,
)


@pytest.mark.parametrize("addition", ["", "A", "2", "bis", "3-hoog", "H"])
def test_a_house_number_addition_of_letters_digits_and_dashes_is_accepted(addition):
    validate_house_number_addition(addition)


@pytest.mark.parametrize("addition", ["A\r\n", "A\n", "🏠", "@SUM(1+1)", "=1+1", "A B", "1/2", "é"])
def test_a_house_number_addition_with_anything_else_is_refused(addition):
    with pytest.raises(ValidationError, match="alleen uit letters, cijfers en '-'"):
        validate_house_number_addition(addition)


def test_a_note_keeps_its_line_breaks_and_tabs():
    refuse_control_characters("Eerste regel\r\nTweede\tregel")


@pytest.mark.parametrize("text", ["\x00", "reden\x00", "\x1b[31m", "\x7f", "\x0b"])
def test_a_note_with_a_control_character_is_refused(text):
    with pytest.raises(ValidationError, match="stuurteken"):
        refuse_control_characters(text)


@pytest.mark.parametrize("text", ["Dorpsstraat\n", "Zaandam\r", "a\tb", "\x00"])
def test_a_line_with_a_line_break_or_control_character_is_refused(text):
    with pytest.raises(ValidationError, match="één regel"):
        refuse_control_characters_in_line(text)

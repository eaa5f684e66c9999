"""What the regions models share: CBS code and year validation, and choice labels looked up by value."""

from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

MUNICIPALITY_CODE = r"^GM[0-9]{4}$"
NEIGHBOURHOOD_CODE = r"^(WK[0-9]{6}|BU[0-9]{8})$"
FIRST_YEAR, LAST_YEAR = 2000, 2100

municipality_code_validator = RegexValidator(
    MUNICIPALITY_CODE, _("Een CBS-gemeentecode is 'GM' gevolgd door 4 cijfers, bijvoorbeeld GM0479.")
)
neighbourhood_code_validator = RegexValidator(
    NEIGHBOURHOOD_CODE,
    _("Een CBS-code is 'WK' met 6 cijfers (wijk, bijv. WK047901) of 'BU' met 8 cijfers (buurt, bijv. BU04790101)."),
)
year_validators = [
    MinValueValidator(FIRST_YEAR, _("Het jaar moet %(limit_value)s of later zijn.")),
    MaxValueValidator(LAST_YEAR, _("Het jaar moet %(limit_value)s of eerder zijn.")),
]


class ChoiceLabels(dict):
    """A choice field's labels by value; an unknown value shows as itself."""

    def __missing__(self, value):
        return value

    def translated(self) -> "ChoiceLabels":
        """The labels as plain text in the active language: translate once, look up many times."""
        return ChoiceLabels({value: str(label) for value, label in self.items()})


def year_range_check(field: str, name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gte": FIRST_YEAR, f"{field}__lte": LAST_YEAR}),
        name=name,
        violation_error_message=_("Het jaar moet tussen %(first)s en %(last)s liggen.")
        % {"first": FIRST_YEAR, "last": LAST_YEAR},
    )


def version_field() -> models.PositiveIntegerField:
    """The edit counter of a record that people edit in a form: each save of an edit form moves it on, and a form
    based on an older version is refused (regions.editing). Services that change a status do not move it."""
    return models.PositiveIntegerField(_("versie"), default=1, db_default=1, editable=False)

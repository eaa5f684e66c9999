"""Geography, parties and what they agreed. This app never imports `placements`."""

from regions.models.agreements import Agreement, DispersionRule, MunicipalityQuota
from regions.models.common import ChoiceLabels
from regions.models.geography import Municipality, Neighbourhood, Region
from regions.models.parties import Membership, Organisation

__all__ = [
    "Agreement",
    "ChoiceLabels",
    "DispersionRule",
    "Membership",
    "Municipality",
    "MunicipalityQuota",
    "Neighbourhood",
    "Organisation",
    "Region",
]

"""Models of placements, split by job: records (homes, clients, access log), matching (placements) and figures
(the stored nightly figures and their runs)."""

from placements.models.figures import BuildingFigure, DispersionFigure, FigureRun, FlowFigure, QuotaFigure
from placements.models.matching import ACTIVE_PLACEMENT_STATUSES, Placement
from placements.models.records import AccessLogEntry, Dwelling, OutflowCase, ReferenceCounter, waiting_time

__all__ = [
    "ACTIVE_PLACEMENT_STATUSES",
    "AccessLogEntry",
    "BuildingFigure",
    "DispersionFigure",
    "Dwelling",
    "FigureRun",
    "FlowFigure",
    "OutflowCase",
    "Placement",
    "QuotaFigure",
    "ReferenceCounter",
    "waiting_time",
]

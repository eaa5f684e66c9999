"""Models of placements, one module per family: homes (`dwellings`), clients (`cases`), placements, the access
log, notifications and their preferences (`notifications`), the stored figures and their runs (`figures`), the
triggers that keep region columns in step (`region_sync`), and the forms already handled (`submissions`) and the
retention runs (`retention`), and the uploads of the import (`imports`)."""

from placements.models.access_log import AccessLogEntry
from placements.models.api_tokens import ApiToken
from placements.models.cases import CaseEpisode, OutflowCase, ReferenceCounter, waiting_time
from placements.models.dwellings import Dwelling
from placements.models.figures import (
    BuildingFigure,
    DispersionFigure,
    FigureRun,
    FlowFigure,
    ForecastFigure,
    MunicipalityQuotaFigure,
    QuotaFigure,
)
from placements.models.imports import ImportBatch
from placements.models.notifications import Notification, NotificationKind, NotificationPreference
from placements.models.placements import ACTIVE_PLACEMENT_STATUSES, Placement
from placements.models.region_sync import MunicipalityMove, NeighbourhoodMove
from placements.models.retention import RetentionRun
from placements.models.submissions import Submission

__all__ = [
    "ACTIVE_PLACEMENT_STATUSES",
    "AccessLogEntry",
    "ApiToken",
    "BuildingFigure",
    "CaseEpisode",
    "DispersionFigure",
    "Dwelling",
    "FigureRun",
    "FlowFigure",
    "ForecastFigure",
    "ImportBatch",
    "MunicipalityMove",
    "MunicipalityQuotaFigure",
    "NeighbourhoodMove",
    "Notification",
    "NotificationKind",
    "NotificationPreference",
    "OutflowCase",
    "Placement",
    "QuotaFigure",
    "ReferenceCounter",
    "RetentionRun",
    "Submission",
    "waiting_time",
]

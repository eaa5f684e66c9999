from django.apps import AppConfig
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = _("Woningen, cliënten en plaatsingen")

    def ready(self):
        from placements.figures.services import bump_figures_version
        from placements.lists.paging import bump_filter_choices_version, bump_records_version
        from placements.models import Dwelling, FigureRun, OutflowCase, Placement
        from regions.models import Municipality, Organisation, Region

        model: type[Model]
        # The lists' counts of results.
        for model in (Dwelling, OutflowCase, Placement):
            post_save.connect(bump_records_version, sender=model, dispatch_uid=f"lists-{model.__name__}-save")
            post_delete.connect(bump_records_version, sender=model, dispatch_uid=f"lists-{model.__name__}-delete")

        # The lists' filter forms offer the municipalities and organisations of the user's regions.
        for model in (Region, Municipality, Organisation):
            post_save.connect(bump_filter_choices_version, sender=model, dispatch_uid=f"filters-{model.__name__}-save")
            post_delete.connect(
                bump_filter_choices_version, sender=model, dispatch_uid=f"filters-{model.__name__}-delete"
            )
        m2m_changed.connect(
            bump_filter_choices_version,
            sender=Organisation.regions.through,
            dispatch_uid="filters-organisation-regions",
        )

        # Live figures: a committed change to what the figures read requests a recompute of its region.
        from placements.figures.live import LIVE_MODELS, changed

        for model in LIVE_MODELS:
            post_save.connect(changed, sender=model, dispatch_uid=f"figures-live-{model.__name__}-save")
            post_delete.connect(changed, sender=model, dispatch_uid=f"figures-live-{model.__name__}-delete")

        # The dashboard's run status and the report's run and years.
        post_save.connect(bump_figures_version, sender=FigureRun, dispatch_uid="figures-run-save")
        post_delete.connect(bump_figures_version, sender=FigureRun, dispatch_uid="figures-run-delete")

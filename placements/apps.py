from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils.translation import gettext_lazy as _


class PlacementsConfig(AppConfig):
    name = "placements"
    verbose_name = _("Woningen, cliënten en plaatsingen")

    def ready(self):
        from placements.views.listing import bump_filter_choices_version
        from regions.models import Municipality, Organisation, Region

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

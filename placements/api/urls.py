"""The REST API, version 1 (docs/api.md): the schema and its documentation page are public; everything else needs
an organisation's token."""

from django.urls import include, path, re_path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from placements.api import figures
from placements.api.homes import DwellingViewSet
from placements.api.problems import not_found
from placements.api.proposals import ProposalViewSet

app_name = "api"

router = SimpleRouter()
router.register("homes", DwellingViewSet, basename="home")
router.register("proposals", ProposalViewSet, basename="proposal")

urlpatterns = [
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="api:schema"), name="docs"),
    path("regions/", figures.RegionList.as_view(), name="regions"),
    path("regions/<int:region_id>/quota/", figures.QuotaFigures.as_view(), name="quota"),
    path("regions/<int:region_id>/dispersion/", figures.DispersionFigures.as_view(), name="dispersion"),
    path("regions/<int:region_id>/buildings/", figures.BuildingFigures.as_view(), name="buildings"),
    path("regions/<int:region_id>/flow/", figures.FlowFigures.as_view(), name="flow"),
    path("", include(router.urls)),
    # Any other address under the API: a problem, not the site's HTML page.
    re_path(r"^.*$", not_found),
]

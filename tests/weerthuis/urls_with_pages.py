"""A URL configuration in which every menu page exists, to test the menu before the pages are built."""

from django.http import HttpResponse
from django.urls import include, path

from weerthuis.urls import urlpatterns as real_urlpatterns


def page(request):
    return HttpResponse("")


placement_pages = (
    [
        path(name, page, name=name)
        for name in ["dwelling_list", "case_list", "placement_list", "dashboard", "report", "notifications"]
    ],
    "placements",
)

urlpatterns = [
    *(p for p in real_urlpatterns if getattr(p, "namespace", None) != "placements"),
    path("test-pages/", include(placement_pages)),
]

from django.urls import path

from placements import views

app_name = "placements"

urlpatterns = [
    path("woningen/", views.DwellingListView.as_view(), name="dwelling_list"),
    path("woningen/nieuw/", views.DwellingCreateView.as_view(), name="dwelling_create"),
    path("woningen/<int:pk>/", views.DwellingDetailView.as_view(), name="dwelling_detail"),
    path("woningen/<int:pk>/wijzigen/", views.DwellingUpdateView.as_view(), name="dwelling_update"),
    path("woningen/<int:pk>/status/", views.DwellingStatusView.as_view(), name="dwelling_status"),
    path("clienten/", views.CaseListView.as_view(), name="case_list"),
    path("clienten/nieuw/", views.CaseCreateView.as_view(), name="case_create"),
    path("clienten/<int:pk>/", views.CaseDetailView.as_view(), name="case_detail"),
    path("clienten/<int:pk>/wijzigen/", views.CaseUpdateView.as_view(), name="case_update"),
    path("clienten/<int:pk>/status/", views.CaseStatusView.as_view(), name="case_status"),
]

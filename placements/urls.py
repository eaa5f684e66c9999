from django.urls import path

from placements.figures import views as dashboard
from placements.matching import views as matching
from placements.notifications import views as notifications
from placements.records import urgency
from placements.records import views as records
from placements.reporting import views as reports

# Every page of the domain, one namespace; the views live in their rooms.
app_name = "placements"

urlpatterns = [
    path("woningen/", records.DwellingListView.as_view(), name="dwelling_list"),
    path("woningen/nieuw/", records.DwellingCreateView.as_view(), name="dwelling_create"),
    path("woningen/<int:pk>/", records.DwellingDetailView.as_view(), name="dwelling_detail"),
    path("woningen/<int:pk>/wijzigen/", records.DwellingUpdateView.as_view(), name="dwelling_update"),
    path("woningen/<int:pk>/status/", records.DwellingStatusView.as_view(), name="dwelling_status"),
    path("clienten/", records.CaseListView.as_view(), name="case_list"),
    path("clienten/nieuw/", records.CaseCreateView.as_view(), name="case_create"),
    path("clienten/<int:pk>/", records.CaseDetailView.as_view(), name="case_detail"),
    path("clienten/<int:pk>/wijzigen/", records.CaseUpdateView.as_view(), name="case_update"),
    path("clienten/<int:pk>/status/", records.CaseStatusView.as_view(), name="case_status"),
    path("clienten/<int:pk>/urgentie/", urgency.CaseUrgencyView.as_view(), name="case_urgency"),
    path("woningen/<int:pk>/kandidaten/", matching.DwellingCandidatesView.as_view(), name="dwelling_candidates"),
    path("clienten/<int:pk>/woningen/", matching.CaseCandidatesView.as_view(), name="case_candidates"),
    path("voordrachten/", matching.PlacementListView.as_view(), name="placement_list"),
    path("voordrachten/nieuw/", matching.ProposeView.as_view(), name="propose"),
    path("voordrachten/<int:pk>/", matching.PlacementDetailView.as_view(), name="placement_detail"),
    path("voordrachten/<int:pk>/besluit/", matching.PlacementActionView.as_view(), name="placement_action"),
    path("dashboard/", dashboard.DashboardIndexView.as_view(), name="dashboard"),
    path("dashboard/corporatie/", dashboard.CorporationDashboardView.as_view(), name="dashboard_corporation"),
    path("dashboard/zorgaanbieder/", dashboard.CareProviderDashboardView.as_view(), name="dashboard_care"),
    path("dashboard/<int:region_id>/", dashboard.DashboardView.as_view(), name="dashboard_region"),
    path("dashboard/<int:region_id>/herbereken/", dashboard.RecomputeView.as_view(), name="dashboard_recompute"),
    path("rapportage/", reports.ReportView.as_view(), name="report"),
    path("meldingen/", notifications.inbox, name="notifications"),
    path("meldingen/alles-gelezen/", notifications.mark_all_read, name="notifications_read"),
    path("meldingen/<int:pk>/", notifications.open_notification, name="notification_open"),
    path("meldingen/voorkeuren/", notifications.preferences, name="notification_preferences"),
]

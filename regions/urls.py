from django.urls import path

from regions import views

app_name = "regions"

urlpatterns = [
    path("", views.AgreementListView.as_view(), name="agreement_list"),
    path("nieuw/", views.AgreementCreateView.as_view(), name="agreement_create"),
    path("<int:pk>/", views.AgreementDetailView.as_view(), name="agreement_detail"),
    path("<int:pk>/wijzigen/", views.AgreementUpdateView.as_view(), name="agreement_update"),
    path("spreidingsregels/", views.RuleListView.as_view(), name="rule_list"),
    path("spreidingsregels/nieuw/", views.RuleCreateView.as_view(), name="rule_create"),
    path("spreidingsregels/<int:pk>/", views.RuleDetailView.as_view(), name="rule_detail"),
    path("spreidingsregels/<int:pk>/wijzigen/", views.RuleUpdateView.as_view(), name="rule_update"),
]

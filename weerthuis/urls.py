from allauth.account import views as account_views
from allauth.account.decorators import secure_admin_login
from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from weerthuis import kept_input, views
from weerthuis.accounts import reset

admin.site.site_header = _("Weer Thuis – beheer")
admin.site.site_title = _("Weer Thuis beheer")
admin.site.index_title = _("Beheer")
# The admin signs in through the same page as everyone, second factor and lockout included.
admin.site.login = secure_admin_login(admin.site.login)  # type: ignore[method-assign]

urlpatterns = [
    path("", views.home, name="home"),
    path("inloggen/", account_views.LoginView.as_view(), name="login"),
    path("uitloggen/", account_views.LogoutView.as_view(), name="logout"),
    path("account/", include("weerthuis.accounts.urls")),
    # allauth's own pages to manage e-mail addresses and to sign up are not offered: an address is set by an
    # invitation or the administrator (a person adding someone else's address would receive their reset links),
    # and nobody signs up.
    path("account/email/", views.not_offered),
    path("account/password/reset/", reset.request_reset, name="account_reset_password"),
    path("account/signup/", views.not_offered),
    path("account/", include("allauth.urls")),
    path("gezondheid/", views.health, name="health"),
    path("api/v1/", include("placements.api.urls")),
    path("toegankelijkheid/", views.accessibility, name="accessibility"),
    path("formulier-terug/", kept_input.kept_input, name="kept_input"),
    path("nog-hier/", kept_input.still_here, name="still_here"),
    path("", include("placements.urls")),
    path("afspraken/", include("regions.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("beheer/", admin.site.urls),
]

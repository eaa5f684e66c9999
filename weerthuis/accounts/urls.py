"""The organisation administrator's pages and accepting an invitation, under account/ (weerthuis/urls.py)."""

from django.urls import path

from placements.api import pages as api_pages
from weerthuis.accounts import views
from weerthuis.accounts.my_account import SessionsView, my_account

app_name = "accounts"

urlpatterns = [
    path("mijn-account/", my_account, name="my_account"),
    # Before allauth's own (weerthuis/urls.py includes this first): the same page, with ending recorded.
    path("sessions/", SessionsView.as_view(), name="sessions"),
    path("organisatie/mensen/", views.organisations, name="organisations"),
    path("organisatie/<int:organisation_id>/mensen/", views.people, name="people"),
    path("organisatie/<int:organisation_id>/mensen/uitnodigen/", views.invite, name="invite"),
    path("organisatie/<int:organisation_id>/mensen/<int:user_id>/", views.person, name="person"),
    path("organisatie/<int:organisation_id>/mensen/<int:user_id>/rol/", views.person_role, name="person_role"),
    path("organisatie/<int:organisation_id>/mensen/<int:user_id>/account/", views.person_status, name="person_status"),
    path("organisatie/<int:organisation_id>/uitnodigingen/", views.invitations, name="invitations"),
    path(
        "organisatie/<int:organisation_id>/uitnodigingen/<int:invitation_id>/intrekken/",
        views.invitation_revoke,
        name="invitation_revoke",
    ),
    path("organisatie/<int:organisation_id>/aanmeldingen/", views.events, name="events"),
    # The organisation's API tokens (placements.api.pages), beside its people.
    path("organisatie/<int:organisation_id>/api-sleutels/", api_pages.tokens, name="api_tokens"),
    path(
        "organisatie/<int:organisation_id>/api-sleutels/<int:token_id>/intrekken/",
        api_pages.revoke,
        name="api_token_revoke",
    ),
    path("uitnodiging/<str:token>/", views.accept_invitation, name="accept_invitation"),
]

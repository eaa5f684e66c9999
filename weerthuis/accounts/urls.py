from django.urls import path

from weerthuis.accounts.my_account import my_account

urlpatterns = [
    path("mijn-account/", my_account, name="my_account"),
]

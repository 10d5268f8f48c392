from django.urls import path

from sopan.organisations import views

app_name = "organisations"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("token/", views.token_create, name="token_create"),
    path("token/<int:token_id>/cabut/", views.token_revoke, name="token_revoke"),
]

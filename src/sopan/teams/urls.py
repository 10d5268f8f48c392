from django.urls import path

from sopan.teams import views

app_name = "teams"

urlpatterns = [
    path("", views.team_list, name="list"),
    path("baru/", views.team_create, name="create"),
    path("<int:pk>/", views.team_detail, name="detail"),
    path("<int:pk>/ubah/", views.team_update, name="update"),
]

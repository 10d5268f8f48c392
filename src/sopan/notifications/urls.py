from django.urls import path

from sopan.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.notification_list, name="list"),
    path("<int:pk>/baca/", views.notification_read, name="read"),
    path("baca-semua/", views.notification_read_all, name="read_all"),
]

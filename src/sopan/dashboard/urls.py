from django.urls import path

from sopan.dashboard import views

app_name = "dashboard"

urlpatterns = [
    path("", views.home, name="home"),
    path("dasbor.xlsx", views.export_xlsx, name="xlsx"),
]

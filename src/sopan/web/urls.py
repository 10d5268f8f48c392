from django.urls import path

from sopan.web import auth_views, language, views

app_name = "web"

urlpatterns = [
    path("", views.home, name="home"),
    path("masuk/", auth_views.LoginView.as_view(), name="login"),
    path("keluar/", auth_views.LogoutView.as_view(), name="logout"),
    path("bahasa/<str:code>/", language.set_language, name="language"),
]

from django.urls import path

from sopan.sops import views

app_name = "sops"

urlpatterns = [
    path("<int:sop_id>/", views.sop_latest, name="latest"),
    path("<int:sop_id>/v/<int:number>/", views.version_detail, name="version"),
    path(
        "<int:sop_id>/v/<int:number>/unduh/<slug:fmt>/",
        views.version_download,
        name="download",
    ),
]

from django.urls import include, path

from sopan.sops import revision_views, views

app_name = "sops"

urlpatterns = [
    path("", include("sopan.sops.portal_urls")),
    path("", include("sopan.sops.history_urls")),
    path("", include("sopan.sops.review_urls")),
    path("", include("sopan.sops.editor_urls")),
    path("<int:sop_id>/revisi/", revision_views.revision_new, name="revision_start"),
    path("<int:sop_id>/v/<int:number>/", views.version_detail, name="version"),
    path(
        "<int:sop_id>/v/<int:number>/unduh/<slug:fmt>/",
        views.version_download,
        name="download",
    ),
]

from django.contrib import admin
from django.urls import include, path

from sopan.config.api import api
from sopan.sops import verification

admin.site.site_header = "sopan"
admin.site.site_title = "sopan"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("sop/", include("sopan.sops.urls")),
    path("inventaris/", include("sopan.inventory.urls")),
    path("dasbor/", include("sopan.dashboard.urls")),
    path("notifikasi/", include("sopan.notifications.urls")),
    path("tinjauan/", include("sopan.reviews.urls")),
    path("tim/", include("sopan.teams.urls")),
    path("tugas/", include("sopan.tasks.urls")),
    path("v/<str:token>/", verification.verify, name="verify"),
    path("api/v1/", api.urls),
    path("profil/", include("sopan.organisations.urls")),
    path("", include("sopan.web.urls")),
]

handler403 = "sopan.web.views.permission_denied"
handler404 = "sopan.web.views.page_not_found"
handler500 = "sopan.web.views.server_error"

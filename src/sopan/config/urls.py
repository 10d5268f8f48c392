from django.contrib import admin
from django.urls import include, path

admin.site.site_header = "sopan"
admin.site.site_title = "sopan"

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("sopan.web.urls")),
]

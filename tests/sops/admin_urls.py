"""Only the admin: keeps the sops admin tests independent of the web app's URLs."""

from django.contrib import admin
from django.urls import path

urlpatterns = [path("admin/", admin.site.urls)]

"""Only the admin: keeps these tests independent of the other apps' URLs."""

from django.contrib import admin
from django.urls import path

urlpatterns = [path("admin/", admin.site.urls)]

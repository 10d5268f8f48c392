"""History of an SOP and the difference view between two of its versions."""

from django.urls import path

from sopan.sops import history_views

urlpatterns = [
    path("<int:sop_id>/riwayat/", history_views.history, name="history"),
    path("<int:sop_id>/beda/", history_views.compare_pick, name="compare"),
    path("<int:sop_id>/beda/<int:a>/<int:b>/", history_views.difference, name="diff"),
]

"""The intranet SOP list, the SOP page and the document stylesheet (under ``/sop/``)."""

from django.urls import path

from sopan.sops import portal_views

urlpatterns = [
    path("", portal_views.sop_list, name="list"),
    path("dokumen.css", portal_views.document_css, name="document_css"),
    path("<int:sop_id>/", portal_views.sop_page, name="latest"),
]

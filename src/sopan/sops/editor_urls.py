"""The draft editor, attachments and export (included from ``sops/urls.py``, under ``/sop/``)."""

from django.urls import path

from sopan.sops import attachment_views, editor_views

version = "<int:sop_id>/v/<int:number>/"

urlpatterns = [
    path("baru/", editor_views.draft_new, name="new"),
    path(f"{version}ubah/", editor_views.editor, name="editor"),
    path(f"{version}ubah/pratinjau/", editor_views.editor_preview, name="editor_preview"),
    path(f"{version}ubah/pulihkan/", editor_views.editor_restore, name="editor_restore"),
    path(f"{version}ubah/peraturan/", editor_views.editor_regulations, name="editor_regulations"),
    path(f"{version}ekspor/<slug:fmt>/", editor_views.version_export, name="export"),
    path(f"{version}lampiran/", attachment_views.attachment_upload, name="attachment_upload"),
    path(
        f"{version}lampiran/<int:pk>/",
        attachment_views.attachment_download,
        name="attachment_download",
    ),
    path(
        f"{version}lampiran/<int:pk>/hapus/",
        attachment_views.attachment_remove,
        name="attachment_remove",
    ),
]

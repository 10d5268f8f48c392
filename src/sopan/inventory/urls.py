from django.urls import path

from sopan.inventory import views

app_name = "inventory"

urlpatterns = [
    path("", views.home, name="home"),
    path("peringkat/", views.ranked_list, name="ranked"),
    path("peringkat.xlsx", views.ranked_xlsx, name="ranked_xlsx"),
    path("tabel-6/", views.tabel6, name="tabel6"),
    path("tabel-6.xlsx", views.tabel6_xlsx, name="tabel6_xlsx"),
    path("proses/baru/", views.process_create, name="process_create"),
    path("proses/<int:pk>/", views.process_detail, name="process"),
    path("proses/<int:pk>/ubah/", views.process_update, name="process_update"),
    path("proses/<int:pk>/hapus/", views.process_delete, name="process_delete"),
    path("proses/<int:pk>/konsep/", views.process_draft, name="process_draft"),
    path("konsep/", views.drafts_create, name="drafts_create"),
    path("impor/", views.import_view, name="import"),
    path("impor/templat.xlsx", views.import_template, name="import_template"),
    path("bobot/", views.weights_view, name="weights"),
]

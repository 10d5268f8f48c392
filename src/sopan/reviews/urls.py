from django.urls import path

from sopan.reviews import views

app_name = "reviews"

urlpatterns = [
    path("", views.review_list, name="list"),
    path("<int:sop_id>/", views.review_detail, name="detail"),
    path("<int:sop_id>/tidak-berubah/", views.review_no_change, name="no_change"),
    path("<int:sop_id>/revisi/", views.review_revision, name="revision"),
    path("<int:sop_id>/jangka/", views.review_interval, name="interval"),
]

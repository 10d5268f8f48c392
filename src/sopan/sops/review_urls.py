"""The review and approval screen of a version and the forms it posts to."""

from django.urls import path

from sopan.sops import review_views

PREFIX = "<int:sop_id>/v/<int:number>/reviu/"

urlpatterns = [
    path(PREFIX, review_views.review, name="review"),
    path(f"{PREFIX}komentar/", review_views.comment, name="review_comment"),
    path(
        f"{PREFIX}komentar/<int:comment_id>/selesai/",
        review_views.resolve,
        name="review_resolve",
    ),
    path(f"{PREFIX}masukan/", review_views.feedback, name="review_feedback"),
    path(f"{PREFIX}<slug:action>/", review_views.act, name="review_action"),
]

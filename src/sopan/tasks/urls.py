from django.urls import path

from sopan.tasks import views

app_name = "tasks"

urlpatterns = [path("", views.my_tasks, name="home")]

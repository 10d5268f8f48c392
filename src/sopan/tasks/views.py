"""``/tugas/``: Tugas Saya, the page every signed-in person lands on."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sopan.tasks.selectors import tasks_for


@login_required
def my_tasks(request: HttpRequest) -> HttpResponse:
    user = request.user
    assert isinstance(user, User)  # login_required: never anonymous here
    today = timezone.localdate()
    groups = tasks_for(user, today)
    return render(request, "tasks/home.html", {"groups": groups, "today": today})

"""The demo has reviews due soon and overdue, and loading it again adds no review rows."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.models import User
from django.utils import timezone

from sopan.audit.models import AuditEvent
from sopan.demo.loader import load_demo
from sopan.reviews.models import ReviewDecision, ReviewSchedule
from sopan.reviews.selectors import reviews_due, reviews_overdue
from sopan.sops.models import SopVersion

pytestmark = pytest.mark.django_db


def test_demo_reviews_due_soon_and_overdue() -> None:
    load_demo()
    today = timezone.localdate()
    koordinator = User.objects.get(username="demo.koordinator")
    in_force = SopVersion.objects.filter(status="berlaku").count()
    assert ReviewSchedule.objects.count() == in_force
    due = {s.version.nama: s.due for s in reviews_due(koordinator, today)}
    assert due["Penerbitan Keputusan Bupati"] == today + dt.timedelta(days=12)
    overdue = {s.version.nama: s.due for s in reviews_overdue(koordinator, today)}
    assert any(due == today - dt.timedelta(days=20) for due in overdue.values())


def test_loading_twice_adds_no_review_rows() -> None:
    load_demo()
    counts = (ReviewSchedule.objects.count(), ReviewDecision.objects.count())
    events = AuditEvent.objects.count()
    load_demo()
    assert (ReviewSchedule.objects.count(), ReviewDecision.objects.count()) == counts
    assert AuditEvent.objects.count() == events

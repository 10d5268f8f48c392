"""The notify() service: in-app rows, email after commit, dedupe, inactive users."""

from __future__ import annotations

from typing import Any

import pytest
from django.contrib.auth.models import User

from sopan.notifications.models import Notification
from sopan.notifications.services import notify
from tests import factories

pytestmark = pytest.mark.django_db


def _notify(users: list[User], **kw: Any) -> list[Notification]:
    args: dict[str, Any] = {
        "users": users,
        "kind": "uji.coba",
        "title": "Tenggat tim penyusun",
        "body": "Tenggat tinggal 7 hari.",
        "url": "/tugas/",
    }
    args.update(kw)
    return notify(**args)


def test_rows_and_email_after_commit(
    mailoutbox: list[Any], django_capture_on_commit_callbacks: Any, settings: Any
) -> None:
    settings.SITE_URL = "https://sop.contoh.go.id"
    a, b = factories.make_user("a"), factories.make_user("b", email="b@contoh.go.id")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        rows = _notify([a, b, a])
        assert mailoutbox == []  # nothing leaves before the commit
    assert len(rows) == 2
    for callback in callbacks:
        callback()
    assert sorted(m.to[0] for m in mailoutbox) == ["a@contoh.go.id", "b@contoh.go.id"]
    mail = mailoutbox[0]
    assert mail.subject == "[sopan] Tenggat tim penyusun"
    assert mail.body == "Tenggat tinggal 7 hari.\n\nhttps://sop.contoh.go.id/tugas/\n"
    assert Notification.objects.filter(email_sent_at__isnull=False).count() == 2


def test_dedupe_key_notifies_once(
    mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    a, b = factories.make_user("a"), factories.make_user("b")
    with django_capture_on_commit_callbacks(execute=True):
        assert len(_notify([a], dedupe_key="tim:1:h-7")) == 1
        assert len(_notify([a, b], dedupe_key="tim:1:h-7")) == 1  # only b is new
        assert _notify([a, b], dedupe_key="tim:1:h-7") == []
    assert Notification.objects.count() == 2
    assert len(mailoutbox) == 2


def test_no_email_when_asked_or_no_address(
    mailoutbox: list[Any], django_capture_on_commit_callbacks: Any
) -> None:
    a = factories.make_user("a")
    nomail = factories.make_user("nomail")
    User.objects.filter(pk=nomail.pk).update(email="")
    nomail.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        _notify([a], email=False)
        _notify([nomail])
    assert mailoutbox == []
    assert Notification.objects.count() == 2


def test_inactive_users_skipped_and_object_reference_kept() -> None:
    a = factories.make_user("a")
    gone = factories.make_user("gone")
    User.objects.filter(pk=gone.pk).update(is_active=False)
    gone.refresh_from_db()
    (row,) = _notify([a, gone], obj=a)
    assert (row.object_type, row.object_id) == ("auth.user", str(a.pk))


def test_email_failure_keeps_the_row(
    settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    settings.EMAIL_BACKEND = "tests.notifications.broken_backend.BrokenBackend"
    a = factories.make_user("a")
    with django_capture_on_commit_callbacks(execute=True):
        _notify([a])
    row = Notification.objects.get()
    assert row.email_sent_at is None

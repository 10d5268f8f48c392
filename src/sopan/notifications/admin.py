from django.contrib import admin

from sopan.notifications.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ("created_at", "recipient", "kind", "title", "read_at", "email_sent_at")
    list_filter = ("kind",)
    search_fields = ("title", "recipient__username")
    readonly_fields = ("created_at", "email_sent_at", "dedupe_key")

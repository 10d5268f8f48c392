import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

import sopan.sops.attachments


class Migration(migrations.Migration):
    dependencies = [
        ("sops", "0005_lifecycle"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Attachment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("name", models.CharField(max_length=200, verbose_name="nama berkas")),
                (
                    "file",
                    models.FileField(
                        max_length=300,
                        upload_to=sopan.sops.attachments._attachment_path,
                        verbose_name="berkas",
                    ),
                ),
                ("content_type", models.CharField(max_length=100, verbose_name="jenis isi")),
                ("size", models.PositiveIntegerField(verbose_name="ukuran (byte)")),
                ("sha256", models.CharField(max_length=64, verbose_name="SHA-256")),
                (
                    "uploaded_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, verbose_name="diunggah"
                    ),
                ),
                (
                    "uploaded_by",
                    models.ForeignKey(
                        blank=True,
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="diunggah oleh",
                    ),
                ),
                (
                    "version",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="attachments",
                        to="sops.sopversion",
                        verbose_name="versi",
                    ),
                ),
            ],
            options={
                "verbose_name": "lampiran berkas",
                "verbose_name_plural": "lampiran berkas",
                "ordering": ["version", "uploaded_at", "id"],
            },
        ),
    ]

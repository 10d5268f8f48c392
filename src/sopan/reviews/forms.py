"""Forms of the review pages: they only clean input; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from sopan.reviews.models import INTERVAL_VALIDATORS


class NoChangeForm(forms.Form):
    note = forms.CharField(
        label=_("Catatan tinjauan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,  # the service refuses an empty note with its own message
        help_text=_("Apa yang diperiksa dan mengapa SOP ini tetap sesuai."),
    )


class RevisionForm(forms.Form):
    reason = forms.CharField(
        label=_("Alasan revisi"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,  # the service refuses an empty reason with its own message
    )


class IntervalForm(forms.Form):
    interval_bulan = forms.IntegerField(
        label=_("Jangka tinjauan khusus (bulan)"),
        required=False,
        validators=INTERVAL_VALIDATORS,
        help_text=_("Kosongkan untuk mengikuti pengaturan instansi."),
    )

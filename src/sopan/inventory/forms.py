"""Forms of the inventory: they validate at the edge and hand the services clean values."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sopan.inventory.models import PrioritySettings, Process
from sopan.inventory.services import ProcessData
from sopan.organisations.models import Unit
from sopan.sops.models import Sop

DATA_FIELDS = (
    "tugas",
    "fungsi",
    "uraian_tugas",
    "kegiatan",
    "output",
    "aspek",
    "judul",
    "kategori",
    "melayani_publik",
    "volume_per_bulan",
    "risiko_kemungkinan",
    "risiko_dampak",
    "pengaduan_12_bulan",
    "temuan_audit_12_bulan",
    "sop",
    "catatan",
)


class ProcessForm(forms.ModelForm):
    class Meta:
        model = Process
        fields = ("unit", "urutan", *DATA_FIELDS)
        widgets = {
            "aspek": forms.TextInput(attrs={"list": "aspek-pilihan"}),
            "catatan": forms.Textarea(attrs={"rows": 3}),
            "risiko_kemungkinan": forms.NumberInput(attrs={"min": 1, "max": 5}),
            "risiko_dampak": forms.NumberInput(attrs={"min": 1, "max": 5}),
        }

    def __init__(
        self, *args: Any, units: QuerySet[Unit], sops: QuerySet[Sop], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["sop"].queryset = sops  # type: ignore[attr-defined]
        self.fields["sop"].help_text = _("Isi bila proses ini sudah punya SOP di sopan.")
        self.fields["urutan"].required = False

    def to_data(self) -> ProcessData:
        values = {name: self.cleaned_data[name] for name in DATA_FIELDS}
        values["urutan"] = self.cleaned_data.get("urutan")
        return ProcessData(**values)


class ImportForm(forms.Form):
    berkas = forms.FileField(
        label=_("Berkas XLSX atau CSV"),
        help_text=_("Pakai templat di bawah; satu baris untuk satu proses."),
    )


class PrioritySettingsForm(forms.ModelForm):
    class Meta:
        model = PrioritySettings
        fields = (
            "bobot_risiko",
            "bobot_publik",
            "bobot_volume",
            "bobot_pengaduan",
            "bobot_temuan",
            "faktor_tanpa_sop",
            "volume_acuan",
            "pengaduan_acuan",
            "temuan_acuan",
        )


class DraftsForm(forms.Form):
    """The processes ticked in the ranked list, to turn into SOP drafts in one action."""

    proses = forms.ModelMultipleChoiceField(queryset=Process.objects.none())

    def __init__(self, *args: Any, processes: QuerySet[Process], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proses"].queryset = processes  # type: ignore[attr-defined]
        self.fields["proses"].error_messages["required"] = _("Pilih setidaknya satu proses.")

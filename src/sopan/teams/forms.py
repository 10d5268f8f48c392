"""The team form and its member rows: validate at the edge, hand the service a TeamData.

The member field accepts any active person so that the service, not a generic "invalid
choice", says why someone from another instansi cannot join; the list offered only holds
the people of the instansi the user manages.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sopan.inventory.models import Process
from sopan.organisations.models import Person, Unit
from sopan.sops.models import Sop, SopVersion
from sopan.teams.choices import TeamRole
from sopan.teams.services import MemberData, TeamData


class TeamForm(forms.Form):
    nama = forms.CharField(label=_("Nama tim"), max_length=200)
    unit = forms.ModelChoiceField(label=_("Unit kerja"), queryset=Unit.objects.none())
    tenggat = forms.DateField(
        label=_("Tenggat"),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Tanggal SOP tim ini harus sudah disahkan; tidak boleh sebelum hari ini."),
    )
    sops = forms.ModelMultipleChoiceField(
        label=_("SOP"),
        queryset=Sop.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    processes = forms.ModelMultipleChoiceField(
        label=_("Proses dari inventaris"),
        queryset=Process.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
        help_text=_("Proses yang belum punya SOP; SOP-nya dihitung begitu konsep dibuat."),
    )
    keterangan = forms.CharField(
        label=_("Keterangan"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, units: QuerySet[Unit], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = units.order_by("path")  # type: ignore[attr-defined]
        paths = list(units.values_list("path", flat=True))
        sops = Sop.objects.filter(unit__in=units).select_related("unit")
        self.fields["sops"].queryset = sops  # type: ignore[attr-defined]
        names = _latest_names(sops)
        self.fields["sops"].label_from_instance = lambda sop: (  # type: ignore[attr-defined]
            f"{names.get(sop.pk, sop.kode)} — {sop.unit.nama}"
        )
        self.fields["processes"].queryset = Process.objects.filter(  # type: ignore[attr-defined]
            unit__in=units
        ).select_related("unit")
        self.fields["processes"].label_from_instance = lambda p: (  # type: ignore[attr-defined]
            f"{p.judul_sop} — {p.unit.nama}"
        )
        self._unit_paths = paths

    def to_data(self, members: list[MemberData]) -> TeamData:
        data = self.cleaned_data
        return TeamData(
            nama=data["nama"],
            unit=data["unit"],
            tenggat=data["tenggat"],
            keterangan=data["keterangan"],
            sops=list(data["sops"]),
            processes=list(data["processes"]),
            members=members,
        )


def _latest_names(sops: QuerySet[Sop]) -> dict[int, str]:
    names: dict[int, str] = {}
    rows = (
        SopVersion.objects.filter(sop__in=sops)
        .order_by("sop_id", "-number")
        .values_list("sop_id", "nama")
    )
    for sop_id, nama in rows:
        names.setdefault(sop_id, nama)
    return names


class MemberForm(forms.Form):
    person = forms.ModelChoiceField(
        label=_("Pegawai"), queryset=Person.objects.filter(active=True), required=False
    )
    peran = forms.ChoiceField(
        label=_("Peran dalam tim"), choices=TeamRole.choices, initial=TeamRole.TEKNIS
    )

    def __init__(self, *args: Any, people: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].choices = [  # type: ignore[attr-defined]
            ("", "---------"),
            *((p.pk, p.nama) for p in people),
        ]


class BaseMemberFormSet(forms.BaseFormSet):
    def members(self) -> list[MemberData]:
        return [
            MemberData(person=form.cleaned_data["person"], peran=form.cleaned_data["peran"])
            for form in self.forms
            if form.cleaned_data.get("person") is not None
        ]


MemberFormSet: type[BaseMemberFormSet] = forms.formset_factory(  # type: ignore[assignment]
    MemberForm, formset=BaseMemberFormSet, extra=3
)

"""Forms of the review screen: they turn posted text into the values the lifecycle services
take (dates, units); the services themselves check rights, states and required reasons."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sopan.organisations.models import Unit
from sopan.sops.lifecycle_models import FeedbackKind
from sopan.sops.models import SopVersion

NOTE_MAX = 4000


class DateInput(forms.DateInput):
    input_type = "date"


def _note(label: Any) -> forms.CharField:
    return forms.CharField(
        label=label, required=False, max_length=NOTE_MAX, widget=forms.Textarea(attrs={"rows": 3})
    )


class NoteForm(forms.Form):
    """Submit, end pilot: an optional note."""

    note = _note(_("Catatan (boleh kosong)"))

    def __init__(self, *args: Any, version: SopVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.version = version

    def params(self) -> dict[str, Any]:
        return {}


class ReasonForm(NoteForm):
    """Return, retire: the reason is required. The browser asks for it; the service checks
    it and says which reason is missing ("Alasan pengembalian wajib diisi.")."""

    note = forms.CharField(
        label=_("Alasan"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3, "required": True}),
    )


class StartPilotForm(NoteForm):
    units = forms.ModelMultipleChoiceField(
        label=_("Unit uji coba"),
        queryset=Unit.objects.none(),
        error_messages={"required": _("Pilih sedikitnya satu unit uji coba.")},
    )
    mulai = forms.DateField(
        label=_("Mulai"),
        widget=DateInput,
        error_messages={"required": _("Isi tanggal mulai uji coba.")},
    )
    selesai = forms.DateField(
        label=_("Selesai"),
        widget=DateInput,
        error_messages={"required": _("Isi tanggal selesai uji coba.")},
    )

    def __init__(self, *args: Any, version: SopVersion, **kwargs: Any) -> None:
        super().__init__(*args, version=version, **kwargs)
        units = Unit.objects.filter(instansi_id=version.sop.instansi_id).order_by("path")
        self.fields["units"].queryset = units  # type: ignore[attr-defined]

    def params(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {"units": list(data["units"]), "mulai": data["mulai"], "selesai": data["selesai"]}


class ApproveForm(NoteForm):
    """The hash of the document the approver saw: approving a document that changed in the
    meantime is refused, so what is approved is exactly what was shown."""

    document_hash = forms.CharField(widget=forms.HiddenInput, max_length=64)

    def clean_document_hash(self) -> str:
        value: str = self.cleaned_data["document_hash"]
        if value != self.version.document_hash:
            raise forms.ValidationError(
                _(
                    "Dokumen berubah sejak halaman ini dibuka. Periksa isi terbaru, lalu "
                    "setujui lagi."
                ),
                code="stale",
            )
        return value


class PublishForm(NoteForm):
    efektif = forms.DateField(
        label=_("Tanggal berlaku"),
        widget=DateInput,
        error_messages={"required": _("Isi tanggal berlaku.")},
    )

    def params(self) -> dict[str, Any]:
        return {"efektif": self.cleaned_data["efektif"]}


ACTION_FORMS: dict[str, type[NoteForm]] = {
    "submit": NoteForm,
    "return": ReasonForm,
    "start_pilot": StartPilotForm,
    "end_pilot": NoteForm,
    "approve": ApproveForm,
    "publish": PublishForm,
    "retire": ReasonForm,
}


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Komentar"),
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Isi komentar wajib diisi.")},
    )
    step_id = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    field = forms.CharField(required=False, max_length=200, widget=forms.HiddenInput)
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class FeedbackForm(forms.Form):
    step_id = forms.CharField(required=False, max_length=100, widget=forms.HiddenInput)
    kind = forms.ChoiceField(
        label=_("Jenis masukan"),
        choices=FeedbackKind.choices,
        error_messages={"required": _("Pilih jenis masukan.")},
    )
    text = forms.CharField(
        label=_("Penjelasan"),
        required=False,
        max_length=NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

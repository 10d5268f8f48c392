"""Numbers of SOP versions from the instansi's pattern (:mod:`sopan.sops.numbering`).

The sequence (``{urut}``) is taken at the final approval only: one :class:`NumberSequence`
row per instansi and year, incremented under ``select_for_update`` so that two approvals at
the same moment never get the same number. Before that, :func:`number_preview` shows the
number with the sequence left blank.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from sopan.sops.lifecycle_models import NumberingSettings, NumberSequence, SopClassification
from sopan.sops.models import SopVersion
from sopan.sops.numbering import NumberParts, format_number, uses_sequence

# Without settings: "SOP-007/DX/2025" (the shape BPS uses: SOP-sequence/unit/year).
DEFAULT_PATTERN = "SOP-{urut}/{unit}/{tahun}"
DEFAULT_PADDING = 3


def _settings(instansi_id: int) -> tuple[str, str, int]:
    stored = NumberingSettings.objects.filter(instansi_id=instansi_id).first()
    if stored is None:
        return DEFAULT_PATTERN, "", DEFAULT_PADDING
    return stored.pattern, stored.klasifikasi, stored.padding


def _parts(version: SopVersion, when: dt.date, urut: int | None, klasifikasi: str) -> NumberParts:
    sop = version.sop
    own = SopClassification.objects.filter(sop_id=sop.pk).values_list("klasifikasi", flat=True)
    return NumberParts(
        klasifikasi=next(iter(own), "") or klasifikasi,
        urut=urut,
        unit=sop.unit.singkatan or sop.unit.kode,
        jenis=version.jenis,
        kode=sop.kode,
        month=when.month,
        year=when.year,
        versi=str(version.number),
    )


def number_preview(version: SopVersion, when: dt.date | None = None) -> str:
    """The number ``version`` would get, with the sequence still blank."""
    when = when or dt.date.today()
    pattern, klasifikasi, padding = _settings(version.sop.instansi_id)
    return format_number(pattern, _parts(version, when, None, klasifikasi), padding=padding)


@transaction.atomic
def next_sequence(instansi_id: int, year: int) -> int:
    NumberSequence.objects.get_or_create(instansi_id=instansi_id, year=year)
    row = NumberSequence.objects.select_for_update().get(instansi_id=instansi_id, year=year)
    row.last += 1
    row.save(update_fields=["last"])
    return row.last


def assign_number(version: SopVersion, *, when: dt.date) -> str:
    """Take the next sequence of the year (when the pattern has one) and build the number."""
    instansi_id = version.sop.instansi_id
    pattern, klasifikasi, padding = _settings(instansi_id)
    urut = next_sequence(instansi_id, when.year) if uses_sequence(pattern) else None
    return format_number(pattern, _parts(version, when, urut, klasifikasi), padding=padding)

"""Family "waktu": the mutu baku waktu of each step and the service standard time (codes
WKT...).

Decisions taken here:

- a ``mulai`` or ``selesai`` capsule without waktu is fine (the capsule marks where the flow
  begins or ends; many signed SOPs leave its time empty). Every ``proses`` and ``keputusan``
  step should state a measurable time (WKT001);
- waktu that is written but cannot be measured ("segera", "secepatnya", "sesuai kebutuhan")
  is WKT002 on every step, capsules included: what is written should be measurable;
- times are added up in working minutes (``sopan.document.durations``); the longest loop-free
  path of the flow is compared with ``standar_waktu`` (WKT004).
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache

from sopan.checks.base import CheckContext, Finding, Minutes, rule
from sopan.checks.severity import Severity
from sopan.document import Waktu
from sopan.document import parse_waktu as _parse_waktu
from sopan.i18n import gettext_noop as N

FAMILY = "waktu"


@lru_cache(maxsize=4096)
def parse_waktu(text: str | None) -> Waktu:
    """``sopan.document.parse_waktu``, remembered: the same few texts recur in every SOP."""
    return _parse_waktu(text)


# Units below a working day and units of a day or more; mixing them hides the total.
SHORT_UNITS = frozenset({"detik", "menit", "jam"})
LONG_UNITS = frozenset({"hari", "hari kerja", "minggu", "bulan"})


@rule(
    "WKT001",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Langkah tanpa waktu"),
    why=N(
        "PermenPANRB 35/2012, Mutu Baku (Waktu); panduan §3 prinsip kejelasan (batas waktu "
        "setiap langkah) dan prinsip keterukuran. Kapsul mulai/selesai boleh tanpa waktu."
    ),
    bad="  - {id: periksa, kegiatan: Memeriksa berkas, pelaksana: [petugas]}",
    good="  - {id: periksa, kegiatan: Memeriksa berkas, pelaksana: [petugas], waktu: 10 menit}",
)
def no_time(context: CheckContext) -> Iterator[Finding]:
    for step in context.document.langkah:
        if step.simbol in ("proses", "keputusan") and parse_waktu(step.waktu).kind == "not_stated":
            yield context.finding(
                "WKT001",
                N("Langkah {step} belum menyebut waktu."),
                N("Isi waktu dengan angka dan satuan, mis. 10 menit atau 1 hari kerja."),
                context.step_location(step.step_id, "waktu"),
                step=step.step_id,
            )


@rule(
    "WKT002",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Waktu tidak terukur"),
    why=N(
        "Prinsip keterukuran PermenPANRB 35/2012 dan panduan §3 (kemudahan evaluasi): "
        "'segera', 'secepatnya' atau 'sesuai kebutuhan' tidak dapat diukur atau dijumlahkan."
    ),
    bad="    waktu: secepatnya",
    good="    waktu: 1 jam",
)
def time_not_measurable(context: CheckContext) -> Iterator[Finding]:
    for step in context.document.langkah:
        waktu = parse_waktu(step.waktu)
        if waktu.kind == "not_measurable":
            yield context.finding(
                "WKT002",
                N("Waktu langkah {step} ({text}) tidak terukur."),
                N("Tulis angka dan satuan (menit, jam, hari kerja), mis. 1 hari kerja."),
                context.step_location(step.step_id, "waktu"),
                step=step.step_id,
                text=waktu.text.strip(),
            )


@rule(
    "WKT003",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Waktu nol"),
    why=N(
        "Prinsip keterukuran: setiap kegiatan memakan waktu; waktu nol menyembunyikan beban "
        "kerja dan membuat jumlah waktu alur terlalu kecil."
    ),
    bad="    waktu: 0 menit",
    good="    waktu: 2 menit",
)
def zero_time(context: CheckContext) -> Iterator[Finding]:
    for step in context.document.langkah:
        waktu = parse_waktu(step.waktu)
        if waktu.measurable and waktu.minutes == 0:
            yield context.finding(
                "WKT003",
                N("Waktu langkah {step} nol."),
                N("Tulis perkiraan waktu yang sebenarnya, walaupun hanya beberapa menit."),
                context.step_location(step.step_id, "waktu"),
                step=step.step_id,
            )


@rule(
    "WKT004",
    family=FAMILY,
    severity=Severity.ERROR,
    title=N("Alur melebihi standar waktu"),
    why=N(
        "PermenPANRB 35/2012: mutu baku adalah alat kendali mutu agar hasil akhir memenuhi "
        "standar pelayanan (PermenPANRB 15/2014). Jalur terpanjang alur (tanpa mengulang "
        "perulangan) yang melebihi standar_waktu berarti SOP bertentangan dengan janjinya "
        "sendiri."
    ),
    bad="standar_waktu: 1 hari kerja\n# langkah: 3 jam + 1 hari kerja + 2 jam",
    good="standar_waktu: 2 hari kerja",
)
def over_standard(context: CheckContext) -> Iterator[Finding]:
    standard = parse_waktu(context.document.standar_waktu)
    if not standard.measurable or not context.document.langkah:
        return
    longest = context.longest_path
    if longest.minutes > standard.minutes + 1e-9:
        yield context.finding(
            "WKT004",
            N(
                "Jalur terpanjang alur ({total}, langkah {first} sampai {last}) melebihi "
                "standar waktu {standard}."
            ),
            N("Persingkat waktu langkah di jalur itu, atau tinjau kembali standar_waktu."),
            context.field_location("standar_waktu", nearest=True),
            total=Minutes(longest.minutes),
            standard=Minutes(standard.minutes),
            first=longest.steps[0],
            last=longest.steps[-1],
        )


@rule(
    "WKT005",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Standar waktu tidak terukur"),
    why=N(
        "PermenPANRB 15/2014 (standar pelayanan: jangka waktu penyelesaian) dan prinsip "
        "keterukuran: standar waktu harus berupa angka dan satuan agar dapat dibandingkan."
    ),
    bad="standar_waktu: secepatnya",
    good="standar_waktu: 14 hari kerja",
)
def standard_not_measurable(context: CheckContext) -> Iterator[Finding]:
    standard = parse_waktu(context.document.standar_waktu)
    if standard.kind == "not_measurable":
        yield context.finding(
            "WKT005",
            N("Standar waktu ({text}) tidak terukur."),
            N("Tulis standar_waktu dengan angka dan satuan, mis. 14 hari kerja."),
            context.field_location("standar_waktu"),
            text=standard.text.strip(),
        )


@rule(
    "WKT006",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Satuan waktu campuran"),
    why=N(
        "Prinsip keterukuran: bila sebagian langkah dalam menit/jam dan sebagian dalam hari, "
        "jumlah waktunya tidak tampak. Dihitung dengan 1 hari kerja = 7,5 jam."
    ),
    bad="  - {id: a, waktu: 15 menit}\n  - {id: b, waktu: 3 hari kerja}",
    good="Tidak perlu diubah; info ini menampilkan jumlahnya: 3 hari kerja 15 menit.",
)
def mixed_units(context: CheckContext) -> Iterator[Finding]:
    units = set()
    for step in context.document.langkah:
        waktu = parse_waktu(step.waktu)
        if waktu.measurable and waktu.unit is not None:
            units.add(waktu.unit)
    if units & SHORT_UNITS and units & LONG_UNITS:
        longest = context.longest_path
        yield context.finding(
            "WKT006",
            N(
                "Waktu langkah memakai satuan campuran ({units}); jalur terpanjang berjumlah "
                "{total}."
            ),
            N("Pastikan jumlah itu sesuai dengan yang dijanjikan kepada pengguna layanan."),
            context.field_location("langkah", nearest=True),
            units=", ".join(sorted(units, key=_unit_order)),
            total=Minutes(longest.minutes),
        )


_UNIT_ORDER = ("detik", "menit", "jam", "hari", "hari kerja", "minggu", "bulan")


def _unit_order(unit: str) -> int:
    return _UNIT_ORDER.index(unit) if unit in _UNIT_ORDER else len(_UNIT_ORDER)

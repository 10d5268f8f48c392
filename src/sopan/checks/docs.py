"""docs/checks.md, generated from the rule registry (``python -m sopan.checks.docs``).

Every registered rule (every family, whoever wrote it) appears with its code, family, default
severity, title and rationale in Indonesian with the English beside them, and its bad and good
examples. A test compares docs/checks.md with this output, so the page never goes stale.
"""

from __future__ import annotations

import sys
from collections.abc import Iterable

from sopan.checks.base import Rule, registered_rules
from sopan.i18n import translate

# Family name → English name, in the order the page lists them.
FAMILY_NAMES = {
    "struktur": "structure",
    "kelengkapan": "completeness",
    "waktu": "time",
    "bahasa": "language",
    "hukum": "legal basis",
    "tata_kelola": "dates and governance",
}

# Thresholds (``ambang``) read by rules: name, default, codes, meaning (id / en).
THRESHOLDS = [
    (
        "aktor_maks_a4",
        "8",
        "STR011",
        "jumlah pelaksana terbanyak yang masih nyaman di kertas A4 lanskap",
        "most actor columns that still fit comfortably on landscape A4",
    ),
    (
        "aktor_maks_f4",
        "12",
        "STR011, STR012",
        "jumlah pelaksana terbanyak untuk kertas F4; di atasnya SOP sebaiknya dipecah",
        "most actor columns for F4 paper; above it the SOP should be split",
    ),
    (
        "langkah_hierarkis",
        "25",
        "STR013",
        "di atas jumlah langkah ini disarankan format hierarkis (info)",
        "above this many steps the hierarchical format is suggested (info)",
    ),
    (
        "langkah_maks",
        "40",
        "STR013, STR014",
        "di atas jumlah langkah ini SOP sebaiknya dipecah menjadi makro dan mikro (peringatan)",
        "above this many steps the SOP should be split into macro and micro SOPs (warning)",
    ),
]

_SEVERITY = {"error": "galat / error", "warning": "peringatan / warning", "info": "info"}


def generate(rules: dict[str, Rule] | None = None) -> str:
    """The whole page."""
    rules = registered_rules() if rules is None else rules
    lines = [
        "# Aturan pemeriksaan SOP / SOP check rules",
        "",
        "<!-- Dibuat otomatis / generated: python -m sopan.checks.docs > docs/checks.md -->",
        "",
        "Pemeriksa mutu (reviewer) bersifat saran dan menjelaskan alasannya. Hanya temuan "
        "tingkat **galat** yang menahan SOP dikirim untuk pengesahan; **peringatan** sebaiknya "
        "diperbaiki; **info** adalah saran. Unsur yang sah dikosongkan SOP resmi (keterkaitan, "
        "pencatatan) paling tinggi info.",
        "",
        "*The reviewer is advisory and explains itself. Only **error** findings stop an SOP "
        "from being sent for approval; **warnings** should be fixed; **info** is advice. "
        "Elements that signed SOPs legitimately leave empty (keterkaitan, pencatatan) are info "
        "at most.*",
        "",
        "Perintah / command: `sopan check FILE... [--format text|json] [--lang id|en] "
        "[--min-severity error|warning|info] [--config FILE] [--register FILE] [--berlaku]`. "
        "Kode keluar / exit codes: 0 = tidak ada galat atau peringatan / no error or warning, "
        "1 = ada galat atau peringatan / errors or warnings, 2 = berkas tidak dapat dimuat / "
        "a file cannot be loaded (or the config/register file cannot be used).",
        "",
        "Masalah yang ditolak saat memuat (bukan aturan di sini) / refused when loading (not a "
        "rule here): langkah yang menyebut aktor yang tidak dideklarasikan "
        "(`step.unknown_actor`), tautan ke langkah yang tidak ada (`step.unknown_target`), "
        "keputusan tanpa cabang (`step.decision_without_branches`), id ganda. Dengan "
        "`--format json` masalah itu muncul di daftar `findings` dengan tingkat `error` dan "
        "kode tersebut.",
        "",
        "## Daftar aturan / rules",
        "",
        "| Kode / code | Keluarga / family | Tingkat bawaan / default severity | Judul / title |",
        "|---|---|---|---|",
    ]
    ordered = sorted(rules.values(), key=_order)
    for registered in ordered:
        info = registered.info
        lines.append(
            f"| [{info.code}](#{info.code.lower()}) | {info.family} | "
            f"{info.severity.value} | {_cell(info.title)} / {_cell(translate(info.title, 'en'))} |"
        )
    lines.append("")
    for family, rules_of_family in _by_family(ordered):
        english = FAMILY_NAMES.get(family, family)
        lines += [f"## Keluarga {family} / family {english}", ""]
        for registered in rules_of_family:
            lines += _rule_section(registered)
    lines += _configuration()
    return "\n".join(lines).rstrip() + "\n"


def _order(registered: Rule) -> tuple[int, str]:
    family = registered.info.family
    position = list(FAMILY_NAMES).index(family) if family in FAMILY_NAMES else len(FAMILY_NAMES)
    return (position, registered.info.code)


def _by_family(rules: Iterable[Rule]) -> list[tuple[str, list[Rule]]]:
    groups: dict[str, list[Rule]] = {}
    for registered in rules:
        groups.setdefault(registered.info.family, []).append(registered)
    return list(groups.items())


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _rule_section(registered: Rule) -> list[str]:
    info = registered.info
    lines = [
        f"### {info.code}",
        "",
        f"**{info.title}** / *{translate(info.title, 'en')}*",
        "",
        f"- Keluarga / family: `{info.family}`",
        f"- Tingkat bawaan / default severity: {_SEVERITY[info.severity.value]}",
        f"- Alasan: {info.why}",
        f"- *Why: {translate(info.why, 'en')}*",
        "",
    ]
    if info.bad:
        lines += ["Menyala / fires:", "", "```yaml", info.bad.rstrip(), "```", ""]
    if info.good:
        lines += ["Diam / quiet:", "", "```yaml", info.good.rstrip(), "```", ""]
    return lines


def _configuration() -> list[str]:
    lines = [
        "## Konfigurasi / configuration",
        "",
        "Satu konfigurasi per instansi: berkas YAML untuk CLI (`sopan check --config "
        "periksa.yaml`), atau di basis data (admin: *Pengaturan pemeriksaan*, kolom JSON "
        "yang sama). Keduanya dibaca `CheckConfig.from_mapping`; kunci yang tidak dikenal "
        "atau nilai yang salah ditolak dengan pesan yang menyebut berkasnya (CLI: kode keluar 2).",
        "",
        "*One configuration per agency: a YAML file for the CLI, or the same keys as JSON in "
        "the database (admin: Check settings). Unknown keys or bad values are refused with a "
        "message naming the file (CLI exit code 2).*",
        "",
        "```yaml",
        "nonaktif: [LKP012, LKP013]        # kode yang dimatikan / codes switched off",
        "tingkat: {WKT001: info}           # ubah tingkat / change severity: error|warning|info",
        "ambang: {aktor_maks_a4: 6}        # ambang / thresholds (below)",
        "kata_kabur_tambahan: [sebisanya]  # kata kabur tambahan / extra vague words (bahasa)",
        "akronim_dikenal: [SIAK, OSS]      # singkatan yang dikenal / known acronyms",
        "```",
        "",
        "`akronim_dikenal` juga dibaca LKP007: singkatan itu tidak dihitung sebagai istilah "
        "yang perlu definisi. / *also read by LKP007: such acronyms do not count as terms "
        "needing a definition.*",
        "",
        "`tingkat` juga berlaku untuk aturan yang tingkatnya bergantung pada status versi "
        "(TGL002, TGL005). / *also overrides rules whose severity depends on the version's "
        "status.*",
        "",
        "Versi yang sedang berlaku / version in force: `sopan check --berlaku`, dan di aplikasi "
        "web untuk status `berlaku`: TGL005 menjadi galat, TGL002 menjadi peringatan. / *in "
        "the CLI with --berlaku and in the web app for status berlaku: TGL005 becomes an "
        "error, TGL002 a warning.*",
        "",
        "### Ambang / thresholds",
        "",
        "| Nama / name | Bawaan / default | Dibaca oleh / read by | Arti | *Meaning* |",
        "|---|---|---|---|---|",
    ]
    for name, default, codes, meaning_id, meaning_en in THRESHOLDS:
        lines.append(f"| `{name}` | {default} | {codes} | {meaning_id} | *{meaning_en}* |")
    lines += [
        "",
        "Ambang keluarga lain disebut di bagian *Alasan* aturannya. / *Thresholds of other "
        "families are named in their rules' rationale.*",
        "",
    ]
    return lines


def main() -> None:
    sys.stdout.write(generate())


if __name__ == "__main__":
    main()

"""Located, translatable load problems.

A :class:`Problem` carries a stable ``code`` (what tools and tests match on), where it is
(file, 1-based line and column) and ``params``; its text is made when shown, in Indonesian by
default (msgids are Indonesian; English comes from the catalogue).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sopan.i18n import gettext_noop, translate

# msgids by code, or by "code:kind" when one code has several wordings.
MESSAGES: dict[str, str] = {
    "file.too_large": gettext_noop("berkas {size} melebihi batas {limit}"),
    "file.encoding": gettext_noop("bukan teks UTF-8: byte tidak sah pada posisi {offset}"),
    "file.empty": gettext_noop("berkas kosong: tidak ada isi SOP"),
    "file.unreadable": gettext_noop("berkas `{name}` tidak dapat dibaca: {detail}"),
    "file.unreadable:missing": gettext_noop(
        "berkas `{name}` tidak dapat dibaca: berkas tidak ditemukan"
    ),
    "file.unreadable:directory": gettext_noop(
        "`{name}` tidak dapat dibaca: ini folder, bukan berkas"
    ),
    "file.unreadable:permission": gettext_noop(
        "berkas `{name}` tidak dapat dibaca: tidak ada izin membaca berkas"
    ),
    "yaml.syntax": gettext_noop("penulisan YAML tidak sah: {detail}"),
    "json.syntax": gettext_noop("penulisan JSON tidak sah: {detail}"),
    "yaml.tag": gettext_noop("tag YAML `{tag}` tidak diizinkan dalam berkas SOP"),
    "yaml.alias_limit": gettext_noop(
        "terlalu banyak alias YAML (lebih dari {limit}); berkas ditolak demi keamanan"
    ),
    "yaml.alias_limit:expansion": gettext_noop(
        "alias YAML mengembang menjadi lebih dari {limit} nilai; berkas ditolak demi keamanan"
    ),
    "yaml.alias_limit:recursive": gettext_noop(
        "alias YAML merujuk ke dirinya sendiri; berkas ditolak"
    ),
    "document.not_mapping": gettext_noop(
        "isi berkas harus berupa daftar kunci dan nilai yang dimulai dengan `format: sopan/1`"
    ),
    "format.unsupported": gettext_noop("format {value} belum didukung (yang didukung: sopan/1)"),
    "format.unsupported:unknown": gettext_noop(
        "format `{value}` tidak dikenal; tulis `format: sopan/1`"
    ),
    "key.unknown": gettext_noop("kunci `{key}` tidak dikenal di {place}"),
    "key.unknown:suggestion": gettext_noop(
        "kunci `{key}` tidak dikenal di {place}; maksud Anda `{suggestion}`?"
    ),
    "key.duplicate": gettext_noop("kunci `{key}` ditulis dua kali (pertama di baris {first_line})"),
    "key.not_text": gettext_noop("kunci harus berupa teks sederhana"),
    "value.missing": gettext_noop("`{path}` wajib diisi"),
    "value.type:text": gettext_noop("`{path}` harus berupa teks"),
    "value.type:date": gettext_noop("`{path}` harus berupa tanggal (YYYY-MM-DD)"),
    "value.type:list": gettext_noop("`{path}` harus berupa daftar"),
    "value.type:mapping": gettext_noop("`{path}` harus berupa isian kunci dan nilai"),
    "value.type:text_or_list": gettext_noop("`{path}` harus berupa teks atau daftar teks"),
    "value.type:number_or_text": gettext_noop("`{path}` harus berupa angka atau teks"),
    "value.type:choice": gettext_noop("`{path}` harus salah satu dari: {choices}"),
    "value.type:nip": gettext_noop("`{path}` harus berupa NIP 18 angka"),
    "value.type": gettext_noop("`{path}` tidak sah"),
    "step.missing_id": gettext_noop("langkah ke-{row} tidak punya `id` maupun `no`"),
    "step.duplicate_id": gettext_noop(
        "id langkah `{step}` sudah dipakai langkah lain (baris {first_line})"
    ),
    "step.unknown_target": gettext_noop(
        "langkah `{step}` menuju langkah `{target}` yang tidak ada"
    ),
    "step.unknown_target:suggestion": gettext_noop(
        "langkah `{step}` menuju langkah `{target}` yang tidak ada; maksud Anda `{suggestion}`?"
    ),
    "step.decision_without_branches": gettext_noop(
        "langkah `{step}` berupa keputusan tetapi tidak punya `cabang`"
    ),
    "step.unknown_actor": gettext_noop(
        "langkah `{step}` menyebut pelaksana `{actor}` yang tidak ada di daftar `pelaksana`"
    ),
    "step.unknown_actor:suggestion": gettext_noop(
        "langkah `{step}` menyebut pelaksana `{actor}` yang tidak ada di daftar `pelaksana`; "
        "maksud Anda `{suggestion}`?"
    ),
    "actor.duplicate_id": gettext_noop(
        "id pelaksana `{actor}` sudah dipakai pelaksana lain (baris {first_line})"
    ),
}


def format_megabytes(size: int, lang: str | None = "id") -> str:
    """``3250585`` → ``"3,1 MB"`` (Indonesian decimal comma); ``"2 MB"`` for whole numbers."""
    value = size / (1024 * 1024)
    text = f"{value:.0f}" if value == int(value) else f"{value:.1f}"
    if not (lang or "id").startswith("en"):
        text = text.replace(".", ",")
    return f"{text} MB"


@dataclass(frozen=True)
class Problem:
    """One problem found while loading a document."""

    code: str
    file: str
    line: int | None = None
    column: int | None = None
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def message(self, lang: str | None = "id") -> str:
        """The problem in plain words, Indonesian unless ``lang`` says otherwise."""
        kind = self.params.get("kind")
        msgid = MESSAGES.get(f"{self.code}:{kind}") or MESSAGES.get(self.code) or self.code
        params = dict(self.params)
        if self.code == "file.too_large":
            params["size"] = format_megabytes(params["size"], lang)
            params["limit"] = format_megabytes(params["limit"], lang)
        return translate(msgid, lang, **params)

    def location(self) -> str:
        """``file:line:column`` (the parts that are known)."""
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        return f"{self.location()}: {self.message()}"


class DocumentLoadError(ValueError):
    """A document could not be loaded; ``problems`` lists everything that was found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))

    @property
    def codes(self) -> list[str]:
        """The problem codes, in order (handy in tests and logs)."""
        return [p.code for p in self.problems]

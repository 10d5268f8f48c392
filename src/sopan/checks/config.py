"""Per-instansi configuration of the checks (pure). Read from a YAML/JSON file for the CLI and
from the database for the web app; both go through :func:`CheckConfig.from_mapping`.

File shape::

    nonaktif: [BHS004]              # codes switched off
    tingkat: {WKT002: error}        # severity overrides: error | warning | info
    ambang: {kalimat_maks_kata: 30} # thresholds by name (each rule documents its own)
    kata_kabur_tambahan: [sebisanya]
    akronim_dikenal: [SIAK, OSS]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sopan.checks.severity import Severity


class CheckConfigError(ValueError):
    """A configuration file or mapping that cannot be used; the message says where."""


@dataclass(frozen=True)
class CheckConfig:
    disabled: frozenset[str] = frozenset()
    severity: Mapping[str, Severity] = field(default_factory=dict)
    thresholds: Mapping[str, float] = field(default_factory=dict)
    extra_vague_words: tuple[str, ...] = ()
    known_acronyms: tuple[str, ...] = ()

    def threshold(self, name: str, default: float) -> float:
        return float(self.thresholds.get(name, default))

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any] | None) -> CheckConfig:
        data = dict(data or {})
        known = {"nonaktif", "tingkat", "ambang", "kata_kabur_tambahan", "akronim_dikenal"}
        unknown = sorted(set(data) - known)
        if unknown:
            raise CheckConfigError(
                f"kunci tidak dikenal: {', '.join(unknown)} "
                f"(yang dikenal: {', '.join(sorted(known))})"
            )
        try:
            severity = {str(k): Severity(str(v)) for k, v in (data.get("tingkat") or {}).items()}
            thresholds = {str(k): float(v) for k, v in (data.get("ambang") or {}).items()}
        except ValueError as error:
            raise CheckConfigError(f"nilai tidak sah: {error}") from error
        return cls(
            disabled=frozenset(str(c) for c in data.get("nonaktif") or ()),
            severity=severity,
            thresholds=thresholds,
            extra_vague_words=tuple(str(w) for w in data.get("kata_kabur_tambahan") or ()),
            known_acronyms=tuple(str(w) for w in data.get("akronim_dikenal") or ()),
        )

    @classmethod
    def from_file(cls, path: Path) -> CheckConfig:
        from ruamel.yaml import YAML
        from ruamel.yaml.error import YAMLError

        try:
            data = YAML(typ="safe", pure=True).load(path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, YAMLError) as error:
            raise CheckConfigError(f"{path}: {error}") from error
        if data is not None and not isinstance(data, Mapping):
            raise CheckConfigError(f"{path}: isi berkas harus berupa pemetaan kunci: nilai")
        try:
            return cls.from_mapping(data)
        except CheckConfigError as error:
            raise CheckConfigError(f"{path}: {error}") from error

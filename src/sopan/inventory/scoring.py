"""The priority score of a process: a documented, weighted formula (no Django import).

Each factor is first brought to a value between 0 and 1::

    risiko     = (kemungkinan × dampak) / 25     (both 1..5, as in the SPIP risk register)
    publik     = 1 if the process serves the public, else 0
    volume     = min(1, log10(1 + volume per month) / log10(1 + volume_acuan))
    pengaduan  = min(1, complaints in the last 12 months / pengaduan_acuan)
    temuan     = min(1, audit findings in the last 12 months / temuan_acuan)

The base score is the weighted mean of those values on a 0..100 scale::

    dasar = 100 × Σ(bobot_i × nilai_i) / Σ bobot_i

and a process with no SOP in force gets ``faktor_tanpa_sop`` on top (1.5 by default), so at equal
risk the one nobody has written down comes first::

    skor = dasar × (faktor_tanpa_sop if no SOP in force else 1)

Volume is log-scaled because 10 000 requests a month are not a hundred times as urgent as 100.
``docs/inventory.md`` carries the same formula with a worked example in Indonesian; the weights
are stored per instansi (:class:`sopan.inventory.models.PrioritySettings`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

RISK_MAX = 25  # 5 × 5
FACTOR_NAMES = ("risiko", "publik", "volume", "pengaduan", "temuan")


@dataclass(frozen=True)
class Weights:
    risiko: float = 35
    publik: float = 15
    volume: float = 20
    pengaduan: float = 15
    temuan: float = 15
    faktor_tanpa_sop: float = 1.5
    volume_acuan: int = 1000  # requests per month that count as "very many"
    pengaduan_acuan: int = 10  # complaints per year that count as "very many"
    temuan_acuan: int = 5  # audit findings per year that count as "very many"

    def weight(self, name: str) -> float:
        return float(getattr(self, name))

    @property
    def total(self) -> float:
        return sum(self.weight(name) for name in FACTOR_NAMES)


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Factors:
    kemungkinan: int
    dampak: int
    melayani_publik: bool
    volume_per_bulan: int
    pengaduan: int
    temuan: int
    sop_berlaku: bool


@dataclass(frozen=True)
class Score:
    skor: float  # rounded to one decimal
    dasar: float  # rounded to one decimal, before the no-SOP factor
    nilai: dict[str, float] = field(default_factory=dict)  # each factor, 0..1
    poin: dict[str, float] = field(default_factory=dict)  # each factor's share of ``dasar``
    faktor: float = 1.0


def _ratio(value: float, reference: float) -> float:
    if reference <= 0:
        return 1.0 if value > 0 else 0.0
    return max(0.0, min(1.0, value / reference))


def normalised(factors: Factors, weights: Weights = DEFAULT_WEIGHTS) -> dict[str, float]:
    """Each factor as a value between 0 and 1."""
    volume = max(0, factors.volume_per_bulan)
    return {
        "risiko": _ratio(factors.kemungkinan * factors.dampak, RISK_MAX),
        "publik": 1.0 if factors.melayani_publik else 0.0,
        "volume": _ratio(math.log10(1 + volume), math.log10(1 + max(1, weights.volume_acuan))),
        "pengaduan": _ratio(factors.pengaduan, weights.pengaduan_acuan),
        "temuan": _ratio(factors.temuan, weights.temuan_acuan),
    }


def score(factors: Factors, weights: Weights = DEFAULT_WEIGHTS) -> Score:
    """The priority score of one process (higher first)."""
    values = normalised(factors, weights)
    total = weights.total
    points = {
        name: (100 * weights.weight(name) * values[name] / total) if total > 0 else 0.0
        for name in FACTOR_NAMES
    }
    base = sum(points.values())
    factor = 1.0 if factors.sop_berlaku else max(1.0, float(weights.faktor_tanpa_sop))
    return Score(
        skor=round(base * factor, 1),
        dasar=round(base, 1),
        nilai={name: round(value, 4) for name, value in values.items()},
        poin={name: round(value, 2) for name, value in points.items()},
        faktor=factor,
    )

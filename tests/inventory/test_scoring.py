"""The priority formula (pure): the worked example of docs/inventory.md, caps, changed weights."""

from __future__ import annotations

import math

import pytest

from sopan.inventory.scoring import DEFAULT_WEIGHTS, Factors, Weights, normalised, score


def factors(**changes: object) -> Factors:
    values: dict[str, object] = {
        "kemungkinan": 4,
        "dampak": 5,
        "melayani_publik": True,
        "volume_per_bulan": 300,
        "pengaduan": 6,
        "temuan": 2,
        "sop_berlaku": False,
    }
    values.update(changes)
    return Factors(**values)  # type: ignore[arg-type]


def test_worked_example_of_the_documentation() -> None:
    result = score(factors())
    # risiko 20/25 = 0.8; publik 1; volume log10(301)/log10(1001) = 0.8261; pengaduan 6/10;
    # temuan 2/5. Dasar = 28 + 15 + 16.52 + 9 + 6 = 74.52; no SOP in force: × 1.5 = 111.78.
    assert result.nilai == {
        "risiko": 0.8,
        "publik": 1.0,
        "volume": 0.8261,
        "pengaduan": 0.6,
        "temuan": 0.4,
    }
    assert result.poin == {
        "risiko": 28.0,
        "publik": 15.0,
        "volume": 16.52,
        "pengaduan": 9.0,
        "temuan": 6.0,
    }
    assert (result.dasar, result.faktor, result.skor) == (74.5, 1.5, 111.8)


def test_an_sop_in_force_removes_the_boost() -> None:
    assert score(factors(sop_berlaku=True)).skor == 74.5


def test_lowest_and_highest_possible_scores() -> None:
    low = factors(
        kemungkinan=1, dampak=1, melayani_publik=False, volume_per_bulan=0, pengaduan=0, temuan=0
    )
    assert score(low, DEFAULT_WEIGHTS).dasar == 1.4  # risk 1/25 × 35
    high = factors(
        kemungkinan=5, dampak=5, volume_per_bulan=10**6, pengaduan=99, temuan=99, sop_berlaku=True
    )
    assert score(high).skor == 100.0
    assert (
        score(
            factors(kemungkinan=5, dampak=5, volume_per_bulan=10**6, pengaduan=99, temuan=99)
        ).skor
        == 150.0
    )


def test_volume_is_log_scaled_and_capped() -> None:
    values = [normalised(factors(volume_per_bulan=v))["volume"] for v in (0, 9, 99, 999, 5000)]
    assert values[0] == 0.0
    assert values[1] == pytest.approx(1 / math.log10(1001), abs=1e-4)
    assert values[2] == pytest.approx(2 / math.log10(1001), abs=1e-4)
    assert values[3] == pytest.approx(3 / math.log10(1001), abs=1e-4)
    assert values[4] == 1.0


def test_changed_weights_change_the_order() -> None:
    busy_public = factors(kemungkinan=2, dampak=2, volume_per_bulan=1000, pengaduan=0, temuan=0)
    risky_internal = factors(
        kemungkinan=5, dampak=5, melayani_publik=False, volume_per_bulan=2, pengaduan=0, temuan=0
    )
    assert (score(busy_public).skor, score(risky_internal).skor) == (60.9, 57.3)
    risk_first = Weights(risiko=80, publik=5, volume=5, pengaduan=5, temuan=5)
    # busy: 80 × 0.16 + 5 + 5 = 22.8; risky: 80 + 5 × 0.159 = 80.8; both × 1.5
    assert (score(busy_public, risk_first).skor, score(risky_internal, risk_first).skor) == (
        34.2,
        121.2,
    )


def test_only_risk_counts_when_the_other_weights_are_zero() -> None:
    only_risk = Weights(risiko=1, publik=0, volume=0, pengaduan=0, temuan=0, faktor_tanpa_sop=1)
    assert score(factors(kemungkinan=3, dampak=5), only_risk).skor == 60.0


def test_no_weight_at_all_gives_zero_not_a_division_error() -> None:
    nothing = Weights(risiko=0, publik=0, volume=0, pengaduan=0, temuan=0)
    assert score(factors(), nothing).skor == 0.0


def test_reference_values_change_the_caps() -> None:
    strict = Weights(pengaduan_acuan=3, temuan_acuan=1)
    assert normalised(factors(pengaduan=3, temuan=1), strict)["pengaduan"] == 1.0
    assert normalised(factors(pengaduan=3, temuan=1), strict)["temuan"] == 1.0

"""Proposed SOP titles (Tabel 6 column 8): "SOP" + the activity aspect + the output.

PermenPANRB 35/2012 builds the title from the final output and the aspect of the activity,
e.g. output "Renstra", aspect "penyusunan" → "SOP Penyusunan Renstra". No Django import.
"""

from __future__ import annotations

import re

_SPACES = re.compile(r"\s+")


def _clean(text: str) -> str:
    return _SPACES.sub(" ", text or "").strip()


def _capitalise_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def propose_title(*, output: str, aspek: str) -> str:
    """The proposed title; the aspect is not repeated when the output already starts with it."""
    output = _clean(output)
    aspek = _clean(aspek)
    if output.lower().startswith("sop "):
        output = output[4:].strip()
    if aspek and not output.lower().startswith(aspek.lower()):
        words = [_capitalise_first(aspek), output] if output else [_capitalise_first(aspek)]
    else:
        words = [_capitalise_first(output)] if output else []
    return " ".join(["SOP", *words]).strip()

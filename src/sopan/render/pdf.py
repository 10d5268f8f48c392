"""The official PDF of an SOP in the SOP AP layout (PermenPANRB 35/2012), made with Typst.

How it is built: Python turns the document into one JSON value (texts, dates already written
the Indonesian way, the identity block, the element pairs, the other sections, and every
procedure page as a list of drawing primitives taken from :mod:`sopan.render.layout`); the
Typst template ``typst/sop.typ`` reads it from ``sys.inputs`` and draws it. User text therefore
only ever reaches Typst as string values, never as markup, so ``#``, ``$``, ``*``, ``_``, ``<``,
``@``, brackets, backslashes and backticks print as written.

- Pages 1..: the identity block (§1.2 of the guide) and the three element rows, in the page
  size of ``options`` (A4 or F4, landscape by default), laid out by Typst.
- Then the procedure table with the flowchart, one PDF page per layout page, drawn with
  absolute placement: every grid line, text line (at its baseline, so Typst never re-wraps),
  symbol and arrow is where the layout put it, in the layout's page size and margins.
- Then the guide's other elements that the document has (tujuan, ruang lingkup, definisi,
  indikator, pelaporan, eskalasi, lampiran, riwayat revisi).

Every page has a footer (nomor, versi, "Halaman x dari y"); a draft carries a large diagonal
KONSEP mark; a version in force with a verification URL carries a small QR code on every page.
The bundled Noto Sans (``fonts/``) is passed to Typst so the PDF embeds the font the layout
measured; system fonts are a fallback for scripts Noto Sans lacks.
"""

from __future__ import annotations

import json
import logging
import math
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import typst

from sopan.document.model import KeterkaitanSop, SopDocument
from sopan.i18n import gettext_noop as N
from sopan.i18n import translate
from sopan.render.labels import (
    DRAFT_MARK,
    ELEMENT_LABELS,
    IDENTITY_LABELS,
    format_date,
    format_nip_line,
)
from sopan.render.layout import Arrow as LayoutArrow
from sopan.render.layout import Layout, layout_procedure
from sopan.render.layout import Page as LayoutPage
from sopan.render.layout import Symbol as LayoutSymbol
from sopan.render.options import RenderOptions
from sopan.render.qr import qr_svg
from sopan.render.svg import FILL as SVG_FILL
from sopan.render.svg import STROKE as SVG_STROKE

log = logging.getLogger(__name__)

RENDER_DIR = Path(__file__).resolve().parent
FONT_DIR = RENDER_DIR / "fonts"
TEMPLATE_PATH = RENDER_DIR / "typst" / "sop.typ"
FONT_FAMILY = "Noto Sans"

# Printed words of the PDF and DOCX that labels.py does not already have.
TEXT = {
    "pages": N("Halaman {halaman} dari {jumlah}"),
    "versi": N("Versi {versi}"),
    "versi_sistem": N("versi sistem {nomor}"),
    "qr_caption": N("Pindai untuk memeriksa keabsahan"),
    "signed_qr": N("Disahkan secara elektronik"),
    "logo": N("LOGO"),
    "tujuan": N("Tujuan"),
    "ruang_lingkup": N("Ruang Lingkup"),
    "cakupan": N("Cakupan"),
    "pengecualian": N("Pengecualian"),
    "definisi": N("Definisi"),
    "istilah": N("Istilah"),
    "arti": N("Arti"),
    "indikator": N("Indikator"),
    "nama_indikator": N("Nama"),
    "rumus": N("Rumus"),
    "target": N("Target"),
    "frekuensi": N("Frekuensi"),
    "pelaporan": N("Pelaporan"),
    "kepada": N("Kepada"),
    "eskalasi": N("Eskalasi"),
    "kondisi": N("Kondisi"),
    "tindakan": N("Tindakan"),
    "lampiran": N("Lampiran"),
    "berkas": N("Berkas"),
    "riwayat": N("Riwayat Revisi"),
    "versi_kolom": N("Versi"),
    "tanggal": N("Tanggal"),
    "ringkasan": N("Ringkasan"),
    "alasan": N("Alasan"),
    "prosedur": N("Prosedur"),
}

# Text pages (identity and other elements): margins in points.
TEXT_MARGIN = {"top": 34.0, "bottom": 58.0, "left": 40.0, "right": 40.0}
BASE_SIZE = 9.0
FOOTER_SIZE = 7.0
QR_SIZE = 40.0
SIGNATURE_SPACE = 46.0


def t(key: str, lang: str, **params: object) -> str:
    """A printed word of the PDF/DOCX in ``lang``."""
    return translate(TEXT[key], lang, **params)


# ------------------------------------------------------------------------------- clean text

_KEEP_CONTROLS = {"\n", "\t"}


def clean(value: object) -> str:
    """User text safe for any output: no control characters besides newline, tabs as spaces."""
    if value is None:
        return ""
    text = str(value)
    if text.isprintable():
        return text
    out = []
    for char in text:
        if char in _KEEP_CONTROLS:
            out.append(" " if char == "\t" else char)
        elif unicodedata.category(char) in ("Cc", "Cs", "Co", "Cn"):
            continue
        else:
            out.append(char)
    return "".join(out).replace("\r\n", "\n").replace("\r", "\n")


def upper_id(text: str) -> str:
    return clean(text).upper()


# ------------------------------------------------------------------------------- content model
# Shared by the PDF and the DOCX so both carry the same content in the same order.


@dataclass(frozen=True)
class IdentityRow:
    label: str
    value: str
    kind: str = "field"  # "field" | "signature" | "title"


@dataclass(frozen=True)
class Signature:
    jabatan: str
    nama: str
    nip: str


@dataclass(frozen=True)
class ElementCell:
    label: str
    items: list[str]


@dataclass
class Block:
    kind: str  # "text" | "subtitle" | "list" | "table"
    text: str = ""
    items: list[str] = field(default_factory=list)
    header: list[str] = field(default_factory=list)
    rows: list[list[str]] = field(default_factory=list)
    widths: list[float] = field(default_factory=list)


@dataclass
class Section:
    title: str
    blocks: list[Block]


def unit_lines(doc: SopDocument) -> list[str]:
    """The name block beside the logo: instansi then the unit hierarchy, upper case, no repeats."""
    units = doc.unit if isinstance(doc.unit, list) else ([doc.unit] if doc.unit else [])
    lines: list[str] = []
    for raw in [doc.instansi, *units]:
        text = upper_id(raw or "").strip()
        if text and (not lines or lines[-1] != text):
            lines.append(text)
    return lines


def identity_rows(doc: SopDocument, lang: str) -> list[IdentityRow]:
    """Nomor, the three dates, Disahkan oleh (the signature row) and Nama SOP, in order."""

    def lab(key: str) -> str:
        return translate(IDENTITY_LABELS[key], lang)

    return [
        IdentityRow(lab("nomor"), clean(doc.nomor) or "-"),
        IdentityRow(lab("pembuatan"), format_date(doc.tanggal.pembuatan, lang)),
        IdentityRow(lab("revisi"), format_date(doc.tanggal.revisi, lang)),
        IdentityRow(lab("efektif"), format_date(doc.tanggal.efektif, lang)),
        IdentityRow(lab("disahkan_oleh"), "", "signature"),
        IdentityRow(lab("nama"), clean(doc.nama) or "-", "title"),
    ]


def signature(doc: SopDocument) -> Signature:
    who = doc.disahkan_oleh
    return Signature(clean(who.jabatan), clean(who.nama), format_nip_line(who.nip))


def keterkaitan_text(item: str | KeterkaitanSop) -> str:
    if isinstance(item, KeterkaitanSop):
        sop = clean(item.sop)
        return f"{sop} — {clean(item.hubungan)}" if item.hubungan else sop
    return clean(item)


def element_pairs(doc: SopDocument, lang: str) -> list[tuple[ElementCell, ElementCell]]:
    """The three two-column rows under the identity block (§1.2, items 8–13)."""

    def cell(key: str, items: Iterable[str]) -> ElementCell:
        texts = [clean(item) for item in items if clean(item).strip()]
        return ElementCell(translate(ELEMENT_LABELS[key], lang), texts)

    return [
        (
            cell("dasar_hukum", doc.dasar_hukum),
            cell("kualifikasi_pelaksana", doc.kualifikasi_pelaksana),
        ),
        (
            cell("keterkaitan", (keterkaitan_text(k) for k in doc.keterkaitan)),
            cell("peralatan", doc.peralatan),
        ),
        (cell("peringatan", doc.peringatan), cell("pencatatan", doc.pencatatan)),
    ]


def _frekuensi(value: str | None) -> str:
    return value.capitalize() if value else ""


def other_sections(doc: SopDocument, lang: str) -> list[Section]:
    """The guide's other elements the document has, empty ones left out."""
    sections: list[Section] = []
    if doc.tujuan and doc.tujuan.strip():
        sections.append(Section(t("tujuan", lang), [Block("text", text=clean(doc.tujuan))]))
    rl = doc.ruang_lingkup
    pengecualian = [clean(p) for p in rl.pengecualian if clean(p).strip()]
    if (rl.cakupan and rl.cakupan.strip()) or pengecualian:
        blocks: list[Block] = []
        if rl.cakupan and rl.cakupan.strip():
            blocks += [
                Block("subtitle", text=t("cakupan", lang)),
                Block("text", text=clean(rl.cakupan)),
            ]
        if pengecualian:
            blocks += [
                Block("subtitle", text=t("pengecualian", lang)),
                Block("list", items=pengecualian),
            ]
        sections.append(Section(t("ruang_lingkup", lang), blocks))
    definisi = [[clean(d.istilah), clean(d.arti)] for d in doc.definisi if d.istilah or d.arti]
    if definisi:
        table = Block(
            "table",
            header=[t("istilah", lang), t("arti", lang)],
            rows=definisi,
            widths=[1, 3],
        )
        sections.append(Section(t("definisi", lang), [table]))
    indikator = [
        [clean(i.nama), clean(i.rumus), clean(i.target), _frekuensi(i.frekuensi)]
        for i in doc.indikator
        if i.nama or i.rumus or i.target or i.frekuensi
    ]
    if indikator:
        table = Block(
            "table",
            header=[
                t("nama_indikator", lang),
                t("rumus", lang),
                t("target", lang),
                t("frekuensi", lang),
            ],
            rows=indikator,
            widths=[3, 3, 1.4, 1.2],
        )
        sections.append(Section(t("indikator", lang), [table]))
    pel = doc.pelaporan
    if pel.kepada or pel.frekuensi:
        table = Block(
            "table",
            header=[t("kepada", lang), t("frekuensi", lang)],
            rows=[[clean(pel.kepada), _frekuensi(pel.frekuensi)]],
            widths=[3, 1],
        )
        sections.append(Section(t("pelaporan", lang), [table]))
    eskalasi = [
        [clean(e.kondisi), clean(e.tindakan), clean(e.kepada)]
        for e in doc.eskalasi
        if e.kondisi or e.tindakan or e.kepada
    ]
    if eskalasi:
        table = Block(
            "table",
            header=[t("kondisi", lang), t("tindakan", lang), t("kepada", lang)],
            rows=eskalasi,
            widths=[2, 2, 1.2],
        )
        sections.append(Section(t("eskalasi", lang), [table]))
    lampiran = [[clean(a.nama), clean(a.berkas)] for a in doc.lampiran if a.nama or a.berkas]
    if lampiran:
        table = Block(
            "table",
            header=[t("nama_indikator", lang), t("berkas", lang)],
            rows=lampiran,
            widths=[2, 2],
        )
        sections.append(Section(t("lampiran", lang), [table]))
    riwayat = [
        [
            clean(r.versi),
            format_date(r.tanggal, lang) if r.tanggal else "",
            clean(r.ringkasan),
            clean(r.alasan),
        ]
        for r in doc.riwayat
        if r.versi or r.tanggal or r.ringkasan or r.alasan
    ]
    if riwayat:
        table = Block(
            "table",
            header=[
                t("versi_kolom", lang),
                t("tanggal", lang),
                t("ringkasan", lang),
                t("alasan", lang),
            ],
            rows=riwayat,
            widths=[0.7, 1.2, 3, 3],
        )
        sections.append(Section(t("riwayat", lang), [table]))
    return sections


def footer_left(doc: SopDocument, options: RenderOptions) -> str:
    """``Nomor SOP: … · Versi 1.1 (versi sistem 3)`` as printed at the foot of every page."""
    lang = options.lang
    parts = []
    if doc.nomor:
        parts.append(f"{translate(IDENTITY_LABELS['nomor'], lang)}: {clean(doc.nomor)}")
    versi = t("versi", lang, versi=clean(doc.versi) or "-")
    if options.system_version is not None:
        versi += f" ({t('versi_sistem', lang, nomor=options.system_version)})"
    parts.append(versi)
    return " · ".join(parts)


def status_text(options: RenderOptions) -> str | None:
    """The status word in the footer: KONSEP for a draft, else ``options.status_label``."""
    if options.draft:
        return translate(DRAFT_MARK, options.lang)
    return clean(options.status_label) or None


def verify_qr_url(options: RenderOptions) -> str | None:
    """The URL of the QR code on every page: only for a version in force."""
    if options.draft or not options.verify_url:
        return None
    return options.verify_url


# ------------------------------------------------------------------------------- logo

_LOGO_FORMATS = {".png": "png", ".jpg": "jpg", ".jpeg": "jpg", ".gif": "gif", ".svg": "svg"}
_LOGO_MAX_BYTES = 5 * 1024 * 1024


def read_logo(path: Path | None) -> tuple[bytes, str] | None:
    """The logo's bytes and Typst format, or ``None`` (missing, unreadable, unknown type)."""
    if path is None:
        return None
    fmt = _LOGO_FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        return None
    try:
        data = Path(path).read_bytes()
    except OSError:
        return None
    if not data or len(data) > _LOGO_MAX_BYTES:
        return None
    return data, fmt


# ------------------------------------------------------------------------------- procedure pages


def _num(value: Any) -> float:
    number = float(value)
    return round(number, 3) if math.isfinite(number) else 0.0


@dataclass
class _Page:
    """One procedure page as drawing primitives, in points from the frame's top-left."""

    width: float
    height: float
    margin: dict[str, float]
    items: list[list[Any]] = field(default_factory=list)

    def _xy(self, x: float, y: float) -> tuple[float, float]:
        return _num(x - self.margin["left"]), _num(y - self.margin["top"])

    def line(self, x1: float, y1: float, x2: float, y2: float, width: float, colour: str) -> None:
        self.items.append(["l", *self._xy(x1, y1), *self._xy(x2, y2), _num(width), colour, None])

    def rect(
        self,
        x: float,
        y: float,
        w: float,
        h: float,
        fill: str | None,
        stroke: str | None,
        width: float,
        radius: float = 0.0,
    ) -> None:
        dx, dy = self._xy(x, y)
        size = [_num(max(w, 0.0)), _num(max(h, 0.0))]
        self.items.append(["r", dx, dy, *size, fill, stroke, _num(width), _num(max(radius, 0.0))])

    def poly(
        self,
        points: Sequence[Sequence[float]],
        fill: str | None,
        stroke: str | None,
        width: float,
        closed: bool = True,
    ) -> None:
        if len(points) < 2:
            return
        pts = [list(self._xy(x, y)) for x, y in points]
        self.items.append(["p", pts, fill, stroke, _num(width), closed])

    def text(
        self,
        x: float,
        baseline: float,
        text: str,
        size: float,
        bold: bool = False,
        italic: bool = False,
        anchor: str = "start",
    ) -> None:
        text = clean(text).replace("\n", " ")
        if not text.strip():
            return
        dx, dy = self._xy(x, baseline)
        self.items.append(["t", dx, dy, text, _num(size), bold, italic, INK, anchor])


INK = "#000000"
HEADER_FILL = "#e8e8e8"
# The symbols look as in the SVG/HTML views (light blue fill, dark outline), as printed SOPs do.
SYMBOL_FILL = SVG_FILL
SYMBOL_INK = SVG_STROKE
SYMBOL_STROKE = 0.8
ARROW_STROKE = 0.7
ARROWHEAD = 5.0


def procedure_pages(doc: SopDocument, options: RenderOptions) -> list[dict[str, Any]]:
    """Every page of the procedure table as drawing primitives for the template."""
    layout = layout_procedure(doc, options)
    return [_draw_page(layout, page) for page in layout.pages]


def _draw_page(layout: Layout, page: LayoutPage) -> dict[str, Any]:
    top, right, bottom, left = layout.margin
    out = _Page(
        layout.width, layout.height, {"top": top, "right": right, "bottom": bottom, "left": left}
    )
    # The header band (column titles) is shaded, as in printed SOPs.
    if layout.columns:
        x0 = layout.columns[0].x
        x1 = layout.columns[-1].x + layout.columns[-1].width
        header_bottom = page.rows[0].y if page.rows else page.bottom
        if header_bottom > page.top:
            out.rect(x0, page.top, x1 - x0, header_bottom - page.top, HEADER_FILL, None, 0.0)
    for ln in page.grid:
        out.line(ln.x1, ln.y1, ln.x2, ln.y2, ln.width, INK)
    for arrow in page.arrows:
        _draw_arrow(out, arrow, layout.font_size)
    for symbol in page.symbols:
        _draw_symbol(out, symbol, layout.font_size)
    for cell in page.header:
        for tl in cell.lines:
            out.text(tl.x, tl.y, tl.text, tl.size, bold=tl.bold)
    for row in page.rows:
        for cell in row.cells:
            for tl in cell.lines:
                out.text(tl.x, tl.y, tl.text, tl.size, bold=tl.bold)
    return {
        "width": _num(out.width),
        "height": _num(out.height),
        "margin": {k: _num(v) for k, v in out.margin.items()},
        "items": out.items,
    }


def _draw_symbol(out: _Page, symbol: LayoutSymbol, font_size: float) -> None:
    x, y, w, h = symbol.x, symbol.y, symbol.width, symbol.height
    if symbol.kind == "terminator":
        out.rect(x, y, w, h, SYMBOL_FILL, SYMBOL_INK, SYMBOL_STROKE, radius=h / 2)
    elif symbol.kind == "process" or len(symbol.points) < 3:
        out.rect(x, y, w, h, SYMBOL_FILL, SYMBOL_INK, SYMBOL_STROKE)
    else:
        out.poly(symbol.points, SYMBOL_FILL, SYMBOL_INK, SYMBOL_STROKE, closed=True)
    if symbol.label:
        # The connector's letter or number, placed as in the SVG view.
        size = min(font_size, h * 0.45)
        out.text(
            x + w / 2, y + h * 0.42 + size * 0.35, symbol.label, size, bold=True, anchor="middle"
        )


def _draw_arrow(out: _Page, arrow: LayoutArrow, font_size: float) -> None:
    points = [(float(px), float(py)) for px, py in arrow.points]
    if len(points) < 2:
        return
    if arrow.kind == "joint":
        out.poly(points, None, INK, ARROW_STROKE, closed=False)
    else:
        # The line stops at the arrowhead's base so the tip stays sharp.
        (x1, y1), (x2, y2) = points[-2], points[-1]
        length = math.hypot(x2 - x1, y2 - y1)
        if length <= 0:
            out.poly(points, None, INK, ARROW_STROKE, closed=False)
        else:
            ux, uy = (x2 - x1) / length, (y2 - y1) / length
            head = min(ARROWHEAD, length)
            bx, by = x2 - ux * head, y2 - uy * head
            out.poly([*points[:-1], (bx, by)], None, INK, ARROW_STROKE, closed=False)
            half = head * 0.42
            tip = [(x2, y2), (bx - uy * half, by + ux * half), (bx + uy * half, by - ux * half)]
            out.poly(tip, INK, None, 0.0)
    if arrow.label and arrow.label_at is not None:
        lx, ly = arrow.label_at
        out.text(lx, ly, arrow.label, max(font_size - 1, 5.0), italic=True)


# ------------------------------------------------------------------------------- assembly


def document_data(doc: SopDocument, options: RenderOptions) -> dict[str, Any]:
    """The JSON value the Typst template draws."""
    lang = options.lang
    width, height = options.page_size_pt()
    sign = signature(doc)
    url = verify_qr_url(options)
    qr = qr_svg(url) if url else None
    logo = read_logo(options.logo_path)
    rows = identity_rows(doc, lang)
    return {
        "title": clean(doc.nama) or "SOP",
        "author": clean(doc.instansi) or "",
        "font": FONT_FAMILY,
        "size": BASE_SIZE,
        "lang": "en" if lang == "en" else "id",
        "page": {"width": _num(width), "height": _num(height), "margin": TEXT_MARGIN},
        "draft": options.draft,
        "watermark": translate(DRAFT_MARK, lang),
        "watermark-size": _num(min(width, height) * 0.27),
        "qr": qr,
        "qr-size": QR_SIZE,
        "qr-caption": t("qr_caption", lang),
        "footer-size": FOOTER_SIZE,
        "footer": {
            "left": footer_left(doc, options),
            "right": "",
            "status": status_text(options),
            "pages": t("pages", lang),
        },
        "identity-label-width": 100.0,
        "identity": {
            # Typst reads no base64: the image's bytes travel as a list of integers.
            "logo": None if logo is None else {"data": list(logo[0]), "format": logo[1]},
            "logo-placeholder": t("logo", lang),
            "lines": unit_lines(doc),
            "rows": [{"label": r.label, "value": r.value, "kind": r.kind} for r in rows],
            "signature": {
                "jabatan": sign.jabatan,
                "nama": sign.nama,
                "nip": sign.nip,
                "qr": qr,
                "qr-caption": t("signed_qr", lang),
                "space": SIGNATURE_SPACE,
            },
        },
        "elements": [
            [{"label": a.label, "items": a.items}, {"label": b.label, "items": b.items}]
            for a, b in element_pairs(doc, lang)
        ],
        "procedure": procedure_pages(doc, options),
        "sections": [
            {
                "title": s.title,
                "blocks": [
                    {
                        "kind": b.kind,
                        "text": b.text,
                        "items": b.items,
                        "header": b.header,
                        "rows": b.rows,
                        "widths": b.widths,
                    }
                    for b in s.blocks
                ],
            }
            for s in other_sections(doc, lang)
        ],
    }


_template_source: bytes | None = None


def _template() -> bytes:
    global _template_source
    if _template_source is None:
        _template_source = TEMPLATE_PATH.read_bytes()
    return _template_source


def compile_data(data: dict[str, Any]) -> bytes:
    """Compile the template with ``data``; the PDF bytes."""
    compile_: Any = typst.compile  # its stubs tie font path types to the input's type
    result = compile_(
        _template(),
        font_paths=[str(FONT_DIR)],
        sys_inputs={"data": json.dumps(data, ensure_ascii=False)},
        format="pdf",
    )
    assert isinstance(result, bytes)
    return result


DEFAULT_OPTIONS = RenderOptions()


def render_pdf(doc: SopDocument, options: RenderOptions = DEFAULT_OPTIONS) -> bytes:
    """The official PDF of ``doc`` (SOP AP layout) as bytes."""
    data = document_data(doc, options)
    try:
        return compile_data(data)
    except Exception:  # a logo Typst cannot decode must not stop the document
        if data["identity"]["logo"] is None:
            raise
        log.warning("logo %s could not be drawn; printing the placeholder", options.logo_path)
        data["identity"]["logo"] = None
        return compile_data(data)

"""The SOP as HTML: a responsive fragment for the web app and a standalone printable page. PURE.

The fragment holds the identity block, the other elements, the procedure pages as inline SVG
(``svg.page_svg`` of each layout page: the official look, scaled to the screen) and, for small
screens and screen readers, the same steps as an HTML table. Every text from the document is
escaped here; the SVG module escapes its own.
"""

from __future__ import annotations

from html import escape

from sopan.document import SopDocument, StepGraph
from sopan.i18n import gettext_noop as N
from sopan.i18n import translate
from sopan.render.labels import (
    DRAFT_MARK,
    ELEMENT_LABELS,
    IDENTITY_LABELS,
    TABLE_LABELS,
    format_date,
    format_nip_line,
)
from sopan.render.options import PAPER_MM, RenderOptions

TEXT = {
    "identity": N("Identitas SOP"),
    "procedure": N("Prosedur"),
    "steps": N("Rincian langkah"),
    "next": N("lanjut ke"),
    "page": N("Halaman {n} dari {total}"),
    "other": N("Unsur lain"),
    "tujuan": N("Tujuan"),
    "ruang_lingkup": N("Ruang lingkup"),
    "pengecualian": N("Pengecualian:"),
    "definisi": N("Definisi"),
    "indikator": N("Indikator"),
    "pelaporan": N("Pelaporan"),
    "eskalasi": N("Eskalasi"),
    "lampiran": N("Lampiran"),
    "riwayat": N("Riwayat revisi"),
    "draft_note": N("Dokumen ini belum disahkan."),
}

CSS = """
.sopan-doc{--ink:#1d2733;--line:#c9d1db;--bg:#f6f8fa;color:var(--ink)}
.sopan-doc h2{font-size:1.15rem;margin:1.2em 0 .4em}
.sopan-doc .sopan-konsep{border:3px solid #b3261e;color:#b3261e;font-weight:700;
 letter-spacing:.15em;padding:.3em .8em;display:inline-block}
.sopan-doc .sopan-identity{display:grid;grid-template-columns:1fr 2fr;border:1px solid var(--line)}
.sopan-doc .sopan-org{padding:12px;text-align:center;font-weight:700;
 border-right:1px solid var(--line)}
.sopan-doc .sopan-org p{margin:2px 0}
.sopan-doc .sopan-fields{display:grid;grid-template-columns:12em 1fr;margin:0}
.sopan-doc .sopan-fields dt,.sopan-doc .sopan-fields dd{margin:0;padding:6px 8px;
 border-bottom:1px solid var(--line)}
.sopan-doc .sopan-fields dt{font-weight:600;background:var(--bg)}
.sopan-doc .sopan-elements{display:grid;grid-template-columns:1fr 1fr;gap:0 16px}
.sopan-doc .sopan-elements h3{font-size:.9rem;text-transform:uppercase;margin:.8em 0 .2em}
.sopan-doc figure{margin:0 0 12px;overflow-x:auto;border:1px solid var(--line)}
.sopan-doc figure svg{display:block;width:100%;height:auto;min-width:640px}
.sopan-doc figcaption{font-size:.85rem;padding:2px 8px;background:var(--bg)}
.sopan-doc .sopan-scroll{overflow-x:auto}
.sopan-doc table{border-collapse:collapse;width:100%}
.sopan-doc th,.sopan-doc td{border:1px solid var(--line);padding:4px 6px;vertical-align:top;
 text-align:left}
.sopan-doc .sopan-next{font-size:.85rem;color:#5b6675}
@media (max-width:700px){
 .sopan-doc .sopan-identity,.sopan-doc .sopan-elements{grid-template-columns:1fr}
 .sopan-doc .sopan-org{border-right:0;border-bottom:1px solid var(--line)}
 .sopan-doc .sopan-fields{grid-template-columns:9em 1fr}
 .sopan-doc .sopan-steps thead{display:none}
 .sopan-doc .sopan-steps td{display:block;border:0;padding:2px 0}
 .sopan-doc .sopan-steps tr{display:block;border-bottom:1px solid var(--line);padding:6px 0}
}
"""


def _e(value: object) -> str:
    return escape("" if value is None else str(value), quote=True)


def _t(message: str, options: RenderOptions, **params: object) -> str:
    return _e(translate(message, options.lang, **params))


def _list(items: list[str], numbered: bool = True) -> str:
    if not items:
        return "<p>-</p>"
    tag = "ol" if numbered else "ul"
    return f"<{tag}>" + "".join(f"<li>{_e(i)}</li>" for i in items) + f"</{tag}>"


def _joined(value: str | list[str] | None) -> str:
    if value is None:
        return ""
    return "; ".join(value) if isinstance(value, list) else value


def render_html(
    doc: SopDocument, options: RenderOptions | None = None, *, embed_css: bool = True
) -> str:
    """The SOP as an HTML fragment (a ``<div class="sopan-doc">``). With ``embed_css`` it
    carries its own ``<style>``; a page under a strict Content-Security-Policy links
    :data:`CSS` as a stylesheet instead (the web app serves it at ``/sop/dokumen.css``)."""
    options = options or RenderOptions()
    parts = [f"<style>{CSS}</style>"] if embed_css else []
    parts.append('<div class="sopan-doc">')
    if options.draft:
        parts.append(
            f'<p><strong class="sopan-konsep">{_t(DRAFT_MARK, options)}</strong> '
            f"{_t(TEXT['draft_note'], options)}</p>"
        )
    parts += [_identity(doc, options), _elements(doc, options), _procedure(doc, options)]
    parts += [_others(doc, options), "</div>"]
    return "\n".join(p for p in parts if p)


def _identity(doc: SopDocument, options: RenderOptions) -> str:
    unit = doc.unit if isinstance(doc.unit, list) else [doc.unit] if doc.unit else []
    org = list(dict.fromkeys(u for u in [doc.instansi or "", *unit] if u))
    signer = doc.disahkan_oleh
    signed = "<br>".join(
        _e(v) for v in (signer.jabatan, signer.nama, format_nip_line(signer.nip)) if v
    )
    lang = options.lang
    fields = [
        (IDENTITY_LABELS["nomor"], _e(doc.nomor or "-")),
        (IDENTITY_LABELS["pembuatan"], _e(format_date(doc.tanggal.pembuatan, lang))),
        (IDENTITY_LABELS["revisi"], _e(format_date(doc.tanggal.revisi, lang))),
        (IDENTITY_LABELS["efektif"], _e(format_date(doc.tanggal.efektif, lang))),
        (IDENTITY_LABELS["disahkan_oleh"], signed or "-"),
        (IDENTITY_LABELS["nama"], _e(doc.nama)),
    ]
    rows = "".join(f"<dt>{_t(k, options)}</dt><dd>{v}</dd>" for k, v in fields)
    org_lines = "".join(f"<p>{_e(line.upper())}</p>" for line in org)
    return (
        f"<section><h2>{_t(TEXT['identity'], options)}</h2>"
        f'<div class="sopan-identity"><div class="sopan-org">{org_lines}</div>'
        f'<dl class="sopan-fields">{rows}</dl></div></section>'
    )


def _elements(doc: SopDocument, options: RenderOptions) -> str:
    keterkaitan = [
        item if isinstance(item, str) else " — ".join(x for x in (item.sop, item.hubungan) if x)
        for item in doc.keterkaitan
    ]
    values = {
        "dasar_hukum": (doc.dasar_hukum, True),
        "kualifikasi_pelaksana": (doc.kualifikasi_pelaksana, True),
        "keterkaitan": (keterkaitan, True),
        "peralatan": (doc.peralatan, True),
        "peringatan": (doc.peringatan, False),
        "pencatatan": (doc.pencatatan, True),
    }
    boxes = "".join(
        f"<div><h3>{_t(ELEMENT_LABELS[key], options)}</h3>{_list(items, numbered)}</div>"
        for key, (items, numbered) in values.items()
    )
    return f'<section class="sopan-elements">{boxes}</section>'


def _procedure(doc: SopDocument, options: RenderOptions) -> str:
    from sopan.render.layout import layout_procedure
    from sopan.render.svg import page_svg

    layout = layout_procedure(doc, options)
    total = len(layout.pages)
    figures = "".join(
        f'<figure class="sopan-page">'
        f"{page_svg(layout, page, draft=options.draft, lang=options.lang)}"
        f"<figcaption>{_t(TEXT['page'], options, n=page.number, total=total)}</figcaption>"
        "</figure>"
        for page in layout.pages
    )
    return (
        f"<section><h2>{_t(TEXT['procedure'], options)}</h2>{figures}"
        f"<h3>{_t(TEXT['steps'], options)}</h3>{_steps_table(doc, options)}</section>"
    )


def _steps_table(doc: SopDocument, options: RenderOptions) -> str:
    graph = StepGraph.from_document(doc)
    names = {actor.id: actor.nama or actor.id for actor in doc.pelaksana}
    head = "".join(
        f'<th scope="col">{_t(TABLE_LABELS[k], options)}</th>'
        for k in ("no", "kegiatan", "pelaksana", "kelengkapan", "waktu", "output", "keterangan")
    )
    rows = []
    for step in doc.langkah:
        edges = graph.successors(step.step_id)
        onward = ", ".join(f"{e.label} → {e.target}" if e.label else e.target for e in edges)
        next_line = (
            f'<div class="sopan-next">{_t(TEXT["next"], options)} {_e(onward)}</div>'
            if onward
            else ""
        )
        cells = [
            _e(step.no if step.no is not None else ""),
            _e(step.kegiatan or "") + next_line,
            _e(", ".join(names.get(a, a) for a in step.pelaksana)),
            _e(_joined(step.kelengkapan)),
            _e(step.waktu or ""),
            _e(step.output or ""),
            _e(step.keterangan or ""),
        ]
        rows.append(
            f'<tr id="langkah-{_e(step.step_id)}">' + "".join(f"<td>{c}</td>" for c in cells)
        )
    return (
        f'<div class="sopan-scroll"><table class="sopan-steps"><thead><tr>{head}</tr></thead>'
        f"<tbody>{'</tr>'.join(rows)}{'</tr>' if rows else ''}</tbody></table></div>"
    )


def _others(doc: SopDocument, options: RenderOptions) -> str:
    lang = options.lang
    items: list[tuple[str, str]] = []
    if doc.tujuan:
        items.append((TEXT["tujuan"], _e(doc.tujuan)))
    scope = doc.ruang_lingkup
    if scope.cakupan or scope.pengecualian:
        extra = (
            f"<br>{_t(TEXT['pengecualian'], options)}{_list(scope.pengecualian, False)}"
            if scope.pengecualian
            else ""
        )
        items.append((TEXT["ruang_lingkup"], _e(scope.cakupan or "") + extra))
    lists = {
        "definisi": [f"{d.istilah or ''}: {d.arti or ''}" for d in doc.definisi],
        "indikator": [
            " · ".join(x for x in (i.nama, i.rumus, i.target) if x) for i in doc.indikator
        ],
        "eskalasi": [
            " → ".join(x for x in (e.kondisi, e.tindakan, e.kepada) if x) for e in doc.eskalasi
        ],
        "lampiran": [x.nama or x.berkas or "" for x in doc.lampiran],
        "riwayat": [
            " · ".join(
                x
                for x in (r.versi, format_date(r.tanggal, lang) if r.tanggal else "", r.ringkasan)
                if x
            )
            for r in doc.riwayat
        ],
    }
    if doc.pelaporan.kepada:
        frequency = f", {doc.pelaporan.frekuensi}" if doc.pelaporan.frekuensi else ""
        items.append((TEXT["pelaporan"], _e(doc.pelaporan.kepada + frequency)))
    for key, values in lists.items():
        if values:
            items.append((TEXT[key], _list(values, numbered=False)))
    if not items:
        return ""
    body = "".join(f"<dt>{_t(k, options)}</dt><dd>{v}</dd>" for k, v in items)
    return f"<section><h2>{_t(TEXT['other'], options)}</h2><dl>{body}</dl></section>"


def render_html_page(doc: SopDocument, options: RenderOptions | None = None) -> str:
    """A complete HTML page: the fragment with a print stylesheet for the chosen paper."""
    options = options or RenderOptions()
    width, height = PAPER_MM[options.paper]
    if options.orientation == "landscape":
        width, height = height, width
    title = _e(doc.nama)
    if options.draft:
        title = f"{title} ({_t(DRAFT_MARK, options)})"
    print_css = (
        f"@page{{size:{width:g}mm {height:g}mm;margin:8mm}}"
        "@media print{body{margin:0;max-width:none}"
        ".sopan-doc figure{border:0;overflow:visible;break-inside:avoid;break-after:page}"
        ".sopan-doc figure svg{min-width:0;max-height:190mm}"
        ".sopan-doc figcaption{display:none}"
        ".sopan-doc section{break-inside:auto}}"
    )
    return (
        f'<!doctype html>\n<html lang="{_e(options.lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title}</title>\n"
        "<style>body{font:15px/1.5 system-ui,'Noto Sans',Arial,sans-serif;margin:16px auto;"
        f"max-width:1200px;padding:0 12px}}{print_css}</style>\n</head>\n<body>\n"
        f"{render_html(doc, options)}\n</body>\n</html>\n"
    )

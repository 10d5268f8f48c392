"""The SOP as an editable Word document (python-docx), same content and order as the PDF.

Arrangement (how offices revise: they edit the words, not the drawing):

1. Identity block as a real Word table mirroring the PDF's (logo and unit names on the left,
   Nomor, dates, Disahkan oleh with space for the signature, Nama SOP), then the three
   two-column rows (Dasar Hukum | Kualifikasi Pelaksana, …) as a second table.
2. A landscape section for the procedure. For each page of the flowchart layout one Word
   table with the SOP AP header (No, Kegiatan, Pelaksana: one column per actor, Mutu Baku:
   Kelengkapan, Waktu, Output, Keterangan; repeated as table header) and one row per layout
   row. The text columns are ordinary editable cells. The actor columns of the body rows are
   merged into one cell holding the picture of the flowchart for exactly those rows (cropped
   from ``svg.page_svg``, rendered with resvg at 200 dpi); column widths and minimum row
   heights are the layout's, so every symbol sits beside its row as in the PDF. A row whose
   text grows when edited grows the table; the picture then no longer lines up perfectly,
   which is the price of editable text (the PDF stays the reference).
3. The guide's other elements (tujuan, ruang lingkup, definisi, indikator, pelaporan,
   eskalasi, lampiran, riwayat revisi), skipping empty ones.

Drafts carry "KONSEP" in large grey letters in the header of every section and in the
document's title property. A version in force with a verification URL carries the QR code
in the footer. Every footer has nomor, versi and "Halaman x dari y" (Word fields).
"""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterable, Sequence
from typing import Any

import resvg_py
from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.section import Section as DocxSection
from docx.shared import Emu, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from sopan.document.model import SopDocument, Step
from sopan.i18n import translate
from sopan.render.labels import DRAFT_MARK, TABLE_LABELS
from sopan.render.layout import FONT_SIZE as LAYOUT_FONT_SIZE
from sopan.render.layout import PAD_X, PAD_Y, Layout, layout_procedure
from sopan.render.layout import Page as LayoutPage
from sopan.render.options import RenderOptions
from sopan.render.pdf import (
    BASE_SIZE,
    DEFAULT_OPTIONS,
    FONT_DIR,
    FONT_FAMILY,
    clean,
    element_pairs,
    footer_left,
    identity_rows,
    other_sections,
    read_logo,
    signature,
    status_text,
    t,
    unit_lines,
    verify_qr_url,
)
from sopan.render.qr import qr_png
from sopan.render.svg import flowchart_svg

log = logging.getLogger(__name__)

PICTURE_DPI = 200
GREY = RGBColor(0x9C, 0xA3, 0xAF)
HEADER_SHADE = "E8E8E8"
TEXT_MARGIN_PT = {"top": 34.0, "bottom": 50.0, "left": 40.0, "right": 40.0}
MUTU_BAKU = ("kelengkapan", "waktu", "output")


def render_docx(doc: SopDocument, options: RenderOptions = DEFAULT_OPTIONS) -> bytes:
    """The SOP as a .docx file (bytes)."""
    lang = options.lang
    word = Document()
    _base_style(word)
    props = word.core_properties
    title = clean(doc.nama) or "SOP"
    draft_word = translate(DRAFT_MARK, lang)
    props.title = f"{draft_word} — {title}" if options.draft else title
    props.subject = clean(doc.nomor)
    props.author = clean(doc.instansi)
    props.language = "en-GB" if lang == "en" else "id-ID"

    first = word.sections[0]
    width, height = options.page_size_pt()
    _page_setup(first, width, height, TEXT_MARGIN_PT)
    _header_footer(first, doc, options)

    _identity(word, doc, options)
    _elements(word, doc, lang)

    layout = layout_procedure(doc, options)
    if layout.pages:
        section = word.add_section(WD_SECTION.NEW_PAGE)
        top, right, bottom, left = layout.margin
        margins = {"top": top, "right": right, "bottom": bottom, "left": left}
        _page_setup(section, layout.width, layout.height, margins)
        _header_footer(section, doc, options)
        seen: set[str] = set()
        for index, page in enumerate(layout.pages):
            if index:
                word.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            _procedure_table(word, doc, layout, page, seen, lang)

    sections = other_sections(doc, lang)
    if sections:
        section = word.add_section(WD_SECTION.NEW_PAGE)
        _page_setup(section, width, height, TEXT_MARGIN_PT)
        _header_footer(section, doc, options)
        for sec in sections:
            word.add_heading(sec.title, level=2)
            for block in sec.blocks:
                if block.kind == "text":
                    _text_paragraphs(word, block.text)
                elif block.kind == "subtitle":
                    p = word.add_paragraph()
                    p.add_run(block.text).bold = True
                elif block.kind == "list":
                    _numbered(word, block.items)
                elif block.kind == "table":
                    _simple_table(
                        word, block.header, block.rows, block.widths, width, TEXT_MARGIN_PT
                    )
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()


# ------------------------------------------------------------------------------- page set-up


def _base_style(word: DocxDocument) -> None:
    style = word.styles["Normal"]
    font = style.font
    font.name = FONT_FAMILY
    font.size = Pt(BASE_SIZE)
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT_FAMILY)
    paragraph = style.paragraph_format
    paragraph.space_before = Pt(0)
    paragraph.space_after = Pt(2)
    paragraph.line_spacing = 1.0
    for name in ("Heading 1", "Heading 2"):
        heading = word.styles[name]
        heading.font.name = FONT_FAMILY
        heading.font.color.rgb = RGBColor(0, 0, 0)
        heading.font.size = Pt(BASE_SIZE * 1.3)


def _page_setup(
    section: DocxSection, width: float, height: float, margin: dict[str, float]
) -> None:
    section.orientation = WD_ORIENT.LANDSCAPE if width > height else WD_ORIENT.PORTRAIT
    section.page_width = Pt(width)
    section.page_height = Pt(height)
    section.top_margin = Pt(margin["top"])
    section.bottom_margin = Pt(margin["bottom"])
    section.left_margin = Pt(margin["left"])
    section.right_margin = Pt(margin["right"])
    section.header_distance = Pt(min(10.0, margin["top"] / 6))
    section.footer_distance = Pt(min(14.0, margin["bottom"] / 3))


def _field(paragraph: Paragraph, instruction: str, placeholder: str) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def _header_footer(section: DocxSection, doc: SopDocument, options: RenderOptions) -> None:
    lang = options.lang
    section.header.is_linked_to_previous = False
    section.footer.is_linked_to_previous = False
    header = section.header.paragraphs[0]
    header.text = ""
    if options.draft:
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = header.add_run(translate(DRAFT_MARK, lang))
        run.bold = True
        # Large, but inside the top margin so the body keeps the layout's page area.
        room = (section.top_margin or Pt(28)).pt - (section.header_distance or Pt(4)).pt
        run.font.size = Pt(max(10.0, min(28.0, room / 1.45)))
        header.paragraph_format.space_after = Pt(0)
        header.paragraph_format.line_spacing = 1.0
        run.font.color.rgb = GREY
    footer = section.footer.paragraphs[0]
    footer.text = ""
    footer.paragraph_format.space_after = Pt(0)
    url = verify_qr_url(options)
    if url:
        qr = footer.add_run()
        qr.add_picture(io.BytesIO(qr_png(url, scale=4)), width=Pt(34), height=Pt(34))
        caption = footer.add_run(f"  {t('qr_caption', lang)}    ")
        caption.font.size = Pt(6.5)
    parts = footer_left(doc, options)
    status = status_text(options)
    lead = footer.add_run(parts + "    ")
    lead.font.size = Pt(7)
    if status:
        mark = footer.add_run(status + "    ")
        mark.bold = True
        mark.font.size = Pt(7)
    template = t("pages", lang)
    # "Halaman {halaman} dari {jumlah}" with Word fields in place of the placeholders.
    for piece in re.split(r"(\{halaman\}|\{jumlah\})", template):
        if piece == "{halaman}":
            _field(footer, "PAGE", "1")
        elif piece == "{jumlah}":
            _field(footer, "NUMPAGES", "1")
        elif piece:
            footer.add_run(piece)
    for run in footer.runs:
        if run.font.size is None:
            run.font.size = Pt(7)


# ------------------------------------------------------------------------------- table helpers


# Child order of w:tcPr and w:tblPr in the OOXML schema: Word refuses (repair prompt) a
# document whose properties come in another order, so new children are inserted in place.
_TCPR_ORDER = (
    "cnfStyle", "tcW", "gridSpan", "hMerge", "vMerge", "tcBorders", "shd", "noWrap", "tcMar",
    "textDirection", "tcFitText", "vAlign", "hideMark",
)  # fmt: skip
_TBLPR_ORDER = (
    "tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize",
    "tblStyleColBandSize", "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd",
    "tblLayout", "tblCellMar", "tblLook", "tblCaption", "tblDescription",
)  # fmt: skip


def _put(parent: Any, child: Any, order: Sequence[str]) -> None:
    """Insert ``child`` into ``parent`` at its schema position, replacing one of its kind."""
    name = child.tag.split("}")[1]
    for old in parent.findall(qn(f"w:{name}")):
        parent.remove(old)
    later = set(order[order.index(name) + 1 :])
    for index, existing in enumerate(list(parent)):
        if existing.tag.split("}")[-1] in later:
            parent.insert(index, child)
            return
    parent.append(child)


def _shade(cell: _Cell, colour: str = HEADER_SHADE) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), colour)
    _put(cell._tc.get_or_add_tcPr(), shading, _TCPR_ORDER)


def _margins_node(tag: str, top: float, left: float, bottom: float, right: float) -> Any:
    node = OxmlElement(tag)
    for side, points in (("top", top), ("left", left), ("bottom", bottom), ("right", right)):
        edge = OxmlElement(f"w:{side}")
        edge.set(qn("w:w"), str(round(points * 20)))
        edge.set(qn("w:type"), "dxa")
        node.append(edge)
    return node


def _cell_margins(cell: _Cell, points: float) -> None:
    node = _margins_node("w:tcMar", points, points, points, points)
    _put(cell._tc.get_or_add_tcPr(), node, _TCPR_ORDER)


def _table_margins(table: Table, top: float, side: float) -> None:
    """Default cell padding of the table (the layout's padding, so rows wrap alike)."""
    _put(table._tbl.tblPr, _margins_node("w:tblCellMar", top, side, top, side), _TBLPR_ORDER)


def _fixed(table: Table, widths_pt: Sequence[float]) -> None:
    """Fixed layout with these column widths (Word ignores widths in autofit tables)."""
    table.autofit = False  # w:tblLayout type="fixed"
    for column, width in zip(table.columns, widths_pt, strict=False):
        column.width = Pt(width)
    for row in table.rows:
        for cell, width in zip(row.cells, widths_pt, strict=False):
            cell.width = Pt(width)


def _set_text(cell: _Cell, text: str, *, bold: bool = False, size: float | None = None) -> None:
    """Cell text; each line of ``text`` its own paragraph."""
    lines = clean(text).split("\n") if text else [""]
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        paragraph = first if index == 0 else cell.add_paragraph()
        run = paragraph.add_run(line)
        run.bold = bold or None
        if size is not None:
            run.font.size = Pt(size)


def _numbered_in(cell: _Cell, items: Sequence[str]) -> None:
    """A numbered list in a cell, written as text ("1. …") with a hanging indent: it stays
    numbered in every word processor and restarts in every cell."""
    if not items:
        _set_text(cell, "-")
        return
    if len(items) == 1:
        _set_text(cell, items[0])
        return
    for index, item in enumerate(items):
        paragraph = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        _numbered_paragraph(paragraph, index + 1, item)


def _numbered_paragraph(paragraph: Paragraph, number: int, item: str) -> None:
    paragraph.paragraph_format.left_indent = Pt(14)
    paragraph.paragraph_format.first_line_indent = Pt(-14)
    paragraph.paragraph_format.tab_stops.add_tab_stop(Pt(14))
    paragraph.add_run(f"{number}.\t{clean(item)}")


def _numbered(word: DocxDocument, items: Sequence[str]) -> None:
    for index, item in enumerate(items):
        _numbered_paragraph(word.add_paragraph(), index + 1, item)


def _text_paragraphs(word: DocxDocument, text: str) -> None:
    for line in clean(text).split("\n"):
        word.add_paragraph(line)


def _frame_width(width: float, margin: dict[str, float]) -> float:
    return width - margin["left"] - margin["right"]


def _simple_table(
    word: DocxDocument,
    header: Sequence[str],
    rows: Sequence[Sequence[str]],
    weights: Sequence[float],
    page_width: float,
    margin: dict[str, float],
) -> None:
    table = word.add_table(rows=1 + len(rows), cols=len(header))
    table.style = "Table Grid"
    total = _frame_width(page_width, margin)
    weight_sum = sum(weights) or 1.0
    _fixed(table, [total * w / weight_sum for w in weights])
    for cell, text in zip(table.rows[0].cells, header, strict=False):
        _set_text(cell, text, bold=True)
        _shade(cell)
    _repeat_header(table.rows[0])
    for row, values in zip(table.rows[1:], rows, strict=False):
        for cell, text in zip(row.cells, values, strict=False):
            _set_text(cell, text or "-")
    word.add_paragraph()


def _repeat_header(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    node = OxmlElement("w:tblHeader")
    node.set(qn("w:val"), "true")
    tr_pr.append(node)


def _cant_split(row: object) -> None:
    tr_pr = row._tr.get_or_add_trPr()  # type: ignore[attr-defined]
    tr_pr.append(OxmlElement("w:cantSplit"))


# ------------------------------------------------------------------------------- identity


def _identity(word: DocxDocument, doc: SopDocument, options: RenderOptions) -> None:
    lang = options.lang
    rows = identity_rows(doc, lang)
    table = word.add_table(rows=len(rows), cols=3)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    width, _height = options.page_size_pt()
    total = _frame_width(width, TEXT_MARGIN_PT)
    label_width = 100.0
    logo_width = (total - label_width) * 1.25 / 2.25
    _fixed(table, [logo_width, label_width, total - label_width - logo_width])

    logo_cell = table.cell(0, 0).merge(table.cell(len(rows) - 1, 0))
    logo_cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    paragraph = logo_cell.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    logo = read_logo(options.logo_path)
    placed = False
    if logo is not None and logo[1] in ("png", "jpg", "gif"):
        try:
            paragraph.add_run().add_picture(io.BytesIO(logo[0]), height=Pt(62))
            placed = True
        except Exception:  # an image python-docx cannot read: print the placeholder
            log.warning("logo %s could not be placed in the DOCX", options.logo_path)
    elif logo is not None and logo[1] == "svg":
        try:
            png = resvg_py.svg_to_bytes(svg_string=logo[0].decode("utf-8"), width=400)
            paragraph.add_run().add_picture(io.BytesIO(bytes(png)), height=Pt(62))
            placed = True
        except Exception:
            log.warning("logo %s could not be placed in the DOCX", options.logo_path)
    if not placed:
        run = paragraph.add_run(f"[{t('logo', lang)}]")
        run.font.color.rgb = GREY
    for index, text in enumerate(unit_lines(doc)):
        line = logo_cell.add_paragraph()
        line.alignment = WD_ALIGN_PARAGRAPH.CENTER
        run = line.add_run(text)
        run.bold = True
        run.font.size = Pt(BASE_SIZE * (1.3 if index == 0 else 1.15))

    sign = signature(doc)
    url = verify_qr_url(options)
    for index, row in enumerate(rows):
        label_cell, value_cell = table.cell(index, 1), table.cell(index, 2)
        _set_text(label_cell, row.label)
        if row.kind == "signature":
            first = value_cell.paragraphs[0]
            first.alignment = WD_ALIGN_PARAGRAPH.CENTER
            first.add_run(sign.jabatan or "-").bold = True
            space = value_cell.add_paragraph()
            space.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if url:
                space.add_run().add_picture(io.BytesIO(qr_png(url, scale=4)), width=Pt(54))
                caption = value_cell.add_paragraph()
                caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
                small = caption.add_run(t("signed_qr", lang))
                small.font.size = Pt(7)
            else:
                space.paragraph_format.space_before = Pt(40)
            name = value_cell.add_paragraph()
            name.alignment = WD_ALIGN_PARAGRAPH.CENTER
            name.add_run(sign.nama or "-").bold = True
            if sign.nip:
                nip = value_cell.add_paragraph(sign.nip)
                nip.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif row.kind == "title":
            _set_text(value_cell, row.value, bold=True)
            _shade(label_cell)
            _shade(value_cell)
        else:
            _set_text(value_cell, row.value)


def _elements(word: DocxDocument, doc: SopDocument, lang: str) -> None:
    pairs = element_pairs(doc, lang)
    table = word.add_table(rows=len(pairs) * 2, cols=2)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    width = _frame_width(word.sections[0].page_width.pt, TEXT_MARGIN_PT)  # type: ignore[union-attr]
    _fixed(table, [width / 2, width / 2])
    for index, (left, right) in enumerate(pairs):
        for column, element in enumerate((left, right)):
            head = table.cell(index * 2, column)
            _set_text(head, element.label)
            _shade(head)
            _numbered_in(table.cell(index * 2 + 1, column), element.items)


# ------------------------------------------------------------------------------- procedure


def _step_texts(step: Step | None) -> dict[str, str]:
    if step is None:
        return {}
    kelengkapan = step.kelengkapan
    if isinstance(kelengkapan, list):
        kelengkapan_text = "\n".join(clean(k) for k in kelengkapan)
    else:
        kelengkapan_text = clean(kelengkapan)
    return {
        "kegiatan": clean(step.kegiatan),
        "kelengkapan": kelengkapan_text,
        "waktu": clean(step.waktu),
        "output": clean(step.output),
        "keterangan": clean(step.keterangan),
    }


def _layout_texts(cells: Iterable[object]) -> dict[str, str]:
    """Texts of a layout row's cells (wrapped lines joined), for rows without their step."""
    out: dict[str, str] = {}
    for cell in cells:
        lines = getattr(cell, "lines", ())
        out[str(getattr(cell, "column", ""))] = " ".join(line.text for line in lines)
    return out


_SVG_OPEN = re.compile(r"<svg\b[^>]*>")


def _crop_svg(svg: str, x: float, y: float, w: float, h: float) -> str:
    """The same drawing with its root showing only the box (x, y, w, h), in points."""
    root = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{w:.2f}" height="{h:.2f}" '
        f'viewBox="{x:.2f} {y:.2f} {w:.2f} {h:.2f}" font-family="\'Noto Sans\', sans-serif">'
    )
    return _SVG_OPEN.sub(root, svg, count=1)


def _strip_svg(layout: Layout, page: LayoutPage) -> str:
    """The flowchart of a page with the table's grid lines under it (no cell texts: the
    pictures only show the actor columns, and leaving the texts out keeps resvg fast)."""
    svg = flowchart_svg(layout, page)
    head_end = svg.index(">") + 1
    grid = "".join(
        f'<line x1="{g.x1:.2f}" y1="{g.y1:.2f}" x2="{g.x2:.2f}" y2="{g.y2:.2f}" '
        f'stroke="black" stroke-width="{g.width:.2f}"/>'
        for g in page.grid
    )
    return svg[:head_end] + grid + svg[head_end:]


def svg_png(svg: str, box: tuple[float, float, float, float]) -> bytes:
    """The part ``box`` (x, y, w, h in points) of an SVG in points, as a PNG at 200 dpi."""
    x, y, w, h = box
    png = resvg_py.svg_to_bytes(
        svg_string=_crop_svg(svg, x, y, w, h),
        background="#ffffff",
        skip_system_fonts=True,
        font_dirs=[str(FONT_DIR)],
        sans_serif_family=FONT_FAMILY,
        width=max(1, round(w / 72 * PICTURE_DPI)),
        height=max(1, round(h / 72 * PICTURE_DPI)),
    )
    return bytes(png)


def _procedure_table(
    word: DocxDocument,
    doc: SopDocument,
    layout: Layout,
    page: LayoutPage,
    seen: set[str],
    lang: str,
) -> None:
    columns = list(layout.columns)
    keys = [c.key for c in columns]
    actor_idx = [i for i, k in enumerate(keys) if k.startswith("actor:")]
    mutu_idx = [i for i, k in enumerate(keys) if k in MUTU_BAKU]
    body_rows = list(page.rows)
    table = word.add_table(rows=2 + len(body_rows), cols=len(columns))
    table.style = "Table Grid"
    _fixed(table, [c.width for c in columns])
    # Same font size, line pitch and padding as the layout, so Word wraps the rows alike and
    # the flowchart picture lines up with them.
    scale = layout.font_size / LAYOUT_FONT_SIZE
    _table_margins(table, PAD_Y * scale, PAD_X * scale)

    def title(key: str, fallback: str) -> str:
        return translate(TABLE_LABELS[key], lang) if key in TABLE_LABELS else fallback

    # Header: two rows, groups Pelaksana (actors) and Mutu Baku merged across their columns.
    for i, column in enumerate(columns):
        key = column.key
        in_group = i in actor_idx or i in mutu_idx
        if not in_group:
            cell = table.cell(0, i).merge(table.cell(1, i))
            _set_text(cell, title(key, column.title), bold=True)
        else:
            _set_text(table.cell(1, i), column.title or title(key, ""), bold=True)
    for group, key in ((actor_idx, "pelaksana"), (mutu_idx, "mutu_baku")):
        if group:
            cell = (
                table.cell(0, group[0]).merge(table.cell(0, group[-1]))
                if len(group) > 1
                else (table.cell(0, group[0]))
            )
            _set_text(cell, title(key, ""), bold=True)
    for row_index in (0, 1):
        for cell in table.rows[row_index].cells:
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            for paragraph in cell.paragraphs:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _repeat_header(table.rows[row_index])
        _cant_split(table.rows[row_index])
    for cell in _unique_cells(table.rows[0].cells) + _unique_cells(table.rows[1].cells):
        _shade(cell)

    # Body: one Word row per layout row, at least as high as the layout's row. Cells are taken
    # straight from each row (python-docx's table.cell() walks the whole table every time).
    body_cells: list[list[_Cell]] = []
    for offset, lrow in enumerate(body_rows):
        row = table.rows[2 + offset]
        row.height = Pt(lrow.height)
        row.height_rule = WD_ROW_HEIGHT_RULE.AT_LEAST
        _cant_split(row)
        row_cells = [_Cell(tc, table) for tc in row._tr.tc_lst]
        body_cells.append(row_cells)
        step = doc.step(lrow.step_id) if lrow.step_id else None
        if lrow.step_id and lrow.step_id in seen:
            texts: dict[str, str] = {}  # the rest of a step already written on an earlier page
        elif step is not None:
            texts = _step_texts(step)
            seen.add(lrow.step_id or "")
        else:
            texts = _layout_texts(lrow.cells)
        for i, key in enumerate(keys):
            if i in actor_idx:
                continue
            if key == "no":
                _set_text(row_cells[i], lrow.number)
                row_cells[i].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
            else:
                _set_text(row_cells[i], texts.get(key, ""))

    # The flowchart: in each body row the actor columns are one cell showing that row's strip
    # of the page's flowchart picture (one PNG per page, cropped per row with a:srcRect, stored
    # once). Strips abut exactly while the rows keep the layout's heights; a row made taller by
    # editing only opens a gap in the lines, nothing is hidden, and page breaks may fall
    # between any two rows.
    if actor_idx and body_rows:
        first, last = columns[actor_idx[0]], columns[actor_idx[-1]]
        x, w = first.x, last.x + last.width - first.x
        y0 = body_rows[0].y
        total = body_rows[-1].y + body_rows[-1].height - y0
        try:
            png: bytes | None = svg_png(_strip_svg(layout, page), (x, y0, w, total))
        except Exception:  # the text stays editable even if the picture cannot be made
            log.exception("flowchart picture of page %s could not be made", page.number)
            png = None
        for lrow, row_cells in zip(body_rows, body_cells, strict=True):
            cell = row_cells[actor_idx[0]]
            if len(actor_idx) > 1:
                cell = cell.merge(row_cells[actor_idx[-1]])
            _cell_margins(cell, 0)
            if png is None or total <= 0:
                continue
            paragraph = cell.paragraphs[0]
            fmt = paragraph.paragraph_format
            fmt.space_after = Pt(0)
            fmt.space_before = Pt(0)
            fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
            fmt.line_spacing = Pt(lrow.height)
            run = paragraph.add_run()
            run.add_picture(io.BytesIO(png), width=Emu(Pt(w)), height=Emu(Pt(lrow.height)))
            top = (lrow.y - y0) / total
            bottom = (y0 + total - lrow.y - lrow.height) / total
            _crop_picture(run, top, bottom)
    for row in table.rows:
        for tc in row._tr.tc_lst:
            for paragraph in _Cell(tc, table).paragraphs:
                fmt = paragraph.paragraph_format
                fmt.space_after = Pt(0)
                fmt.space_before = Pt(0)
                if not any(r._r.find(qn("w:drawing")) is not None for r in paragraph.runs):
                    fmt.line_spacing = Pt(layout.line_height)  # exact, as the layout wraps
                for run in paragraph.runs:
                    run.font.size = Pt(layout.font_size)


def _crop_picture(run: Any, top: float, bottom: float) -> None:
    """Show only the band between ``top`` and ``bottom`` (fractions cut off) of a picture."""
    for blip_fill in run._r.iter(qn("pic:blipFill")):
        rect = OxmlElement("a:srcRect")
        rect.set("t", str(max(0, round(top * 100000))))
        rect.set("b", str(max(0, round(bottom * 100000))))
        blip = blip_fill.find(qn("a:blip"))
        if blip is not None:
            blip.addnext(rect)
        else:
            blip_fill.insert(0, rect)


def _unique_cells(cells: Iterable[_Cell]) -> list[_Cell]:
    out: list[_Cell] = []
    for cell in cells:
        if not any(cell._tc is other._tc for other in out):
            out.append(cell)
    return out

"""The output formats: name → how to render, content type, file extension. PURE.

Adding a format is one :func:`register` call (here for the built-in ones; a plugin may call it
too); the CLI's ``--format`` choices and the web app's download buttons are read from
:data:`FORMATS`. Renderers are imported when first used, so listing the formats stays cheap
and the PDF engine is not loaded by someone who asks for Mermaid.

``render`` gives one file. ``render_pages`` (only where a format is drawn page by page, i.e.
SVG) gives one file per layout page, for the CLI; the single-file SVG stacks the pages.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass

from sopan.document import SopDocument
from sopan.render.options import RenderOptions

Renderer = Callable[[SopDocument, RenderOptions], bytes]


@dataclass(frozen=True)
class Format:
    name: str
    label: str  # shown on buttons
    content_type: str
    extension: str  # without the dot
    render: Renderer
    render_pages: Callable[[SopDocument, RenderOptions], list[bytes]] | None = None


FORMATS: dict[str, Format] = {}


def register(fmt: Format) -> Format:
    FORMATS[fmt.name] = fmt
    return fmt


def get_format(name: str) -> Format:
    """The format called ``name``; ``KeyError`` for an unknown one."""
    return FORMATS[name]


def _lazy(module: str, function: str, encode: bool = False) -> Renderer:
    """``module.function`` imported on first call; text results encoded as UTF-8."""

    def renderer(doc: SopDocument, options: RenderOptions) -> bytes:
        result = getattr(importlib.import_module(module), function)(doc, options)
        return result.encode("utf-8") if encode else result

    renderer.__name__ = f"{module.rsplit('.', 1)[1]}_{function}"
    return renderer


def svg_pages(doc: SopDocument, options: RenderOptions) -> list[bytes]:
    """One standalone SVG per procedure page."""
    from sopan.render.layout import layout_procedure
    from sopan.render.svg import page_svg

    layout = layout_procedure(doc, options)
    return [
        page_svg(layout, page, draft=options.draft, lang=options.lang).encode("utf-8")
        for page in layout.pages
    ]


def svg_single(doc: SopDocument, options: RenderOptions) -> bytes:
    """All procedure pages in one SVG, one under the other (nested ``<svg>`` elements)."""
    from sopan.render.layout import layout_procedure
    from sopan.render.svg import page_svg

    layout = layout_procedure(doc, options)
    gap = 12.0
    height = len(layout.pages) * (layout.height + gap) - gap
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{layout.width:.2f}pt" '
        f'height="{height:.2f}pt" viewBox="0 0 {layout.width:.2f} {height:.2f}" '
        "font-family=\"'Noto Sans', sans-serif\">"
    ]
    for index, page in enumerate(layout.pages):
        inner = page_svg(layout, page, draft=options.draft, lang=options.lang)
        # The page's content without its root element, moved down to its place.
        content = inner[inner.index(">") + 1 : inner.rindex("</svg>")]
        parts.append(f'<g transform="translate(0 {index * (layout.height + gap):.2f})">')
        parts.append(content + "</g>")
    parts.append("</svg>")
    return "".join(parts).encode("utf-8")


register(Format("pdf", "PDF", "application/pdf", "pdf", _lazy("sopan.render.pdf", "render_pdf")))
register(
    Format(
        "docx",
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "docx",
        _lazy("sopan.render.docx", "render_docx"),
    )
)
register(
    Format(
        "bpmn",
        "BPMN",
        "application/xml; charset=utf-8",
        "bpmn",
        _lazy("sopan.render.bpmn", "render_bpmn", encode=True),
    )
)
register(Format("svg", "SVG", "image/svg+xml", "svg", svg_single, svg_pages))
register(
    Format(
        "mermaid",
        "Mermaid",
        "text/plain; charset=utf-8",
        "mmd",
        _lazy("sopan.render.mermaid", "render_mermaid", encode=True),
    )
)
register(
    Format(
        "html",
        "HTML",
        "text/html; charset=utf-8",
        "html",
        _lazy("sopan.render.html", "render_html_page", encode=True),
    )
)

"""Template tags that put the editor's links on pages owned by others: "SOP baru" in the
navigation and, on a version page, "Ubah", the exports and the attachments."""

from __future__ import annotations

from typing import Any

from django import template

from sopan.sops.editor_access import may_draft, may_edit

register = template.Library()


@register.inclusion_tag("sops/editor/_nav_link.html", takes_context=True)
def new_sop_link(context: dict[str, Any]) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {"show": may_draft(user)}


@register.inclusion_tag("sops/editor/_version_links.html", takes_context=True)
def editor_links(context: dict[str, Any], version: Any) -> dict[str, Any]:
    request = context.get("request")
    user = getattr(request, "user", None)
    return {
        "version": version,
        "may_edit": may_edit(user, version),
        "attachments": list(version.attachments.all()),
    }

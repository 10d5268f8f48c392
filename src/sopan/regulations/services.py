"""Writes to the regulation register: one business operation per function, each audited."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sopan.audit.services import audit_record
from sopan.organisations.models import Instansi
from sopan.regulations.choices import RegulationStatus
from sopan.regulations.citation import Citation, citation_key, normalise_jenis, parse_citation
from sopan.regulations.models import Regulation

AnyUser = User | AnonymousUser


def regulation_snapshot(regulation: Regulation) -> dict[str, Any]:
    """The fields an audit event records before and after a change."""
    return {
        "instansi": regulation.instansi_id,
        "jenis": regulation.jenis,
        "nomor": regulation.nomor,
        "tahun": regulation.tahun,
        "tentang": regulation.tentang,
        "status": regulation.status,
        "diubah_oleh": regulation.diubah_oleh_id,
        "dicabut_oleh": regulation.dicabut_oleh_id,
        "url": regulation.url,
        "catatan": regulation.catatan,
    }


@transaction.atomic
def regulation_create(
    *,
    jenis: str,
    nomor: str,
    tahun: int,
    by: AnyUser | None,
    instansi: Instansi | None = None,
    tentang: str = "",
    jenis_singkat: str = "",
    url: str = "",
    catatan: str = "",
) -> Regulation:
    """Register a regulation; ``instansi=None`` registers a national one."""
    citation = regulation_check_new(instansi=instansi, jenis=jenis, nomor=nomor, tahun=tahun)
    regulation = Regulation(
        instansi=instansi,
        jenis=citation.jenis,
        jenis_singkat=jenis_singkat or citation.jenis_singkat,
        nomor=citation.nomor,
        tahun=tahun,
        tentang=tentang.strip(),
        url=url,
        catatan=catatan,
        key=citation_key(citation),
    )
    regulation.full_clean(exclude=["key"], validate_unique=False, validate_constraints=False)
    try:
        with transaction.atomic():
            regulation.save()
    except IntegrityError as error:  # a concurrent insert of the same key
        raise ValidationError(
            _("Peraturan ini sudah terdaftar: {label}.").format(label=regulation)
        ) from error
    audit_record(
        actor=by, action="regulation.create", obj=regulation, after=regulation_snapshot(regulation)
    )
    return regulation


@transaction.atomic
def regulation_create_from_line(
    *, line: str, by: AnyUser | None, instansi: Instansi | None = None
) -> Regulation:
    """Register the regulation a ``dasar_hukum`` line cites."""
    citation = parse_citation(line)
    if citation is None:
        message = _("Baris ini tidak menyebut peraturan yang dapat dikenali: {line}")
        raise ValidationError(message.format(line=line))
    return regulation_create(
        jenis=citation.jenis,
        jenis_singkat=citation.jenis_singkat,
        nomor=citation.nomor,
        tahun=citation.tahun,
        tentang=citation.tentang or "",
        instansi=instansi,
        by=by,
    )


@transaction.atomic
def regulation_mark_amended(
    *, regulation: Regulation, by_regulation: Regulation, by: AnyUser | None, note: str = ""
) -> Regulation:
    """Record that ``by_regulation`` amends ``regulation`` (status becomes *diubah*)."""
    _check_change(regulation, by_regulation)
    before = regulation_snapshot(regulation)
    regulation.status = RegulationStatus.DIUBAH
    regulation.diubah_oleh = by_regulation
    regulation.save(update_fields=["status", "diubah_oleh"])
    audit_record(
        actor=by,
        action="regulation.amend",
        obj=regulation,
        before=before,
        after=regulation_snapshot(regulation),
        note=note,
    )
    from sopan.reviews.triggers import regulation_changed

    regulation_changed(regulation)  # after commit: flag the SOPs in force citing it
    return regulation


@transaction.atomic
def regulation_mark_revoked(
    *, regulation: Regulation, by_regulation: Regulation, by: AnyUser | None, note: str = ""
) -> Regulation:
    """Record that ``by_regulation`` revokes ``regulation`` (status becomes *dicabut*)."""
    _check_change(regulation, by_regulation)
    before = regulation_snapshot(regulation)
    regulation.status = RegulationStatus.DICABUT
    regulation.dicabut_oleh = by_regulation
    regulation.save(update_fields=["status", "dicabut_oleh"])
    audit_record(
        actor=by,
        action="regulation.revoke",
        obj=regulation,
        before=before,
        after=regulation_snapshot(regulation),
        note=note,
    )
    from sopan.reviews.triggers import regulation_changed

    regulation_changed(regulation)  # after commit: flag the SOPs in force citing it
    return regulation


def regulation_check_new(
    *, instansi: Instansi | None, jenis: str, nomor: str, tahun: int
) -> Citation:
    """Refuse a future year, an unknown type and a regulation already registered.

    Returns the normalised citation; used by :func:`regulation_create` and the admin form.
    """
    _check_year(tahun)
    long_jenis = normalise_jenis(jenis) or " ".join(jenis.split())
    if not long_jenis:
        raise ValidationError({"jenis": _("Jenis peraturan wajib diisi.")})
    parsed = parse_citation(f"{long_jenis} Nomor {nomor} Tahun {tahun}")
    citation = Citation(
        jenis=long_jenis,
        jenis_singkat=parsed.jenis_singkat if parsed else "",
        nomor=" ".join(nomor.split()),
        tahun=tahun,
    )
    taken = Regulation.objects.filter(instansi=instansi, key=citation_key(citation))
    if taken.exists():
        raise ValidationError(_("Peraturan ini sudah terdaftar: {label}.").format(label=taken[0]))
    return citation


def _check_year(tahun: int) -> None:
    this_year = timezone.localdate().year
    if tahun > this_year:
        message = _("Tahun {tahun} belum tiba (tahun ini {now}).")
        raise ValidationError({"tahun": message.format(tahun=tahun, now=this_year)})
    if tahun < 1800:
        raise ValidationError({"tahun": _("Tahun {tahun} tidak masuk akal.").format(tahun=tahun)})


def _check_change(regulation: Regulation, by_regulation: Regulation) -> None:
    if regulation.pk == by_regulation.pk:
        raise ValidationError(_("Peraturan tidak dapat mengubah atau mencabut dirinya sendiri."))
    if regulation.status == RegulationStatus.DICABUT:
        raise ValidationError(
            _("{label} sudah dicabut; statusnya tidak dapat diubah lagi.").format(label=regulation)
        )
    if by_regulation.tahun < regulation.tahun:
        raise ValidationError(
            _("Peraturan pengubah/pencabut ({by}) lebih tua daripada {label}.").format(
                by=by_regulation, label=regulation
            )
        )
    foreign = by_regulation.instansi_id not in (None, regulation.instansi_id)
    if foreign:
        raise ValidationError(
            _("Peraturan instansi lain tidak dapat mengubah atau mencabut {label}.").format(
                label=regulation
            )
        )


@transaction.atomic
def regulation_update(
    *, regulation: Regulation, by: AnyUser | None, tentang: str, url: str = "", catatan: str = ""
) -> Regulation:
    """Change the descriptive fields (the identity — type, number, year — stays fixed)."""
    before = regulation_snapshot(regulation)
    regulation.tentang = tentang.strip()
    regulation.url = url
    regulation.catatan = catatan
    regulation.full_clean(exclude=["key"], validate_unique=False, validate_constraints=False)
    regulation.save(update_fields=["tentang", "url", "catatan"])
    after = regulation_snapshot(regulation)
    audit_record(actor=by, action="regulation.update", obj=regulation, before=before, after=after)
    return regulation

"""Family "kelengkapan": the guide's twelve elements of an SOP (panduan §5) and the identity
fields of an SOP AP (PermenPANRB 35/2012, Bagian Identitas), codes LKP...

What real signed SOPs legitimately leave empty (keterkaitan, pencatatan, and the guide's
elements the Permen does not print: indikator, pelaporan, riwayat) is at most a warning, mostly
advice (info). Only what makes the procedure table unusable (no steps, a row with no activity
or no actor) is an error.

Not here, to keep one place per rule: a step without ``waktu`` is WKT001 (family waktu), a
missing ``disahkan_oleh.jabatan`` is TGL005 (family tata_kelola), an undefined acronym is the
bahasa family's. LKP007 only says that the document uses terms at all (an acronym) and has no
``definisi`` element.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sopan.checks.base import CheckContext, Finding, rule
from sopan.checks.severity import Severity
from sopan.document import SopDocument, Step
from sopan.i18n import gettext_noop as N

FAMILY = "kelengkapan"

# Words that say a step uses a form, blank or checklist that belongs in the lampiran.
FORM_WORDS = ("formulir", "blanko", "checklist", "daftar periksa", "daftar tilik")
_FORM_RE = re.compile(r"\b(" + "|".join(re.escape(w) for w in FORM_WORDS) + r")\b", re.I)
# A term that wants a definition: an acronym (two or more capitals, digits allowed after).
_ACRONYM_RE = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]*[A-Z][A-Z0-9]*)(?![\w])")
_ROMAN_RE = re.compile(r"[IVXLCDM]+")
# Known to every reader of an SOP; never a reason to ask for a definisi.
COMMON_TERMS = frozenset({"SOP", "AP"})


def blank(value: object) -> bool:
    """Not given: None, empty or "-" (as printed in real SOPs), or an empty list."""
    if value is None:
        return True
    if isinstance(value, list):
        return all(blank(v) for v in value)
    return str(value).strip() in ("", "-", "–", "—")


def _missing_field(
    code: str, context: CheckContext, value: object, path: tuple[str, ...], message: str, hint: str
) -> Iterator[Finding]:
    if blank(value):
        yield context.finding(code, message, hint, context.field_location(*path, nearest=True))


@rule(
    "LKP001",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Nomor SOP belum diisi"),
    why=N(
        "Panduan §5 unsur 1 (judul dan nomor dokumen) dan PermenPANRB 35/2012 (Nomor SOP AP "
        "mengikuti tata naskah dinas). Pada konsep boleh kosong: sopan memberi nomor saat "
        "pengesahan."
    ),
    bad="nama: Pengelolaan Surat Masuk\nnomor: null",
    good="nama: Pengelolaan Surat Masuk\nnomor: 000.2.3/001/SOP/BAG.UMUM/2025",
)
def no_number(context: CheckContext) -> Iterator[Finding]:
    yield from _missing_field(
        "LKP001",
        context,
        context.document.nomor,
        ("nomor",),
        N("Nomor SOP belum diisi."),
        N("Isi nomor sesuai tata naskah dinas unit, atau biarkan sopan memberinya saat disahkan."),
    )


@rule(
    "LKP002",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Tanggal pembuatan belum diisi"),
    why=N(
        "PermenPANRB 35/2012, Bagian Identitas: Tanggal Pembuatan adalah tanggal selesainya "
        "penyusunan SOP."
    ),
    bad="tanggal: {pembuatan: null, efektif: 2025-06-02}",
    good="tanggal: {pembuatan: 2025-05-28, efektif: 2025-06-02}",
)
def no_made_date(context: CheckContext) -> Iterator[Finding]:
    yield from _missing_field(
        "LKP002",
        context,
        context.document.tanggal.pembuatan,
        ("tanggal", "pembuatan"),
        N("Tanggal pembuatan belum diisi."),
        N("Isi tanggal.pembuatan dengan tanggal penyusunan SOP selesai (TTTT-BB-HH)."),
    )


@rule(
    "LKP003",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Unit kerja belum diisi"),
    why=N(
        "PermenPANRB 35/2012, Bagian Identitas: nama SKPD/unit kerja penyusun SOP; prinsip "
        "kejelasan peran dan tanggung jawab."
    ),
    bad="instansi: Pemerintah Kabupaten Sukamaju\nunit: null",
    good="instansi: Pemerintah Kabupaten Sukamaju\nunit: [Sekretariat Daerah, Bagian Umum]",
)
def no_unit(context: CheckContext) -> Iterator[Finding]:
    yield from _missing_field(
        "LKP003",
        context,
        context.document.unit,
        ("unit",),
        N("Unit kerja pemilik SOP belum diisi."),
        N("Isi unit dengan nama unit kerja, atau daftar dari atas ke bawah hierarki."),
    )


@rule(
    "LKP004",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Instansi belum diisi"),
    why=N("PermenPANRB 35/2012, Bagian Identitas: logo dan nama instansi di kepala SOP."),
    bad="instansi: null",
    good="instansi: Badan Pusat Statistik Provinsi Bengkulu",
)
def no_instansi(context: CheckContext) -> Iterator[Finding]:
    yield from _missing_field(
        "LKP004",
        context,
        context.document.instansi,
        ("instansi",),
        N("Nama instansi belum diisi."),
        N("Isi instansi dengan nama lengkap instansi pemerintah."),
    )


@rule(
    "LKP005",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Tujuan belum diisi"),
    why=N("Panduan §5 unsur 2: tujuan menjelaskan alasan dibuatnya SOP dan hasil yang dicapai."),
    bad="tujuan: null",
    good="tujuan: Menjamin surat masuk tercatat dan ditindaklanjuti tepat waktu.",
)
def no_purpose(context: CheckContext) -> Iterator[Finding]:
    yield from _missing_field(
        "LKP005",
        context,
        context.document.tujuan,
        ("tujuan",),
        N("Tujuan SOP belum diisi."),
        N("Tulis satu atau dua kalimat: mengapa SOP ini dibuat dan hasil apa yang dicapai."),
    )


@rule(
    "LKP006",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Ruang lingkup belum diisi"),
    why=N(
        "Panduan §1 dan §5 unsur 3: ruang lingkup menyatakan kegiatan yang diatur serta "
        "pengecualiannya; PermenPANRB 35/2012 (penjelasan singkat penggunaan)."
    ),
    bad="ruang_lingkup: {cakupan: null}",
    good="ruang_lingkup:\n  cakupan: Surat masuk yang diterima langsung maupun melalui surel.",
)
def no_scope(context: CheckContext) -> Iterator[Finding]:
    yield from _missing_field(
        "LKP006",
        context,
        context.document.ruang_lingkup.cakupan,
        ("ruang_lingkup", "cakupan"),
        N("Ruang lingkup (cakupan) SOP belum diisi."),
        N("Isi ruang_lingkup.cakupan dengan kegiatan yang diatur; pengecualian bila ada."),
    )


def first_term(document: SopDocument, known: tuple[str, ...] = ()) -> str | None:
    """The first acronym the document uses (name, purpose, scope, steps), or None."""
    skip = COMMON_TERMS | {k.upper() for k in known}
    texts: list[str | None] = [document.nama, document.tujuan, document.ruang_lingkup.cakupan]
    for step in document.langkah:
        texts += [step.kegiatan, step.output, step.keterangan, *_as_list(step.kelengkapan)]
    for text in texts:
        for match in _ACRONYM_RE.finditer(text or ""):
            word = match.group(1)
            if word.upper() not in skip and not _ROMAN_RE.fullmatch(word):
                return word
    return None


def _as_list(value: str | list[str] | None) -> list[str]:
    if value is None:
        return []
    return [value] if isinstance(value, str) else list(value)


@rule(
    "LKP007",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Istilah dipakai tanpa unsur definisi"),
    why=N(
        "Panduan §3 prinsip kesederhanaan dan §5 unsur 4: istilah teknis dilengkapi glosarium. "
        "Aturan ini hanya melihat apakah dokumen memakai istilah (singkatan dua huruf kapital "
        "atau lebih, selain SOP dan akronim_dikenal) sementara definisi kosong; singkatan "
        "tertentu yang belum dijelaskan diperiksa keluarga bahasa."
    ),
    bad="definisi: []\nlangkah:\n  - {id: a, kegiatan: Mencatat surat dalam TNDE}",
    good="definisi:\n  - {istilah: TNDE, arti: Tata Naskah Dinas Elektronik}",
)
def no_definitions(context: CheckContext) -> Iterator[Finding]:
    document = context.document
    if any(not blank(d.istilah) for d in document.definisi):
        return
    term = first_term(document, context.config.known_acronyms)
    if term is not None:
        yield context.finding(
            "LKP007",
            N("Dokumen memakai istilah seperti {term} tetapi belum ada unsur definisi."),
            N("Tambahkan definisi: istilah dan artinya, untuk istilah yang belum tentu dipahami."),
            context.field_location("definisi", nearest=True),
            term=term,
        )


@rule(
    "LKP008",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Dasar hukum belum diisi"),
    why=N(
        "PermenPANRB 35/2012, Bagian Identitas (Dasar Hukum); panduan §3 prinsip ketaatan "
        "hukum dan §5 unsur 5."
    ),
    bad="dasar_hukum: []",
    good="dasar_hukum:\n  - Undang-Undang Nomor 25 Tahun 2009 tentang Pelayanan Publik",
)
def no_legal_basis(context: CheckContext) -> Iterator[Finding]:
    yield from _missing_field(
        "LKP008",
        context,
        context.document.dasar_hukum,
        ("dasar_hukum",),
        N("Dasar hukum belum diisi."),
        N("Sebutkan peraturan perundang-undangan yang menjadi dasar prosedur ini."),
    )


@rule(
    "LKP009",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Kualifikasi pelaksana belum diisi"),
    why=N("PermenPANRB 35/2012, Bagian Identitas: kompetensi yang dibutuhkan pelaksana."),
    bad="kualifikasi_pelaksana: []",
    good="kualifikasi_pelaksana:\n  - Memahami tata naskah dinas",
)
def no_qualification(context: CheckContext) -> Iterator[Finding]:
    yield from _missing_field(
        "LKP009",
        context,
        context.document.kualifikasi_pelaksana,
        ("kualifikasi_pelaksana",),
        N("Kualifikasi pelaksana belum diisi."),
        N("Sebutkan kompetensi, pendidikan atau akses aplikasi yang dibutuhkan pelaksana."),
    )


@rule(
    "LKP010",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Peralatan/perlengkapan belum diisi"),
    why=N("PermenPANRB 35/2012, Bagian Identitas: peralatan dan perlengkapan utama."),
    bad="peralatan: []",
    good="peralatan: [Komputer, Pemindai dokumen]",
)
def no_equipment(context: CheckContext) -> Iterator[Finding]:
    yield from _missing_field(
        "LKP010",
        context,
        context.document.peralatan,
        ("peralatan",),
        N("Peralatan/perlengkapan belum diisi."),
        N("Sebutkan peralatan dan perlengkapan utama yang langsung dipakai dalam prosedur."),
    )


@rule(
    "LKP011",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Peringatan belum diisi"),
    why=N(
        "PermenPANRB 35/2012, Bagian Identitas: akibat bila prosedur dilaksanakan atau tidak "
        "dilaksanakan."
    ),
    bad="peringatan: []",
    good="peringatan:\n  - Surat yang tidak dicatat tidak dapat ditelusuri.",
)
def no_warning(context: CheckContext) -> Iterator[Finding]:
    yield from _missing_field(
        "LKP011",
        context,
        context.document.peringatan,
        ("peringatan",),
        N("Peringatan belum diisi."),
        N("Tuliskan akibat bila SOP tidak dilaksanakan dan cara menanganinya."),
    )


@rule(
    "LKP012",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Keterkaitan belum diisi"),
    why=N(
        "PermenPANRB 35/2012, Bagian Identitas (Keterkaitan). SOP resmi sering mengosongkannya, "
        "karena itu hanya saran."
    ),
    bad="keterkaitan: []",
    good="keterkaitan:\n  - {sop: SOP-030/17000/2025, hubungan: Pengarsipan surat}",
)
def no_relations(context: CheckContext) -> Iterator[Finding]:
    yield from _missing_field(
        "LKP012",
        context,
        context.document.keterkaitan,
        ("keterkaitan",),
        N("Keterkaitan dengan SOP lain belum diisi."),
        N("Bila prosedur ini berhubungan dengan SOP lain, sebutkan nomor atau namanya."),
    )


@rule(
    "LKP013",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Pencatatan dan pendataan belum diisi"),
    why=N(
        "PermenPANRB 35/2012, Bagian Identitas (Pencatatan dan Pendataan); panduan §3 "
        "mekanisme pencatatan untuk jejak audit. SOP resmi sering mengosongkannya, karena itu "
        "hanya saran."
    ),
    bad="pencatatan: []",
    good="pencatatan:\n  - Agenda surat masuk di aplikasi persuratan",
)
def no_records(context: CheckContext) -> Iterator[Finding]:
    yield from _missing_field(
        "LKP013",
        context,
        context.document.pencatatan,
        ("pencatatan",),
        N("Pencatatan dan pendataan belum diisi."),
        N("Sebutkan apa yang dicatat atau diarsipkan, dan oleh siapa."),
    )


@rule(
    "LKP014",
    family=FAMILY,
    severity=Severity.ERROR,
    title=N("Belum ada langkah"),
    why=N(
        "PermenPANRB 35/2012, Bagian Flowchart; panduan §5 unsur 6 dan 7: SOP tanpa langkah "
        "bukan prosedur."
    ),
    bad="langkah: []",
    good="langkah:\n  - {id: terima, kegiatan: Menerima surat, simbol: mulai, pelaksana: [umum]}",
)
def no_steps(context: CheckContext) -> Iterator[Finding]:
    if not context.document.langkah:
        yield context.finding(
            "LKP014",
            N("SOP belum memiliki langkah."),
            N("Tambahkan langkah-langkah prosedur di langkah:."),
            context.field_location("langkah", nearest=True),
        )


@rule(
    "LKP015",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Indikator kinerja belum diisi"),
    why=N(
        "Panduan §3 prinsip kemudahan evaluasi dan §5 unsur 10; prinsip keterukuran "
        "PermenPANRB 35/2012."
    ),
    bad="indikator: []",
    good="indikator:\n  - {nama: Surat terdisposisi dalam 1 hari kerja, target: '>= 95%', "
    "frekuensi: bulanan}",
)
def no_indicator(context: CheckContext) -> Iterator[Finding]:
    if all(blank(i.nama) for i in context.document.indikator):
        yield context.finding(
            "LKP015",
            N("Indikator kinerja belum diisi."),
            N("Tambahkan indikator: nama, rumus, target dan frekuensi pengukuran."),
            context.field_location("indikator", nearest=True),
        )


@rule(
    "LKP016",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Pelaporan belum diisi"),
    why=N("Panduan §5 unsur 10: kepada siapa hasil pengukuran dilaporkan."),
    bad="pelaporan: {kepada: null}",
    good="pelaporan: {kepada: Sekretaris, frekuensi: bulanan}",
)
def no_reporting(context: CheckContext) -> Iterator[Finding]:
    yield from _missing_field(
        "LKP016",
        context,
        context.document.pelaporan.kepada,
        ("pelaporan", "kepada"),
        N("Pelaporan belum menyebut kepada siapa laporan disampaikan."),
        N("Isi pelaporan.kepada dengan jabatan penerima laporan, dan frekuensinya."),
    )


@rule(
    "LKP017",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Mekanisme eskalasi belum diisi"),
    why=N(
        "Panduan §3 prinsip fleksibilitas operasional dan §5 unsur 11: mekanisme eskalasi dan "
        "pengecualian saat kondisi tidak sesuai SOP."
    ),
    bad="eskalasi: []",
    good="eskalasi:\n  - {kondisi: Disposisi belum diberikan setelah 1 hari kerja, "
    "tindakan: Mengingatkan pimpinan, kepada: Sekretaris}",
)
def no_escalation(context: CheckContext) -> Iterator[Finding]:
    if all(blank(e.kondisi) and blank(e.tindakan) for e in context.document.eskalasi):
        yield context.finding(
            "LKP017",
            N("Mekanisme eskalasi belum diisi."),
            N("Tambahkan eskalasi: kondisi di luar SOP, tindakan, dan kepada siapa."),
            context.field_location("eskalasi", nearest=True),
        )


def form_mention(step: Step) -> tuple[str, str] | None:
    """(field, word) of the first form, blank or checklist a step mentions."""
    fields: list[tuple[str, str | None]] = [("kegiatan", step.kegiatan)]
    fields += [("kelengkapan", t) for t in _as_list(step.kelengkapan)]
    fields.append(("keterangan", step.keterangan))
    for name, text in fields:
        match = _FORM_RE.search(text or "")
        if match:
            return name, match.group(1)
    return None


@rule(
    "LKP018",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Formulir disebut tetapi tidak ada lampiran"),
    why=N(
        "Panduan §5 unsur 9: contoh formulir, format laporan dan checklist diletakkan di "
        "lampiran. Aturan ini menyala bila kegiatan, kelengkapan atau keterangan suatu langkah "
        "menyebut formulir, blanko, checklist, daftar periksa atau daftar tilik, sedangkan "
        "lampiran kosong."
    ),
    bad="  - {id: isi, kegiatan: Mengisi formulir permohonan}\nlampiran: []",
    good="lampiran:\n  - {nama: Formulir Permohonan, berkas: formulir-permohonan.pdf}",
)
def forms_without_attachment(context: CheckContext) -> Iterator[Finding]:
    if any(not blank(a.nama) or not blank(a.berkas) for a in context.document.lampiran):
        return
    for step in context.document.langkah:
        found = form_mention(step)
        if found is not None:
            field_name, word = found
            yield context.finding(
                "LKP018",
                N("Langkah {step} menyebut {word}, tetapi SOP tidak memiliki lampiran."),
                N("Lampirkan contoh {word} di lampiran: (nama dan berkas)."),
                context.step_location(step.step_id, field_name),
                step=step.step_id,
                word=word,
            )
            return


@rule(
    "LKP019",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Riwayat perubahan belum diisi"),
    why=N("Panduan §5 unsur 12: tanggal revisi, versi dan ringkasan perubahan."),
    bad="riwayat: []",
    good="riwayat:\n  - {versi: '1.0', tanggal: 2025-06-02, ringkasan: Penyusunan awal}",
)
def no_history(context: CheckContext) -> Iterator[Finding]:
    if all(blank(r.versi) and blank(r.ringkasan) for r in context.document.riwayat):
        yield context.finding(
            "LKP019",
            N("Riwayat perubahan dokumen belum diisi."),
            N("Tambahkan riwayat: versi, tanggal, ringkasan dan alasan perubahan."),
            context.field_location("riwayat", nearest=True),
        )


@rule(
    "LKP020",
    family=FAMILY,
    severity=Severity.ERROR,
    title=N("Langkah tanpa uraian kegiatan"),
    why=N("PermenPANRB 35/2012, Bagian Flowchart: setiap baris memuat uraian kegiatan."),
    bad="  - {id: periksa, kegiatan: null, pelaksana: [petugas]}",
    good="  - {id: periksa, kegiatan: Memeriksa kelengkapan berkas, pelaksana: [petugas]}",
)
def step_without_activity(context: CheckContext) -> Iterator[Finding]:
    for step in context.document.langkah:
        if blank(step.kegiatan):
            yield context.finding(
                "LKP020",
                N("Langkah {step} belum memiliki uraian kegiatan."),
                N("Isi kegiatan dengan kata kerja dan objeknya, mis. Memeriksa berkas."),
                context.step_location(step.step_id, "kegiatan"),
                step=step.step_id,
            )


@rule(
    "LKP021",
    family=FAMILY,
    severity=Severity.ERROR,
    title=N("Langkah tanpa pelaksana"),
    why=N(
        "Panduan §3 prinsip kejelasan peran dan tanggung jawab, §5 unsur 8; PermenPANRB "
        "35/2012: simbol digambar di kolom aktor pelaksananya, jadi langkah tanpa pelaksana "
        "tidak dapat digambar."
    ),
    bad="  - {id: periksa, kegiatan: Memeriksa berkas, pelaksana: []}",
    good="  - {id: periksa, kegiatan: Memeriksa berkas, pelaksana: [petugas]}",
)
def step_without_actor(context: CheckContext) -> Iterator[Finding]:
    for step in context.document.langkah:
        if not step.pelaksana:
            yield context.finding(
                "LKP021",
                N("Langkah {step} belum memiliki pelaksana."),
                N("Isi pelaksana dengan id aktor dari daftar pelaksana."),
                context.step_location(step.step_id, "pelaksana"),
                step=step.step_id,
            )


@rule(
    "LKP022",
    family=FAMILY,
    severity=Severity.WARNING,
    title=N("Langkah proses tanpa output"),
    why=N(
        "PermenPANRB 35/2012, Mutu Baku (Output); panduan §3 prinsip kejelasan: setiap langkah "
        "menyebut output yang diharapkan. Keputusan dan kapsul mulai/selesai dikecualikan "
        "(hasil keputusan adalah cabangnya)."
    ),
    bad="  - {id: agenda, kegiatan: Mencatat surat, output: null}",
    good="  - {id: agenda, kegiatan: Mencatat surat, output: Surat teragenda}",
)
def step_without_output(context: CheckContext) -> Iterator[Finding]:
    for step in context.document.langkah:
        if step.simbol == "proses" and blank(step.output):
            yield context.finding(
                "LKP022",
                N("Langkah {step} belum menyebut output."),
                N("Isi output dengan hasil langkah ini, mis. Surat teragenda."),
                context.step_location(step.step_id, "output"),
                step=step.step_id,
            )


@rule(
    "LKP023",
    family=FAMILY,
    severity=Severity.INFO,
    title=N("Langkah pertama tanpa kelengkapan"),
    why=N(
        "PermenPANRB 35/2012, Mutu Baku (Kelengkapan): standar input prosedur; yang "
        "dibutuhkan sejak awal dicatat pada langkah pertama."
    ),
    bad="  - {id: terima, kegiatan: Menerima permohonan, simbol: mulai}",
    good="  - {id: terima, kegiatan: Menerima permohonan, simbol: mulai,\n"
    "     kelengkapan: [Formulir permohonan, KTP]}",
)
def first_step_without_input(context: CheckContext) -> Iterator[Finding]:
    if context.document.langkah:
        step = context.document.langkah[0]
        if blank(step.kelengkapan):
            yield context.finding(
                "LKP023",
                N("Langkah pertama {step} belum menyebut kelengkapan."),
                N("Isi kelengkapan dengan persyaratan atau dokumen yang dibutuhkan untuk mulai."),
                context.step_location(step.step_id, "kelengkapan"),
                step=step.step_id,
            )

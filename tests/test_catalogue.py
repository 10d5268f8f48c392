"""The English catalogue: complete, placeholders kept, compiled, and used by every entry point.

msgids are Bahasa Indonesia; ``make messages`` regenerates ``locale/en/LC_MESSAGES/django.po``
and compiles ``django.mo``. These tests fail when a string was added without a translation,
a translation lost a placeholder, or the ``.mo`` was not recompiled after editing the ``.po``.
"""

from __future__ import annotations

import ast
import dataclasses
import gettext
import re
import string
from pathlib import Path

import django
import pytest
from django.test import Client

from sopan.cli import main
from sopan.i18n import LOCALE_DIR, translate
from tests.cli.conftest import UNREACHABLE

PO_PATH = LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
MO_PATH = PO_PATH.with_suffix(".mo")


@dataclasses.dataclass
class Entry:
    msgid: str = ""
    msgid_plural: str | None = None
    msgctxt: str | None = None
    msgstr: dict[int, str] = dataclasses.field(default_factory=dict)
    flags: set[str] = dataclasses.field(default_factory=set)
    line: int = 0

    @property
    def key(self) -> str:
        """The key gettext uses: ``context\\x04msgid`` when there is a context."""
        return f"{self.msgctxt}\x04{self.msgid}" if self.msgctxt is not None else self.msgid


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr)(?:\[(\d+)\])?\s+(".*")$')


def parse_po(path: Path) -> list[Entry]:
    """A small .po reader (stdlib only): entries with flags, context, plurals; no obsolete ones."""
    entries: list[Entry] = []
    entry: Entry | None = None
    field: tuple[str, int] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            entry, field = None, None
            continue
        if line.startswith("#~"):  # obsolete entries are not part of the catalogue
            continue
        if entry is None:
            entry = Entry(line=number)
            entries.append(entry)
        if line.startswith("#,"):
            entry.flags |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif match := _KEYWORD.match(line):
            keyword, index, quoted = match.groups()
            text = ast.literal_eval(quoted)
            if keyword == "msgstr":
                field = ("msgstr", int(index or 0))
                entry.msgstr[field[1]] = text
            else:
                field = (keyword, 0)
                setattr(entry, keyword, text)
        elif line.startswith('"') and field is not None:
            text = ast.literal_eval(line)
            if field[0] == "msgstr":
                entry.msgstr[field[1]] += text
            else:
                setattr(entry, field[0], getattr(entry, field[0]) + text)
        else:  # pragma: no cover - a malformed catalogue
            raise AssertionError(f"{path}:{number}: cannot read {raw!r}")
    return entries


@pytest.fixture(scope="module")
def entries() -> list[Entry]:
    parsed = parse_po(PO_PATH)
    assert parsed and parsed[0].msgid == "", "the catalogue starts with its header"
    return parsed[1:]


def _where(entry: Entry) -> str:
    return f"{PO_PATH.name}:{entry.line}: {entry.msgid!r}"


def test_catalogue_is_not_trivially_small(entries: list[Entry]) -> None:
    assert len(entries) > 100


def test_every_entry_is_translated_and_none_is_fuzzy(entries: list[Entry]) -> None:
    untranslated = [_where(e) for e in entries if not all(e.msgstr.values()) or not e.msgstr]
    fuzzy = [_where(e) for e in entries if "fuzzy" in e.flags]
    assert not untranslated, "untranslated:\n" + "\n".join(untranslated)
    assert not fuzzy, "fuzzy (check the translation, then remove the flag):\n" + "\n".join(fuzzy)


def test_plural_entries_have_both_english_forms(entries: list[Entry]) -> None:
    for entry in entries:
        if entry.msgid_plural is not None:
            assert sorted(entry.msgstr) == [0, 1], _where(entry)
        else:
            assert sorted(entry.msgstr) == [0], _where(entry)


_PERCENT = re.compile(r"%(?:\((\w+)\))?[-#0+]*\d*(?:\.\d+)?([sdirfx%])")


def placeholders(text: str) -> tuple[list[str], list[str]]:
    """``{name}`` fields and ``%(name)s`` / ``%s`` conversions, each sorted (``%%`` left out)."""
    braces = sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)
    percent = sorted(
        f"%({name}){kind}" if name else f"%{kind}"
        for name, kind in _PERCENT.findall(text)
        if kind != "%"
    )
    return braces, percent


def test_placeholders_are_kept(entries: list[Entry]) -> None:
    wrong = []
    for entry in entries:
        sources = {0: entry.msgid, 1: entry.msgid_plural or entry.msgid}
        for index, translation in entry.msgstr.items():
            if placeholders(sources[min(index, 1)]) != placeholders(translation):
                wrong.append(f"{_where(entry)} → {translation!r}")
    assert not wrong, "placeholders differ:\n" + "\n".join(wrong)


def test_brace_placeholders_work_through_translate(entries: list[Entry]) -> None:
    for entry in entries:
        braces, _ = placeholders(entry.msgid)
        if braces and entry.msgctxt is None and entry.msgid_plural is None:
            params = {name: "X" for name in braces}
            assert translate(entry.msgid, "en", **params) == entry.msgstr[0].format(**params)


def test_compiled_catalogue_matches_the_po(entries: list[Entry]) -> None:
    with MO_PATH.open("rb") as handle:
        compiled = gettext.GNUTranslations(handle)
    catalog: dict[str | tuple[str, int], str] = compiled._catalog  # type: ignore[attr-defined]
    in_mo = {key if isinstance(key, str) else key[0] for key in catalog if key != ""}
    in_po = {entry.key for entry in entries}
    assert in_mo == in_po, (
        "django.mo is out of date; run `make messages`.\n"
        f"only in .po: {sorted(in_po - in_mo)[:10]}\nonly in .mo: {sorted(in_mo - in_po)[:10]}"
    )
    for entry in entries:
        for index, translation in entry.msgstr.items():
            key = (entry.key, index) if entry.msgid_plural is not None else entry.key
            assert catalog[key] == translation, f"django.mo is out of date at {_where(entry)}"


def test_english_words_of_django_are_not_changed(entries: list[Entry]) -> None:
    """Our catalogue comes first in LOCALE_PATHS: a msgid that is also one of Django's own
    English msgids ("No", "Status") must translate to itself, or the admin changes too."""
    django_dir = Path(django.__file__).parent
    django_msgids: set[str] = set()
    for mo in django_dir.glob("**/locale/id/LC_MESSAGES/django.mo"):
        with mo.open("rb") as handle:
            catalog = gettext.GNUTranslations(handle)._catalog  # type: ignore[attr-defined]
        django_msgids |= {key if isinstance(key, str) else key[0] for key in catalog}
    clashes = [
        f"{_where(e)} → {e.msgstr[0]!r}"
        for e in entries
        if e.msgctxt is None and e.msgid in django_msgids and e.msgstr[0] != e.msgid
    ]
    assert not clashes, "give these a context (pgettext / translate ... context):\n" + "\n".join(
        clashes
    )


# --- through the entry points -------------------------------------------------------------


def _cli(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    try:
        code = main(list(argv))
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_help_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _cli(capsys, "--lang", "en", "check", "--help")
    assert code == 0
    assert "usage:" in out and "Exit codes" in out
    assert "Kode keluar" not in out and "penggunaan" not in out


def test_cli_check_message_in_english(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "yatim.sop.yaml"
    path.write_text(UNREACHABLE, encoding="utf-8")
    code, out, _ = _cli(capsys, "--lang", "en", "check", str(path))
    assert code == 1
    assert "Step yatim is never reached from the start step." in out
    assert "tidak pernah dicapai" not in out
    code, out, _ = _cli(capsys, "check", str(path))
    assert "tidak pernah dicapai" in out


def _switch_to_english(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    assert response.status_code == 302


@pytest.mark.django_db
def test_home_page_in_indonesian_then_english(client: Client) -> None:
    page = client.get("/").content.decode()
    assert "SOP yang berlaku" in page and 'lang="id"' in page  # the public portal
    _switch_to_english(client)
    page = client.get("/").content.decode()
    assert 'lang="en"' in page
    assert "SOPs in force" in page and "Skip to content" in page
    assert "SOP yang berlaku" not in page


@pytest.mark.django_db
def test_admin_index_in_indonesian_then_english(client: Client, superuser: object) -> None:
    client.force_login(superuser)  # type: ignore[arg-type]
    page = client.get("/admin/").content.decode()
    assert "Organisasi" in page and "Peraturan" in page
    _switch_to_english(client)
    page = client.get("/admin/").content.decode()
    assert "Organisation" in page and "Regulations" in page and "Audit trail" in page
    assert "Organisasi" not in page

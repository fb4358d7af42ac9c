"""Find the documents of a corpus and decode them to text.

Documents come from web scrapes, e-mail attachments and Chinese government sites. Each file is either read
into a `Document` or reported as a `Skipped` with a one-line reason; nothing in a file ends the build.

How bytes become text, in order:

1. a byte-order mark decides (UTF-8, UTF-16 or UTF-32);
2. a file that starts with the signature of a binary format (PDF, image, archive, Office file, executable)
   is binary;
3. UTF-8, when it decodes; a file that is UTF-8 but for a few broken bytes (a truncated download) is read
   with those bytes replaced by U+FFFD, and says so;
4. the charset an HTML page declares in a <meta> tag;
5. otherwise charset-normalizer picks among GB18030 (a superset of GBK and GB2312), Big5, UTF-16 without a
   mark and Windows-1252, and the whole file must decode in the encoding it picks.

A text is accepted only if fewer than 5% of its first 64k characters are control characters: a file that
no encoding turns into such a text is binary. Control characters that remain (NUL, escape sequences, C1
controls) become spaces, so offsets into the text stay valid and no output carries them; line ends become
"\\n". HTML pages (by file name, or a .txt that starts like a page) are reduced to their visible text
(`kg.ingest.markup`).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DocumentError, UsageError
from kg.ingest.markup import HTML_SUFFIXES, declared_charset, html_to_text, looks_like_html
from kg.model import Document, Skipped

# A document is held in memory with its sentences, tokens and mentions (a 50 MB file took 6.3 GB to build):
# past this size a file is skipped rather than risk the machine's memory.
MAX_DOCUMENT_BYTES = 64 * 1024 * 1024
SAMPLE_CHARS = 64 * 1024
MAX_CONTROL_SHARE = 0.05
DETECT_BYTES = 1024 * 1024

_BOMS = (  # UTF-32 first: its little-endian mark starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32LE"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32BE"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16LE"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16BE"),
)
_SIGNATURES = (
    (b"%PDF-", "a PDF document: extract its text first"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"PK\x03\x04", "a ZIP archive or Office document: extract its text first"),
    (b"PK\x05\x06", "an empty ZIP archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an Office 97-2003 document: extract its text first"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh91AY&SY", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
)
# Encodings charset-normalizer chooses among once UTF-8 has failed, with the names a warning uses.
_LEGACY = {"gb18030": "GB18030", "big5": "Big5", "cp1252": "Windows-1252", "utf_16_le": "UTF-16LE",
           "utf_16_be": "UTF-16BE"}
# Charsets pages declare, decoded as browsers do (WHATWG): GBK and GB2312 pages hold GB18030, Latin-1 is
# Windows-1252.
_DECLARED = {"gbk": "gb18030", "gb2312": "gb18030", "gb18030": "gb18030", "x-gbk": "gb18030", "big5": "big5",
             "iso-8859-1": "cp1252", "latin1": "cp1252", "windows-1252": "cp1252", "us-ascii": "cp1252",
             "utf-8": "utf-8", "utf8": "utf-8"}
_DISPLAY = {**_LEGACY, "utf-8": "UTF-8"}

# Control characters but tab and the line ends; DEL and the C1 controls; U+FEFF left inside a text.
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f\ufeff]")
_LINE_END_RE = re.compile("\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Removed outright (they sit inside words): NUL, U+FEFF and terminal escape sequences (colours, titles).
_DELETED_RE = re.compile("\x1b\\[[0-?]*[ -/]*[@-~]|\x1b\\][^\x07\x1b]{0,200}(?:\x07|\x1b\\\\)?|[\x00\ufeff]")


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0  # invalid bytes replaced by U+FFFD


def _control_share(text: str) -> float:
    sample = text[:SAMPLE_CHARS]
    return len(_CONTROL_RE.findall(sample)) / max(len(sample), 1)


def _is_text(text: str) -> bool:
    return _control_share(text) <= MAX_CONTROL_SHARE


def _mostly_utf8(data: bytes) -> Decoded | None:
    """UTF-8 with a few broken bytes (a cut multi-byte character, a stray byte): at least 10 valid non-ASCII
    characters for each broken one."""
    text = data.decode("utf-8", "replace")
    broken = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    valid = sum(1 for ch in text[: SAMPLE_CHARS * 4] if ord(ch) > 127) - broken
    if broken and valid >= 10 * broken and _is_text(text):
        return Decoded(text, "UTF-8", broken)
    return None


def _strict(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except (UnicodeDecodeError, LookupError):
        return None


def _detected(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes  # loaded only for the rare file that is not UTF-8

    best = from_bytes(data[:DETECT_BYTES], cp_isolation=list(_LEGACY)).best()
    if best is None:
        return None
    codec = best.encoding
    text = _strict(data, codec)
    if text is None and len(data) > DETECT_BYTES:  # the sample's guess does not hold for the whole file
        best = from_bytes(data, cp_isolation=list(_LEGACY)).best()
        codec = best.encoding if best is not None else codec
        text = _strict(data, codec)
    if text is None or not _is_text(text):
        return None
    return Decoded(text, _LEGACY.get(codec, codec))


def decode(data: bytes, html: bool = False) -> Decoded:
    """Decode a document's bytes (see the module's docstring for the order of rules), or raise
    DocumentError saying why not. `html`: the file is named as an HTML page, so a <meta> charset counts."""
    if not data.strip():
        raise DocumentError("empty file", "empty")
    for bom, codec, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom):].decode(codec)
            except UnicodeDecodeError as exc:
                raise DocumentError(f"broken {label} text (invalid data at byte {exc.start + len(bom)})",
                                    "unknown encoding") from None
            if not _is_text(text):
                raise DocumentError(f"binary file (marked {label} but mostly control characters)", "binary")
            return Decoded(text, label)
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            raise DocumentError(f"binary file ({what})", "binary")
    utf8 = _strict(data, "utf-8")
    if utf8 is not None and _is_text(utf8):
        return Decoded(utf8, "UTF-8")
    decoded = _mostly_utf8(data) if utf8 is None else None
    charset = declared_charset(data) if html or looks_like_html("", data[:4096].decode("latin-1")) else None
    if decoded is None and charset in _DECLARED:
        declared = _strict(data, _DECLARED[charset])
        if declared is not None and _is_text(declared):
            decoded = Decoded(declared, _DISPLAY[_DECLARED[charset]])
    decoded = decoded or _detected(data)
    if decoded is not None:
        return decoded
    share = _control_share(data[:SAMPLE_CHARS].decode("latin-1"))
    if share > MAX_CONTROL_SHARE:
        raise DocumentError(f"binary file ({share:.0%} of its first bytes are control characters)", "binary")
    raise DocumentError("unknown encoding: not UTF-8, UTF-16, GB18030, Big5 or Windows-1252 text",
                        "unknown encoding")


def clean_text(text: str) -> str:
    """Line ends become "\\n" (CRLF, CR, form feed, Unicode line and paragraph separators); NUL, U+FEFF and
    terminal escape sequences are removed; other control characters become spaces. (Offsets of sentences
    and evidence refer to this text.)"""
    text = _LINE_END_RE.sub("\n", text)
    if not _CONTROL_RE.search(text):
        return text
    return _CONTROL_RE.sub(" ", _DELETED_RE.sub("", text))


def read_document(path: Path, name: str) -> Document:
    """Read and decode one file, or raise DocumentError with a one-line reason and its kind."""
    try:
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise DocumentError(f"too large ({size / 2**20:.0f} MiB; documents are read up to "
                                f"{MAX_DOCUMENT_BYTES // 2**20} MiB)", "too large")
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read: {exc.strerror or exc}", "unreadable") from None
    is_html = name.lower().endswith(HTML_SUFFIXES)
    decoded = decode(data, html=is_html)
    text = clean_text(decoded.text)
    is_html = is_html or looks_like_html(name, text)
    if is_html:
        text = clean_text(html_to_text(text))
    if not text.strip():
        raise DocumentError("no text (an HTML page with nothing visible)" if is_html else "empty file", "empty")
    notes = (f"{decoded.replaced} invalid UTF-8 byte sequence{'s' if decoded.replaced != 1 else ''} replaced "
             "by U+FFFD",) if decoded.replaced else ()
    return Document(name, text, hashlib.sha256(data).hexdigest(), decoded.encoding, is_html, notes)


def display_name(path: Path, directory: Path) -> str:
    """A file's corpus name: its path under the corpus directory in POSIX form. A name that is not valid
    UTF-8 on disk shows its undecodable bytes as \\xNN, so every name can be written to the graph."""
    raw = os.fsencode(path.relative_to(directory).as_posix())
    return raw.decode("utf-8", "backslashreplace")


def corpus_files(directory: Path) -> tuple[list[tuple[Path, str]], list[Skipped]]:
    """Every visible regular file under `directory` with its corpus name, in a stable order; and the files
    refused on sight: symbolic links that lead out of the directory (a scraped archive must not make the
    build publish, say, a private key as evidence)."""
    if not directory.is_dir():
        raise UsageError(f"documents directory not found: {directory}")
    root = directory.resolve()
    files, refused = [], []
    for dirpath, dirnames, filenames in os.walk(directory):  # does not follow links to directories
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for filename in sorted(filenames):
            if filename.startswith("."):
                continue
            path = Path(dirpath) / filename
            name = display_name(path, directory)
            if path.is_symlink():
                target = path.resolve()
                if not target.is_relative_to(root):
                    refused.append(Skipped(name, "symbolic link to a file outside the documents directory",
                                           "outside the corpus"))
                    continue
            if path.is_file():
                files.append((path, name))
    return sorted(files, key=lambda item: item[1]), refused


def read_corpus(directory: Path) -> tuple[list[Document], list[Skipped]]:
    """Every document of a directory, decoded, and the files skipped with their reasons (both sorted by
    name)."""
    files, skipped = corpus_files(directory)
    documents: list[Document] = []
    for path, name in files:
        try:
            documents.append(read_document(path, name))
        except DocumentError as exc:
            skipped.append(Skipped(name, str(exc), exc.kind))
        except Exception as exc:  # noqa: BLE001 - a document must never end the build
            skipped.append(Skipped(name, f"not text ({type(exc).__name__}: {str(exc)[:200]})".replace("\n", " "),
                                   "not text"))
    return documents, sorted(skipped, key=lambda s: s.name)

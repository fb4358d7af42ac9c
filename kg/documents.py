"""Stage 1: find the documents of a corpus and decode them to text.

A document that cannot be read is not an error for the build: it is reported as a `Skipped` with a
one-line reason, and the other documents go on.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from kg.errors import DocumentError, UsageError


@dataclass(frozen=True)
class Document:
    """A decoded document. `name` is its path relative to the corpus directory (POSIX form)."""

    name: str
    text: str
    sha256: str


@dataclass(frozen=True)
class Skipped:
    name: str
    reason: str


def decode(data: bytes) -> str:
    """Decode a document's bytes, or raise DocumentError saying why not.

    UTF-8 (with or without BOM) and BOM-marked UTF-16 are text; NUL bytes elsewhere mean binary.
    """
    if not data.strip():
        raise DocumentError("empty file")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError(f"broken UTF-16 at byte {exc.start}") from None
    if b"\x00" in data:
        raise DocumentError("binary file (contains NUL bytes)")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DocumentError(f"not UTF-8 text (invalid byte at offset {exc.start})") from None
    if not text.strip():
        raise DocumentError("empty file")
    return text


def normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_document(path: Path, name: str) -> Document:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"cannot read: {exc.strerror or exc}") from None
    text = normalise_newlines(decode(data))
    return Document(name=name, text=text, sha256=hashlib.sha256(data).hexdigest())


def corpus_files(directory: Path) -> list[tuple[Path, str]]:
    """Every visible regular file under `directory`, with its corpus name, in a stable order."""
    if not directory.is_dir():
        raise UsageError(f"documents directory not found: {directory}")
    files = []
    for path in directory.rglob("*"):
        rel = path.relative_to(directory)
        if any(part.startswith(".") for part in rel.parts) or not path.is_file():
            continue
        files.append((path, rel.as_posix()))
    return sorted(files, key=lambda item: item[1])


def read_corpus(directory: Path) -> tuple[list[Document], list[Skipped]]:
    documents: list[Document] = []
    skipped: list[Skipped] = []
    for path, name in corpus_files(directory):
        try:
            documents.append(read_document(path, name))
        except DocumentError as exc:
            skipped.append(Skipped(name, str(exc)))
    return documents, skipped

"""Stage 1: finding and decoding documents; a file that cannot be read is skipped with a one-line reason."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kg.documents import decode, read_corpus
from kg.errors import DocumentError, UsageError

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
HUADU = "003_d3940567e1aa418c.txt"  # the smallest seed

# Bad files as they turn up in a corpus: a zero-byte download, an image saved with a .txt name, a GBK-encoded page.
BAD_FILES = {
    "empty.txt": b"",
    "blank.txt": b" \n\r\n\t",
    "picture.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    "gbk.txt": "四会市大沙镇金田铜业".encode("gbk"),
}


def test_the_four_seeds_decode_with_their_file_names(seed_documents):
    assert [d.name for d in seed_documents] == sorted(p.name for p in SEEDS.iterdir())
    assert all(len(d.sha256) == 64 for d in seed_documents)
    assert seed_documents[0].text.startswith("Sunday, March 3, 2024")


def test_a_utf8_byte_order_mark_is_not_part_of_the_text():
    assert decode("\ufeffHuadu District".encode("utf-8")) == "Huadu District"


def test_utf16_with_a_byte_order_mark_is_text():
    assert decode("Sihui City 四会市".encode("utf-16")) == "Sihui City 四会市"


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b"  \n\n ", "empty"),
    (BAD_FILES["picture.txt"], "binary"),
    (BAD_FILES["gbk.txt"], "not UTF-8"),
], ids=["empty", "blank", "binary", "gbk"])
def test_undecodable_bytes_raise_a_document_error_saying_why(data, reason):
    with pytest.raises(DocumentError, match=reason):
        decode(data)


@given(st.text(min_size=1).filter(lambda t: t.strip() and "\x00" not in t and not t.startswith("\ufeff")))
def test_any_utf8_text_decodes_to_itself(text):
    assert decode(text.encode("utf-8")) == text


def test_bad_files_are_skipped_with_a_reason_while_the_good_one_is_read(tmp_path):
    shutil.copy(SEEDS / HUADU, tmp_path / HUADU)
    for name, data in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)

    documents, skipped = read_corpus(tmp_path)

    assert [d.name for d in documents] == [HUADU]
    assert {s.name for s in skipped} == set(BAD_FILES)
    reasons = {s.name: s.reason for s in skipped}
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.txt"]
    assert "binary" in reasons["picture.txt"]
    assert "UTF-8" in reasons["gbk.txt"]
    assert all("\n" not in r for r in reasons.values())


def test_windows_line_ends_become_newlines(tmp_path):
    (tmp_path / "crlf.txt").write_bytes(b"Sihui City\r\nZhaoqing City\rGuangdong")
    [document], _ = read_corpus(tmp_path)
    assert document.text == "Sihui City\nZhaoqing City\nGuangdong"


def test_corpus_names_are_relative_posix_paths_in_sorted_order_and_hidden_files_are_ignored(tmp_path):
    (tmp_path / "b.txt").write_text("Zhaoqing City", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Sihui City", encoding="utf-8")
    (tmp_path / ".notes.txt").write_text("not a document", encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "HEAD").write_text("ref: refs/heads/main", encoding="utf-8")

    documents, skipped = read_corpus(tmp_path)

    assert [d.name for d in documents] == ["b.txt", "sub/a.txt"]
    assert skipped == []


def test_a_missing_directory_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match="not found"):
        read_corpus(tmp_path / "no-such-dir")

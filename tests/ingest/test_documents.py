"""Stage 1: finding and decoding documents; a file that cannot be read is skipped with a one-line reason."""

from __future__ import annotations

import re
import shutil

import pytest
from hypothesis import given
from hypothesis import strategies as st

from conftest import SEEDS
from kg.errors import DocumentError, UsageError
from kg.ingest.documents import decode, read_corpus

HUADU = "003_d3940567e1aa418c.txt"  # the smallest seed

# Bad files as they turn up in a corpus: a zero-byte download, an image saved with a .txt name, random bytes.
BAD_FILES = {
    "empty.txt": b"",
    "blank.txt": b" \n\r\n\t",
    "picture.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00",
    "noise.bin": bytes(range(256)) * 8,
}


def test_the_four_seeds_decode_with_their_file_names(seed_documents):
    assert [d.name for d in seed_documents] == sorted(p.name for p in SEEDS.iterdir())
    assert all(len(d.sha256) == 64 for d in seed_documents)
    assert seed_documents[0].text.startswith("Sunday, March 3, 2024")


def test_a_utf8_byte_order_mark_is_not_part_of_the_text():
    assert decode("\ufeffHuadu District".encode("utf-8")).text == "Huadu District"


def test_utf16_with_a_byte_order_mark_is_text():
    assert decode("Sihui City 四会市".encode("utf-16")).text == "Sihui City 四会市"


@pytest.mark.parametrize(("text", "codec", "encoding"), [
    ("四会市大沙镇金田铜业", "gbk", "GB18030"),  # GBK is a subset of GB18030
    ("肇庆市四会市大沙镇：金田铜业，汽车零部件制造", "gb18030", "GB18030"),
    ("四會市大沙鎮金田銅業有限公司", "big5", "Big5"),
    ("Sihui supports Jintian Copper 金田铜业.", "utf-16-le", "UTF-16LE"),  # no byte-order mark
    ("肇庆市四会市大沙镇金田铜业有限公司", "utf-16-be", "UTF-16BE"),
    ("Sihui 四会", "utf-32", "UTF-32LE"),
    ("Sihui City – “Jintian Copper” café, €50 million.", "cp1252", "Windows-1252"),
], ids=["gbk", "gb18030", "big5", "utf16le", "utf16be", "utf32", "cp1252"])
def test_chinese_and_windows_encodings_are_detected_and_decoded(text, codec, encoding):
    decoded = decode(text.encode(codec))
    assert (decoded.text, decoded.encoding) == (text, encoding)


def test_utf8_with_a_few_broken_bytes_is_read_with_them_replaced():
    # a download cut inside a character, then more text
    data = "四会市大沙镇金田铜业有限公司。".encode() * 10 + "四".encode()[:2] + b" Sihui"
    decoded = decode(data)
    assert (decoded.encoding, decoded.replaced) == ("UTF-8", 1)
    assert decoded.text.endswith("公司。\ufffd Sihui")


@pytest.mark.parametrize(("data", "reason"), [
    (b"", "empty"),
    (b"  \n\n ", "empty"),
    (BAD_FILES["picture.txt"], "binary file (a PNG image)"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "binary file (a PDF document"),
    (b"PK\x03\x04\x14\x00\x06\x00", "Office document"),
    (BAD_FILES["noise.bin"], "binary file (23% of its first bytes are control characters)"),
    (b"\x00" * 100, "binary"),
], ids=["empty", "blank", "png", "pdf", "docx", "noise", "zeros"])
def test_undecodable_bytes_raise_a_document_error_saying_why(data, reason):
    with pytest.raises(DocumentError, match=re.escape(reason)):
        decode(data)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r"), min_size=1)
       .filter(lambda t: t.strip() and not t.startswith("\ufeff")))
def test_any_utf8_text_decodes_to_itself(text):
    assert decode(text.encode("utf-8")).text == text


def test_bad_files_are_skipped_with_a_reason_while_the_good_one_is_read(tmp_path):
    shutil.copy(SEEDS / HUADU, tmp_path / HUADU)
    for name, data in BAD_FILES.items():
        (tmp_path / name).write_bytes(data)

    documents, skipped = read_corpus(tmp_path)

    assert [d.name for d in documents] == [HUADU]
    assert {s.name for s in skipped} == set(BAD_FILES)
    reasons = {s.name: s.reason for s in skipped}
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.txt"]
    assert "binary" in reasons["picture.txt"] and "binary" in reasons["noise.bin"]
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

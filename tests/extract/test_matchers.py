"""kg.extract.build_matchers: the Chinese resources are made only for a corpus that needs them, and a process
that meets a Chinese document without them makes them then, with the same result."""

from __future__ import annotations

import pytest

from kg.extract import any_chinese, build_matchers, extract_document
from kg.model import Document
from kg.reference import load_lexicon, load_reference

ENGLISH = "Guangdong Hengxin Lighting Co., Ltd. opened a plant in Sihui.\n"
ENGLISH_WITH_A_CHINESE_NAME = "Hengxin Lighting (恒信照明) opened a plant in Sihui.\n"
CHINESE = "广东恒信照明有限公司在四会市投资建设照明新工厂。\n"


def doc(text: str, name: str = "doc.txt") -> Document:
    return Document(name, text, "0" * 64)


def test_a_corpus_is_chinese_when_extraction_would_read_a_document_as_chinese():
    assert not any_chinese([doc(ENGLISH)])
    assert not any_chinese([doc(ENGLISH), doc(ENGLISH_WITH_A_CHINESE_NAME)])
    assert any_chinese([doc(ENGLISH), doc(CHINESE)])
    assert not any_chinese([])


@pytest.mark.parametrize("text", [CHINESE, ENGLISH])
def test_without_the_chinese_resources_a_document_is_extracted_the_same(text):
    reference, lexicon = load_reference(), load_lexicon()
    eager = build_matchers(reference, lexicon)
    lazy = build_matchers(reference, lexicon, chinese=False)
    assert eager.zh is not None and lazy.zh is None
    a, b = extract_document(doc(text), reference, eager), extract_document(doc(text), reference, lazy)
    assert a.language == b.language == ("zh" if text == CHINESE else "en")
    assert a.mentions == b.mentions and a.mentions

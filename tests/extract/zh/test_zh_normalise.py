"""Chinese text normalised for matching: simplified characters, half-width forms, scraped Pinyin glosses gone —
with every offset mapped back to the text as written."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kg.extract.zh.normalise import normalise


def test_traditional_characters_become_simplified_with_offsets_unchanged():
    text = "廣東省肇慶市的產業園區，招引新能源汽車項目。"
    n = normalise(text)
    assert n.text == "广东省肇庆市的产业园区，招引新能源汽车项目。".replace("，", ",")
    assert [n.to_original(i) for i in range(len(n.text) + 1)] == list(range(len(text) + 1))


def test_a_simplified_text_is_not_converted_and_a_traditional_one_by_its_phrases():
    # 乾 and 於 are also simplified characters: only a text written in traditional script converts them, and
    # then by phrase (乾隆 is a name, 乾燥 is 干燥)
    assert normalise("乾隆年间，於姓人家").text == "乾隆年间,於姓人家"
    assert normalise("乾隆年間，於是乾燥").text == "乾隆年间,于是干燥"


def test_full_width_letters_digits_and_punctuation_become_half_width():
    assert normalise("ＢＯＰＰ薄膜（二期）：总投资４．５亿元").text == "BOPP薄膜(二期):总投资4.5亿元"


def test_pinyin_glosses_a_scraper_left_after_each_character_are_removed():
    text = "四會(huì)產(chǎn)業(yè)園(yuán)位於(yú)東城"
    n = normalise(text)
    assert n.text == "四会产业园位于东城"
    # each normalised character maps back to its own character in the original
    assert [text[n.to_original(i)] for i in range(len(n.text))] == list("四會產業園位於東城")
    assert n.to_original(len(n.text)) == len(text)
    assert n.to_normal(text.index("東")) == n.text.index("东")


def test_brackets_that_are_not_readings_stay():
    assert normalise("福融(肇庆)有限公司BOPP(bopp)与A(2024)").text == "福融(肇庆)有限公司BOPP(bopp)与A(2024)"


@given(st.text(alphabet="產業园區(chǎn)yè）（ab12，。肇慶", max_size=40))
def test_offsets_map_back_in_order(text):
    n = normalise(text)
    originals = [n.to_original(i) for i in range(len(n.text) + 1)]
    assert originals == sorted(originals) and originals[-1] == len(text)
    assert len(n.text) <= len(text)

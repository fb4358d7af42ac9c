"""Chinese sentences: cut on 。！？； and at the end of a line that ends one; a line broken inside a sentence
goes on into the next one; offsets refer to the document."""

from __future__ import annotations

from kg.extract.zh import split_sentences
from kg.model import Document


def sentences(text: str) -> list[str]:
    doc = Document("doc.txt", text, "0" * 64)
    found = split_sentences(doc)
    assert all(doc.text[s.start:s.end] == s.text for s in found)
    assert [s.index for s in found] == list(range(len(found)))
    return [s.text for s in found]


def test_sentence_marks_end_sentences_with_no_space_after_them():
    assert sentences("四会市发展新能源汽车。肇庆高新区引进项目！效果如何？效果很好；继续推进。") == [
        "四会市发展新能源汽车。", "肇庆高新区引进项目！", "效果如何？", "效果很好；", "继续推进。"]


def test_a_closing_quote_stays_with_its_sentence():
    assert sentences("他说：“产业园已建成。”项目随即投产。") == ["他说：“产业园已建成。”", "项目随即投产。"]


def test_a_line_broken_inside_a_sentence_runs_on_into_the_next_line():
    text = "标题。\n近三年共引进\n鸿泰汽车、昊天动力\n两大龙头链主企业，\n带动产业发展。\n下一句。"
    assert sentences(text) == ["标题。", "近三年共引进\n鸿泰汽车、昊天动力\n两大龙头链主企业，\n带动产业发展。", "下一句。"]


def test_a_photo_s_credit_ends_its_line_s_sentence():
    """"王振宇 摄" after a caption, or on a line of its own, is no part of the sentence the next lines make; a line
    that only ends in 摄 (拍摄) runs on."""
    text = "标题。\n△鹤山工业城。张明 摄\n三年来引进\n两家龙头企业。\n（记者 李华 摄）\n园区企业在本地拍摄\n宣传片。"
    assert sentences(text) == ["标题。", "△鹤山工业城。", "张明 摄", "三年来引进\n两家龙头企业。", "（记者 李华 摄）",
                               "园区企业在本地拍摄\n宣传片。"]


def test_the_title_line_is_a_sentence_of_its_own():
    text = "鸿泰汽车落户肇庆高新区 总投资超50亿元\n2024年3月5日，肇庆高新区举行签约仪式。"
    assert sentences(text) == ["鸿泰汽车落户肇庆高新区 总投资超50亿元", "2024年3月5日，肇庆高新区举行签约仪式。"]


def test_a_blank_line_ends_a_heading_without_a_sentence_mark():
    assert sentences("十大产业链链主企业获授牌\n\n江高镇是工业强镇。") == ["十大产业链链主企业获授牌", "江高镇是工业强镇。"]


def test_english_paragraphs_of_a_mixed_document_are_cut_by_the_english_rules():
    text = "四会市发展新能源汽车。肇庆高新区引进项目。\nSihui develops new energy vehicles. The zone signed 12 projects."
    assert sentences(text) == ["四会市发展新能源汽车。", "肇庆高新区引进项目。", "Sihui develops new energy vehicles.",
                               "The zone signed 12 projects."]


def test_a_sentence_without_marks_is_cut_at_a_clause_mark_into_bounded_pieces():
    text = "、".join(["新能源汽车"] * 1000)
    pieces = sentences(text)
    assert len(pieces) > 1 and all(len(p) <= 2000 for p in pieces)
    assert "".join(pieces) == text

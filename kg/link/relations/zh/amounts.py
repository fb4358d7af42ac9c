"""Investment amounts as a Chinese sentence states them: "总投资额超10亿元", "投资4.5亿元", "约五十亿元" -> the figure
in yuan (cn2an reads Chinese numerals) and the words as written, with the qualifier (超 over, 约 about, 近
nearly) kept in them."""

from __future__ import annotations

import re

import cn2an

from kg.reference.lexicon_zh import ChineseLexicon

_NUMBER = r"[0-9０-９.,，]+|[零〇一二两三四五六七八九十百千]+(?:点[零〇一二三四五六七八九]+)?"
_patterns: dict[int, re.Pattern] = {}


def _pattern(lex: ChineseLexicon) -> re.Pattern:
    key = id(lex)
    if key not in _patterns:
        qualifiers = "|".join(re.escape(q) for q in sorted(lex.amount_qualifiers, key=len, reverse=True)
                              if q not in ("以上", "左右", "多", "余"))
        units = "|".join(re.escape(u) for u in sorted(lex.amount_units, key=len, reverse=True))
        _patterns[key] = re.compile(rf"(?:(?:{qualifiers})\s*)?(?P<num>{_NUMBER})\s*(?P<more>多|余)?\s*"
                                    rf"(?P<unit>{units})(?:\s*(?:以上|左右))?")
    return _patterns[key]


def parse_amount(text: str, lex: ChineseLexicon) -> tuple[float, str] | None:
    """The first amount of money in `text`: (yuan, the words as written)."""
    for m in _pattern(lex).finditer(text):
        number = m.group("num").replace(",", "").replace("，", "")
        unit = m.group("unit")
        try:
            value = float(number) if re.fullmatch(r"[0-9.]+", number) else float(cn2an.cn2an(number, "smart"))
        except (ValueError, KeyError):
            continue
        return value * lex.amount_units[unit], m.group().strip()
    return None

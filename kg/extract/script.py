"""Which script a text is written in, so that each paragraph (and sentence) is read by the finders of its
language: Chinese where Chinese characters carry it, English (the Latin-script finders) otherwise. Kana marks
Japanese, which no finder reads as Chinese."""

from __future__ import annotations

import re
from functools import lru_cache

HAN_RE = re.compile(r"[\u4e00-\u9fff]")
LATIN_RE = re.compile(r"[A-Za-z\uff21-\uff3a\uff41-\uff5a]")
KANA_RE = re.compile(r"[\u3040-\u30ff]")

# A Chinese character says about as much as an English word of five letters; a paragraph is Chinese when its
# Chinese characters outweigh its Latin letters at one to three ("BOPP高端薄膜" is Chinese, "Meixin (美信)" not).
LETTERS_PER_CHARACTER = 3


def is_chinese(text: str) -> bool:
    han = len(HAN_RE.findall(text))
    if not han:
        return False
    kana = len(KANA_RE.findall(text))
    return kana * 2 < han and han * LETTERS_PER_CHARACTER >= len(LATIN_RE.findall(text))


@lru_cache(maxsize=4)
def paragraphs(text: str) -> tuple[tuple[int, int, bool], ...]:
    """The runs of lines of one script: (start, end, Chinese?). Blank lines belong to the run before them.
    (Remembered for the last few texts: choosing the language and cutting sentences both ask.)"""
    runs: list[tuple[int, int, bool]] = []
    for m in re.finditer(r"[^\n]*\n?", text):
        a, b = m.span()
        if a == b:
            break
        line = text[a:b]
        chinese = is_chinese(line) if line.strip() else (runs[-1][2] if runs else False)
        if runs and runs[-1][2] == chinese:
            runs[-1] = (runs[-1][0], b, chinese)
        else:
            runs.append((a, b, chinese))
    return tuple(runs)


def has_chinese(text: str) -> bool:
    """Is any paragraph of the text written in Chinese?"""
    return HAN_RE.search(text) is not None and any(chinese for _, _, chinese in paragraphs(text))

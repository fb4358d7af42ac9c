"""Word classes English name finders share: a brand-like word (pinyin, an acronym), a name word, a business
head, and runs of capitalised words."""

from __future__ import annotations

import re

from kg.extract.en.context import DocumentContext
from kg.extract.en.parts import Part
from kg.names import singular
from kg.reference import Lexicon

PINYIN_RE = re.compile(
    r"^(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|ai|ei|ao|ou|an|en|er|in|un|ia|ie|iu|ua|uo|ui|ue|a|o|e|i|u|v)"
    r"|(?:ang|eng|ai|ei|ao|ou|an|en|er|a|o|e))+$"
)


def is_brand_like(word: str, lexicon: Lexicon) -> bool:
    """A word that can be the distinctive part of a company name: pinyin (Hengda, Meixin) or an
    acronym (GCL), and not an English function or government word."""
    lower = word.lower()
    if lower in lexicon.openers or lower in lexicon.common_capitalised or singular(lower) in lexicon.government_words:
        return False
    if word.isupper() and 2 <= len(word) <= 6 and word.isalpha():
        return True
    return bool(PINYIN_RE.match(lower)) and len(lower) >= 4


def is_head_word(ctx: DocumentContext, part: Part) -> bool:
    return (part.key,) in ctx.lex.enterprise_heads or (part.key,) in ctx.lex.company_forms


def name_word(ctx: DocumentContext, part: Part) -> bool:
    """A capitalised word inside a sentence that is not a function, government, common or industry word
    ("Gordon", "Meilong"; not "Information")."""
    lower = part.raw.lower()
    return (part.cap and lower not in ctx.lex.openers and lower not in ctx.lex.common_capitalised
            and part.key not in ctx.lex.government_words and (part.key,) not in ctx.lex.enterprise_heads
            and part.key not in ctx.m.vocabulary_words)


def cap_run_before(parts: list[Part], end: int, limit: int = 12) -> int:
    """Start of the run of capitalised parts that ends at `end` (no punctuation inside it)."""
    k = end
    while k > 0 and end - k < limit:
        if k < end and (parts[k].hard_gap or parts[k - 1].possessive):
            break
        if not parts[k - 1].cap:
            break
        k -= 1
    return k


def cap_prefix(parts: list[Part], a: int, b: int) -> int:
    k = a
    while k < b and parts[k].cap:
        k += 1
    return k


"""English: the finders of English text, sentence by sentence. Regions and industries are linked to reference
data, parks and enterprises found by the words of their names and their context; a plan's clusters come from
its numbered headings."""

from __future__ import annotations

from dataclasses import replace

from kg.extract.en.clusters import find_clusters, read_clusters
from kg.extract.en.context import DocumentContext
from kg.extract.en.enterprises import find_enterprises
from kg.extract.en.industries import find_industries, owned_products, spread_mentions
from kg.extract.en.industry_phrases import NAME_BUSINESS, find_industry_phrases
from kg.extract.en.matchers import Matchers, build_matchers
from kg.extract.en.parks import find_parks
from kg.extract.en.regions import find_regions
from kg.extract.en.sentences import split_sentences
from kg.model import Mention, Sentence
from kg.reference import Reference


def find_mentions(sentences: list[Sentence], reference: Reference, matchers: Matchers) -> list[Mention]:
    """Every mention of a document's sentences, sentence by sentence: regions, the strategic clusters,
    industries, then parks (which may hold a region or an industry) and enterprises (which may not start with
    a place)."""
    ctx = DocumentContext(sentences, reference, matchers)
    out: list[Mention] = []
    for idx in range(len(sentences)):
        regions = find_regions(ctx, idx)
        clusters = find_clusters(ctx, idx, regions)
        listed = [c for c in clusters if c.cue == "cluster-list"]
        # an item of a list of the strategic clusters names the cluster, not an industry of the document
        industries = [m for m in find_industries(ctx, idx)
                      if not any(c.start <= m.start and m.end <= c.end for c in listed)]
        phrases = find_industry_phrases(ctx, idx, industries)
        industries = [_salient(m) if m.start in phrases.salient else m
                      for m in industries if m.start not in phrases.replaced] + [
            m for m in phrases.vocabulary if not any(c.start <= m.start < c.end for c in listed)]
        if phrases.salient:
            industries = spread_mentions(ctx, idx, sorted(industries, key=lambda m: m.start))
        parks = find_parks(ctx, idx, regions + industries)
        enterprises = find_enterprises(ctx, idx, regions + parks)
        owned = owned_products(ctx, idx, industries, enterprises)
        industries = [_salient(m) if m.start in owned else m for m in industries]
        # a new industry inside a name is the name's words, except the business a company's name spells out
        new = [m for m in phrases.new if not any(e.start <= m.start < e.end for e in parks + listed) and (
            m.cue == NAME_BUSINESS or not any(e.start <= m.start < e.end for e in enterprises))]
        out.extend(regions + clusters + industries + new + parks + enterprises)
    return out


def _salient(m: Mention) -> Mention:
    return replace(m, detail=tuple((k, "1" if k == "salient" else v) for k, v in m.detail))


__all__ = ["Matchers", "build_matchers", "find_mentions", "read_clusters", "split_sentences"]

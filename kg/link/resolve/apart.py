"""Resolution in a process of its own: what it makes on the way (name readings, pinyin forms, the index of
known names, the groups of companies) goes when the process ends, and only the resolution comes back.

Run in the build's process, resolution left 0.33 GB of freed memory the process could not give back (1.84 GB
after linking 10,000 documents; 1.51 GB resolved apart), and that memory was still held when validation ran
beside it, at the build's peak. The resolution is the same: the documents' mentions come back as positions in
the lists this process holds (with the mentions found again, `known_names`, as new ones), and each mention's
entity beside it, so the mentions this process holds stay the keys.
"""

from __future__ import annotations

from collections.abc import Callable

from kg.extract.en import Matchers
from kg.extract.en.parts import PartsCache
from kg.link.resolve.resolver import Resolution, resolve_corpus
from kg.model import Entity, Mention, Sentence
from kg.parallel import in_a_fork
from kg.reference import Reference

# A document's mentions after resolution: each a position in the list before it, or a mention found again;
# and the IRI of each one's entity, or None.
DocumentMentions = tuple[list["int | Mention"], list["str | None"]]


def resolve_apart(doc_sentences: dict[str, list[Sentence]], doc_mentions: dict[str, list[Mention]],
                  reference: Reference, matchers: Matchers, meanwhile: Callable[[], object] | None = None
                  ) -> Resolution:
    """`resolve_corpus` in a forked process (in this one where processes cannot be forked): the same
    resolution, and `doc_mentions` changed the same way. `meanwhile`: the caller's work, done in this process
    as the fork resolves (`kg.parallel.in_a_fork`)."""

    def resolve(_: None) -> tuple[dict[str, Entity], dict[str, str | None], dict[str, str],
                                  dict[str, DocumentMentions], dict[Mention, str]]:
        before = {doc: {id(m): k for k, m in enumerate(ms)} for doc, ms in doc_mentions.items()}
        res = resolve_corpus(doc_sentences, doc_mentions, reference, matchers, PartsCache())
        listed: dict[str, DocumentMentions] = {}
        for doc, mentions in doc_mentions.items():
            positions = before.get(doc, {})
            listed[doc] = ([positions.get(id(m), m) for m in mentions], [res.mention_entity.get(m) for m in mentions])
        # a mention resolved but in no document's list (none today) comes back as itself
        unlisted: dict[Mention, str] = {}
        if sum(iri is not None for _, iris in listed.values() for iri in iris) < len(res.mention_entity):
            kept = {m for ms in doc_mentions.values() for m in ms}
            unlisted = {m: iri for m, iri in res.mention_entity.items() if m not in kept}
        return res.entities, res.focus, res.same_as, listed, unlisted

    entities, focus, same_as, listed, unlisted = in_a_fork(resolve, None, meanwhile)
    mention_entity: dict[Mention, str] = {}
    for doc, (items, iris) in listed.items():
        before = doc_mentions.get(doc, [])
        mentions = [before[item] if isinstance(item, int) else item for item in items]
        doc_mentions[doc] = mentions
        mention_entity.update((m, iri) for m, iri in zip(mentions, iris) if iri is not None)
    mention_entity.update(unlisted)
    return Resolution(entities, mention_entity, focus, same_as)


__all__ = ["resolve_apart"]

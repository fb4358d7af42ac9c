"""Relations between resolved entities, each with the sentence that states it: rules grouped by predicate
(`located_in`, `industries`, `chain_masters`, `investments`, `supplies`), run sentence by sentence in a
document's pass (`sentences`), then what the corpus implies (`corpus`)."""

from kg.link.relations.clusters import add_clusters
from kg.link.relations.context import DocumentPass, LinkContext
from kg.link.relations.corpus import corpus_relations
from kg.link.relations.new_industries import add_new_industries
from kg.link.relations.sentences import sentence_pass

__all__ = ["DocumentPass", "LinkContext", "add_clusters", "add_new_industries", "corpus_relations", "sentence_pass"]

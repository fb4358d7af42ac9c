"""Stage 6, publish: a KnowledgeGraph -> what people and tools read. RDF (`rdf`: kg.ttl, reference.ttl,
kg.trig and the query store), exports for other tools (`export`), a SPARQL endpoint and uploads (`endpoint`), and the
interactive HTML views (`views`)."""

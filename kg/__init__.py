"""industry-kg: a knowledge graph of Guangdong's regions, parks, enterprises, industries and strategic clusters.

The pipeline, a package per stage, each with a typed input and output (`kg.model`):

    kg.ingest   files -> Documents
    kg.extract  a Document -> its sentences, mentions and a plan's clusters (a DocumentExtraction)
    kg.link     the extractions -> entities and relations: a KnowledgeGraph
    kg.publish  a KnowledgeGraph -> RDF, the query store, exports, the HTML views, an endpoint
    kg.read     the written graph -> answers: SPARQL, names, paths, descriptions, validation, evaluation

`kg.reference` loads the reference data they all read; `kg.build` runs the stages end to end (`kg.build.build`)
and keeps a corpus up to date; the `kg` command (`kg.cli`) is a thin layer over them.
"""

__version__ = "0.1.0"

__all__ = ["build", "BuildResult", "__version__"]


def __getattr__(name: str):
    # Imported on first use so that reading commands (`kg query`, `kg path`, `kg show`) start without
    # loading the extraction pipeline, pyvis and networkx.
    if name in ("build", "BuildResult"):
        from kg.build import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

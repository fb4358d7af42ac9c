"""industry-kg: a knowledge graph of Guangdong's regions, parks, enterprises, industries and strategic clusters.

The pipeline, one module per stage:
documents -> text (sentences) -> mentions -> resolve (entities) -> relations -> graph -> rdf / views.
`kg.pipeline.build` runs it end to end; the `kg` command is a thin layer over it.
"""

__version__ = "0.1.0"

__all__ = ["build", "BuildResult", "__version__"]


def __getattr__(name: str):
    # Imported on first use so that reading commands (`kg query`, `kg path`, `kg show`) start without
    # loading the extraction pipeline, pyvis and networkx.
    if name in ("build", "BuildResult"):
        from kg import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")

"""industry-kg: a knowledge graph of Guangdong's regions, parks, enterprises, industries and strategic clusters.

The pipeline, one module per stage:
documents -> text (sentences) -> mentions -> resolve (entities) -> relations -> graph -> rdf / views.
`kg.pipeline.build` runs it end to end; the `kg` command is a thin layer over it.
"""

__version__ = "0.1.0"

from kg.pipeline import BuildResult, build  # noqa: E402

__all__ = ["build", "BuildResult", "__version__"]

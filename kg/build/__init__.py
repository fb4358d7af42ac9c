"""Running the pipeline: a whole build (`pipeline.build`), a living corpus (`corpus.add`, `corpus.remove`), the
per-document cache they share (`cache`) and outputs replaced in one step (`outputs`)."""

from kg.build.pipeline import BuildResult, build

__all__ = ["BuildResult", "build"]

"""Stage 1, ingest: files -> Documents. Find the documents of a corpus and decode them to text (encodings
detected, HTML reduced to the text a reader sees); a file that cannot be read is a `Skipped`, never an error
that ends the build."""

from kg.ingest.documents import corpus_files, read_corpus, read_document

__all__ = ["corpus_files", "read_corpus", "read_document"]

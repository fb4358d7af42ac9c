"""Resolution: mentions -> entities with stable IRIs, across the documents of the corpus."""

from kg.link.resolve.resolver import Resolution, ensure_industry, resolve_corpus

__all__ = ["Resolution", "ensure_industry", "resolve_corpus"]

"""Where `kg build` puts the page of each entity and document, so that answers can link to them.

A page's file comes from its IRI (`.../id/region/sihui` -> `region/sihui.html`, a document's
`.../id/doc/<name>-<hash>` -> `doc/<name>-<hash>.html`): links stay valid across builds. A sentence is found in
its document's page by its start offset (`doc/....html#c1234`). The views (kg.publish.views) write the pages
at these places; the reading commands print the links.
"""

from __future__ import annotations

import hashlib
import re
from functools import cache
from pathlib import Path

from kg.namespaces import ID

DOCUMENT_FOLDER = "doc"


@cache
def page_path(iri: str) -> str:
    """The file of an entity's (or document's) page relative to the output folder, from the IRI's last two
    path segments: `.../id/region/sihui` -> `region/sihui.html`. Segments are reduced to safe file-name
    characters; a name that had to change gets a short hash of the IRI so two IRIs never share a file."""
    rest = iri[len(ID):] if iri.startswith(ID) else iri.split("://", 1)[-1]
    segments = [s for s in re.split(r"[/#?]", rest) if s][-2:]
    if len(segments) < 2:
        segments = ["page", *segments] if segments else ["page", "x"]
    safe = [re.sub(r"[^a-z0-9_-]+", "-", s.lower()).strip("-")[:80] or "x" for s in segments]
    name = "/".join(safe)
    if safe != segments:
        name += "-" + hashlib.sha1(iri.encode()).hexdigest()[:8]
    return name + ".html"


def page_key(iri: str) -> str:
    """An entity's name in a page address (`region/sihui`): what follows `#` to pick it on a page."""
    return page_path(iri)[:-len(".html")]


def sentence_anchor(start: int) -> str:
    """The id of a sentence in its document's page: `c` and its start offset."""
    return f"c{start}"


def evidence_link(document_iri: str | None, start: int | None) -> str:
    """The place of a sentence in its document's page, relative to the output folder (`doc/x.html#c1234`), or
    "" for evidence that is no document sentence (reference data)."""
    if not document_iri or start is None or start < 0 or not document_iri.startswith(ID + DOCUMENT_FOLDER + "/"):
        return ""
    return f"{page_path(document_iri)}#{sentence_anchor(start)}"


class Linker:
    """Links from evidence to its sentence in its document's page in a graph directory: a `file://` URI (a
    terminal lets one click it), or the path relative to the directory (`relative`: for programs). Nothing
    for evidence whose document has no page there (the views were not written, or reference data)."""

    def __init__(self, graph_dir: Path | str, relative: bool = False) -> None:
        self.graph_dir = Path(graph_dir)
        self.relative = relative
        self._exists: dict[str, bool] = {}

    def __call__(self, evidence) -> str:
        link = evidence_link(evidence.source_iri, evidence.start)
        if not link:
            return ""
        file, _, fragment = link.partition("#")
        if file not in self._exists:
            self._exists[file] = (self.graph_dir / file).is_file()
        if not self._exists[file]:
            return ""
        if self.relative:
            return link
        return f"{(self.graph_dir / file).resolve().as_uri()}#{fragment}"

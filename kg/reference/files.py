"""Where the bundled data is: `ontology/` (reference data) and `seeds/` (the bundled documents).

In a checkout or an editable install they are the folders beside the package; an installed wheel carries
them inside the package as `kg/bundled/ontology` and `kg/bundled/seeds` (pyproject.toml maps them there).
`$KG_ONTOLOGY_DIR` points at another ontology folder."""

from __future__ import annotations

import os
from pathlib import Path

from kg.errors import ReferenceDataError

_PACKAGE = Path(__file__).resolve().parent.parent


def _bundled(name: str) -> Path:
    beside = _PACKAGE.parent / name
    return beside if beside.is_dir() else _PACKAGE / "bundled" / name


def ontology_dir() -> Path:
    """The reference data folder: $KG_ONTOLOGY_DIR, else the bundled `ontology/`."""
    env = os.environ.get("KG_ONTOLOGY_DIR")
    path = Path(env) if env else _bundled("ontology")
    if not path.is_dir():
        raise ReferenceDataError(f"ontology directory not found: {path} (set KG_ONTOLOGY_DIR)")
    return path


def seeds_dir() -> Path:
    """The bundled documents: what `kg build` reads when no --docs is given."""
    return _bundled("seeds")

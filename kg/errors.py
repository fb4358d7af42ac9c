"""Domain exceptions. The library raises these; only the CLI turns them into messages and exit codes."""


def one_line(text: str, limit: int = 200) -> str:
    """Text for a one-line message: its whitespace (newlines too) made single spaces, cut at `limit` characters
    (the cut marked "…"). Other libraries' messages can span many lines."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


class KgError(Exception):
    """Base class of every error the library reports to a user."""


class UsageError(KgError):
    """The user asked for something impossible (missing directory, bad option): exit code 2."""


class DocumentError(KgError):
    """One document cannot be read; the build skips it and goes on. `kind` groups reasons in the build's
    summary ("empty", "binary", "unknown encoding" ...)."""

    def __init__(self, message: str, kind: str = "unreadable") -> None:
        super().__init__(message)
        self.kind = kind


class OutputError(KgError):
    """The outputs cannot be written (no permission, disk full); the previous output is kept."""


class StrictBuildError(KgError):
    """`kg build --strict`: a document was skipped or the graph failed validation, so nothing was written.
    `result` is the BuildResult so far (its `skipped` and `problems` say why)."""

    def __init__(self, result) -> None:
        skipped, problems = len(result.skipped), len(result.problems)
        parts = [f"{skipped} document{'s' if skipped != 1 else ''} skipped"] if skipped else []
        parts += [f"{problems} validation problem{'s' if problems != 1 else ''}"] if problems else []
        super().__init__(f"{' and '.join(parts)} with --strict: nothing written, the previous output is kept")
        self.result = result


class ReferenceDataError(KgError):
    """The reference data in ontology/ is missing or malformed."""


class GraphNotFound(UsageError):
    """The graph directory holds no query store (run `kg build --out DIR` first)."""


class QuerySyntaxError(UsageError):
    """A SPARQL query does not parse; `line` and `column` (1-based) say where the parser stopped."""

    def __init__(self, message: str, line: int | None = None, column: int | None = None) -> None:
        super().__init__(message)
        self.line = line
        self.column = column


class QueryRefused(UsageError):
    """A query would change the store or reach the network (UPDATE, SERVICE, FROM, LOAD): never run."""


class QueryTimeout(KgError):
    """A query ran longer than its time limit."""


class NameNotFound(UsageError):
    """A name matches no entity, or several equally well; `candidates` are the closest (label, type, IRI)."""

    def __init__(self, message: str, candidates: list[tuple[str, str, str]] | None = None) -> None:
        super().__init__(message)
        self.candidates = candidates or []


class NoPath(KgError):
    """Two entities are not linked within the hop limit (or an entity reaches no cluster)."""


class ViewError(KgError):
    """A page cannot be drawn: vis-network is missing from the installed pyvis, or an entity is not in the graph."""


class EngineError(KgError):
    """The distributed engine cannot run the build: Dask is not installed, its scheduler cannot be reached, or
    its workers run another version of kg or of its reference data: exit code 1."""


class EndpointError(KgError):
    """The SPARQL server cannot start (not installed, port in use), or a remote store refused or could not be
    reached: exit code 1."""

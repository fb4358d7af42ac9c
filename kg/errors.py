"""Domain exceptions. The library raises these; only the CLI turns them into messages and exit codes."""


class KgError(Exception):
    """Base class of every error the library reports to a user."""


class UsageError(KgError):
    """The user asked for something impossible (missing directory, bad option): exit code 2."""


class DocumentError(KgError):
    """One document cannot be read; the build skips it and goes on."""


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


class EndpointError(KgError):
    """The SPARQL server cannot start (not installed, port in use), or a remote store refused or could not be
    reached: exit code 1."""

"""Domain exceptions. The library raises these; only the CLI turns them into messages and exit codes."""


class KgError(Exception):
    """Base class of every error the library reports to a user."""


class UsageError(KgError):
    """The user asked for something impossible (missing directory, bad option): exit code 2."""


class DocumentError(KgError):
    """One document cannot be read; the build skips it and goes on."""


class ReferenceDataError(KgError):
    """The reference data in ontology/ is missing or malformed."""

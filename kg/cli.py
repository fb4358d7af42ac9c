"""The `kg` command: a thin layer over the library. Each command parses options, calls one function,
prints the result, and maps domain errors to exit codes (0 ok, 1 runtime problem, 2 usage)."""

from __future__ import annotations

from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError, UsageError


def _fail(exc: KgError) -> None:
    if isinstance(exc, UsageError):
        raise click.UsageError(str(exc))
    raise click.ClickException(str(exc))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """industry-kg: a knowledge graph of Guangdong's regions, parks, enterprises, industries and clusters."""


@main.command()
@click.option("--docs", "docs_dir", type=click.Path(path_type=Path), default=Path("seeds"), show_default=True,
              help="Directory of documents to read.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="Directory to write kg.ttl, kg.html and the query store to.")
def build(docs_dir: Path, out_dir: Path) -> None:
    """Build the graph from a directory of documents.

    Example:

        kg build --docs seeds --out output
    """
    from kg.pipeline import build as run_build

    if not docs_dir.is_dir():
        raise click.UsageError(f"documents directory not found: {docs_dir}")
    try:
        result = run_build(docs_dir, out_dir)
    except KgError as exc:
        _fail(exc)
        return
    for s in result.skipped:
        click.echo(f"warning: skipped {s.name}: {s.reason}", err=True)
    g = result.graph
    click.echo(f"documents read: {len(result.documents)}, skipped: {len(result.skipped)}")
    click.echo("entities: " + ", ".join(f"{t} {n}" for t, n in g.entity_counts().items()))
    click.echo("relations: " + ", ".join(f"{p} {n}" for p, n in g.relation_counts().items()))
    click.echo(f"wrote {', '.join(str(p) for p in result.outputs.values())} in {result.seconds:.2f} s")

"""The `kg` command: a thin layer over the library. Each command parses options, calls one function,
prints the result, and maps domain errors to exit codes (0 ok, 1 runtime problem, 2 usage)."""

from __future__ import annotations

from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError, UsageError
from kg.query import FORMATS as QUERY_FORMATS


def _fail(exc: KgError) -> None:
    if isinstance(exc, UsageError):
        raise click.UsageError(str(exc))
    raise click.ClickException(str(exc))


class _Group(click.Group):
    """Turns any error the library did not foresee into one line on stderr (exit 1), never a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KgError as exc:
            _fail(exc)
        except Exception as exc:  # noqa: BLE001 - the last line of defence for users
            raise click.ClickException(f"internal error ({type(exc).__name__}): {exc}") from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
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


# ---------------------------------------------------------------- reading the graph: query, path, show

graph_option = click.option(
    "--graph", "graph_dir", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
    help="Directory `kg build --out` wrote (kg.ttl and store/).")
text_or_json = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                            show_default=True, help="Output format.")


@main.command()
@click.argument("query_text", metavar="QUERY")
@graph_option
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default="table", show_default=True,
              help="table (aligned), csv, tsv, json (SPARQL 1.1 results), turtle (CONSTRUCT/DESCRIBE).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=None,
              help="Give up after this many seconds.")
def query(query_text: str, graph_dir: Path, fmt: str, timeout: float | None) -> None:
    """Run a read-only SPARQL query: QUERY is the query, a .rq file, or - to read standard input.

    Prefixes kg: rdf: rdfs: skos: prov: owl: xsd: are pre-bound. UPDATE, SERVICE and FROM are refused
    before anything runs: a query never changes the graph or makes a network request.

    Example:

        kg query 'SELECT ?cluster WHERE { ?cluster a kg:Cluster }' --format csv

        kg query notebooks/queries/chain_masters.rq --graph output
    """
    import sys

    from kg.query import load_query, open_store, render, run_query

    try:
        text = sys.stdin.read() if query_text == "-" else load_query(query_text)
        click.echo(render(run_query(open_store(graph_dir), text, timeout), fmt))
    except KgError as exc:
        _fail(exc)


@main.command()
@click.argument("source", metavar="FROM")
@click.argument("target", metavar="TO", required=False)
@graph_option
@click.option("--to-cluster", is_flag=True, help="List every strategic cluster FROM reaches through its "
              "industries, with the chain to each (instead of TO).")
@click.option("--max-hops", type=click.IntRange(min=1), default=4, show_default=True,
              help="Longest chain to look for.")
@click.option("--all", "all_paths", is_flag=True, help="All shortest chains, not only the best one.")
@text_or_json
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the chains as a self-contained interactive page to this file.")
def path(source: str, target: str | None, graph_dir: Path, to_cluster: bool, max_hops: int, all_paths: bool,
         fmt: str, html_file: Path | None) -> None:
    """Explain how FROM connects to TO: the shortest chains of relations, each hop with its evidence sentence
    and document. Names are typed as a person would: any label or alias, any case, small typos.

    Example:

        kg path "jintian copper" "advanced materials cluster"

        kg path "Jintian Copper" --to-cluster --format json

        kg path Sihui "new energy cluster" --all --html sihui-new-energy.html
    """
    from kg import paths
    from kg.lookup import find_entity
    from kg.query import open_store

    if to_cluster == (target is not None):
        raise click.UsageError("give either TO or --to-cluster")
    try:
        store = open_store(graph_dir)
        start = find_entity(store, source)
        if to_cluster:
            answer = paths.cluster_paths(store, start, all_paths=all_paths, max_hops=max_hops)
        else:
            answer = paths.find_paths(store, start, find_entity(store, target), max_hops=max_hops,
                                      all_paths=all_paths)
        click.echo(paths.as_json(answer) if fmt == "json" else paths.as_text(answer))
        if html_file is not None:
            from kg.views import write_path_answer_page

            click.echo(f"wrote {write_path_answer_page(store, answer, html_file)}", err=True)
    except KgError as exc:
        _fail(exc)


@main.command()
@click.argument("name", metavar="NAME")
@graph_option
@text_or_json
def show(name: str, graph_dir: Path, fmt: str) -> None:
    """Everything the graph states about one entity: type, labels (en/zh), aliases, and each relation in and
    out with its evidence. NAME is any label or alias (or the entity's IRI).

    Example:

        kg show "Jintian Copper"

        kg show region:sihui --format json
    """
    from kg import describe
    from kg.lookup import find_entity
    from kg.query import open_store

    try:
        store = open_store(graph_dir)
        description = describe.describe(store, find_entity(store, name))
        click.echo(describe.as_json(description) if fmt == "json" else describe.as_text(description))
    except KgError as exc:
        _fail(exc)

"""The `kg` command: a thin layer over the library. Each command parses options, calls one function,
prints the result, and maps domain errors to exit codes (0 ok, 1 runtime problem, 2 usage)."""

from __future__ import annotations

import os
import re
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from kg import __version__
from kg.errors import KgError, UsageError
from kg.publish.export import EXPORTERS
from kg.read.query import FORMATS as QUERY_FORMATS


def progress_options(command):
    """--quiet and --verbose, for every command that reads documents (see document_progress)."""
    command = click.option("-v", "--verbose", is_flag=True,
                           help="Log each document's counts (sentences, mentions) on standard error.")(command)
    return click.option("-q", "--quiet", is_flag=True,
                        help="No progress display (there is none either when standard error is not a terminal)."
                        )(command)


def jobs_option(command):
    """--jobs, for every command that extracts documents."""
    return click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
                        help="Worker processes that extract documents (default: one per core). The graph is "
                             "the same for any N.")(command)


def validate_option(command):
    """--validate/--no-validate, for every command that writes a graph."""
    return click.option("--validate/--no-validate", "validate", default=None,
                        help="Check the graph against ontology/shapes.ttl as it is written (the default, at "
                             "any size).")(command)


@contextmanager
def document_progress(quiet: bool, verbose: bool):
    """A callback for `kg.build.pipeline`'s `on_document`: on a terminal, a progress bar on standard error (documents
    done, rate, time left); nothing when standard error is piped or redirected, or with --quiet. --verbose logs
    a line per document with its counts, wherever standard error goes."""
    import sys

    from tqdm import tqdm

    bar = None

    def on_document(doc, done: int, total: int, counts: dict[str, int]) -> None:
        nonlocal bar
        if bar is None and not quiet:
            # miniters=1: redraw after any document once 0.1 s have passed (tqdm's adaptive default skips
            # redraws when documents come at an uneven pace).
            bar = tqdm(total=total, unit="doc", desc="extracting", file=sys.stderr, disable=None, leave=False,
                       miniters=1, dynamic_ncols=True)
        if verbose:
            found = ", ".join(f"{n} {what}" for what, n in counts.items()) if counts else "extraction failed"
            tqdm.write(f"[{done}/{total}] {_printable(doc.name)}: {found}", file=sys.stderr)
        if bar is not None:
            bar.update(1)
            if done == total:
                bar.refresh()  # the last frame, even when every document took less than a redraw interval

    try:
        yield on_document
    finally:
        if bar is not None:
            bar.close()


class _InputError(click.ClickException):
    """A usage error found in what the user asked (a malformed query, an unknown name, no graph): exit code 2,
    with the message alone (click's usage lines would only push the message down)."""

    exit_code = 2


def _fail(exc: KgError) -> None:
    if isinstance(exc, UsageError):
        raise _InputError(str(exc))
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
        except BrokenPipeError:
            # the reader went away (`kg build | head`): stop quietly, as other Unix tools do
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(0)
        except Exception as exc:  # noqa: BLE001 - the last line of defence for users
            raise click.ClickException(f"internal error ({type(exc).__name__}): {exc}") from None


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kg")
def main() -> None:
    """industry-kg: a knowledge graph of Guangdong's regions, parks, enterprises, industries and clusters.

    `kg build` reads documents and writes the graph (output/ by default); the other commands read it.
    `kg COMMAND --help` tells more about each.

    Example:

        kg build --docs seeds --out output

        kg path Sihui --to-cluster
    """


@main.command()
@click.option("--docs", "docs_dir", type=click.Path(path_type=Path), default=None,
              help="Directory of documents to read  [default: the bundled documents, seeds/]")
@click.option("--out", "out_dir", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
              help="Directory to write kg.ttl, kg.html and the query store to.")
@click.option("--strict", is_flag=True,
              help="Fail (exit 1, nothing written) if any document is skipped or the graph fails validation.")
@jobs_option
@validate_option
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="Who extracts the documents and reads their sentences: local worker processes, or the workers of "
                   "a Dask cluster (pip install 'industry-kg[dask]'). The graph is the same.")
@click.option("--scheduler", metavar="ADDRESS", default=None,
              help="With --engine dask: the cluster's scheduler (tcp://HOST:8786); without, a local cluster of "
                   "--jobs workers.")
@click.option("--trig", is_flag=True,
              help="Also write kg.trig: each statement in the named graph of its source document or dataset "
                   "(`kg export --format trig` makes it when asked, otherwise).")
@progress_options
def build(docs_dir: Path | None, out_dir: Path, strict: bool, jobs: int | None, validate: bool | None, engine: str,
          scheduler: str | None, trig: bool, quiet: bool, verbose: bool) -> None:
    """Build the graph from a directory of documents: text in UTF-8, UTF-16, GB18030/GBK, Big5 or
    Windows-1252, and HTML pages. A file that cannot be read (empty, binary, unknown encoding) is skipped with
    a warning naming it and why; the summary counts what was read and skipped.

    Exit codes: 0 built (skipped files are warnings), 1 a runtime problem, or --strict and a file was
    skipped, 2 a usage error (missing directory, bad option).

    Example:

        kg build --docs seeds --out output

        kg build --docs scraped/ --out /srv/kg --strict

        kg build --docs scraped/ --verbose 2> build.log

        kg build --docs province/ --out /srv/kg --jobs 8 --no-validate

        kg build --docs province/ --out /srv/kg --engine dask --scheduler tcp://10.0.0.5:8786
    """
    from kg.build.pipeline import build as run_build
    from kg.errors import StrictBuildError
    from kg.reference import seeds_dir

    docs_dir = docs_dir if docs_dir is not None else seeds_dir()
    if not docs_dir.is_dir():
        raise click.UsageError(f"documents directory not found: {docs_dir}")
    if out_dir.exists() and not out_dir.is_dir():
        raise click.UsageError(f"output directory is a file: {out_dir}")
    if scheduler is not None and engine != "dask":
        raise click.UsageError("--scheduler is for --engine dask")
    try:
        with document_progress(quiet, verbose) as on_document:
            result = run_build(docs_dir, out_dir, strict=strict, on_document=on_document, jobs=jobs,
                               validate=validate, engine=engine, scheduler=scheduler, trig=trig)
    except StrictBuildError as exc:
        _report_documents(exc.result)
        if exc.result.problems:
            _report_validation(exc.result, out_dir)
        _fail(exc)
        return
    except KgError as exc:
        _fail(exc)
        return
    _report_documents(result)
    g = result.graph
    click.echo("entities: " + ", ".join(f"{t} {n}" for t, n in g.entity_counts().items()))
    click.echo("relations: " + ", ".join(f"{p} {n}" for p, n in g.relation_counts().items()))
    click.echo(f"wrote {', '.join(str(p) for p in result.outputs.values())} in {result.seconds:.2f} s")
    if verbose:
        click.echo("stages: " + ", ".join(f"{stage} {seconds:.2f} s" for stage, seconds in result.stages.items()),
                   err=True)
    _report_validation(result, out_dir)


_UNPRINTABLE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _printable(text: str) -> str:
    """A file name or reason as one harmless line: control characters (a newline, a terminal escape
    sequence) and bidirectional overrides are shown escaped (\\x1b, \\u202e), not sent to the terminal."""
    return _UNPRINTABLE_RE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _report_documents(result) -> None:
    """A warning line per skipped file and per lossy reading (stderr), then the summary line (stdout):
    documents read, how the ones that were not plain UTF-8 text were decoded, documents skipped and why."""
    from collections import Counter

    for doc in result.read:
        for note in doc.notes:
            click.echo(f"warning: read {_printable(doc.name)}: {note}", err=True)
    for s in result.skipped:
        click.echo(f"warning: skipped {_printable(s.name)}: {_printable(s.reason)}", err=True)
    read_as = Counter(("HTML" + (f" in {d.encoding}" if d.encoding != "UTF-8" else "")) if d.html else d.encoding
                      for d in result.read if d.html or d.encoding != "UTF-8")
    why = Counter(s.kind for s in result.skipped)
    line = f"documents read: {len(result.documents)}"
    line += f" ({', '.join(f'{n} {how}' for how, n in sorted(read_as.items()))})" if read_as else ""
    line += f", skipped: {len(result.skipped)}"
    line += f" ({', '.join(f'{n} {kind}' for kind, n in sorted(why.items()))})" if why else ""
    click.echo(line)


SHOWN_PROBLEMS = 10


def _report_validation(result, out_dir: Path) -> None:
    """The validation summary (stdout), and the first violations as warnings (stderr)."""
    report = result.validation
    if report is None:
        if result.not_validated:
            click.echo(f"validation: not run ({result.not_validated}; `kg validate --graph {out_dir}` checks "
                       "the graph)")
        return
    if report.conforms:
        click.echo(f"validation: the graph conforms to ontology/shapes.ttl ({report.seconds:.1f} s)")
        return
    for line in result.problems[:SHOWN_PROBLEMS]:
        click.echo(f"warning: invalid: {_printable(line)}", err=True)
    n = len(result.problems)
    more = f", {n - SHOWN_PROBLEMS} more not shown" if n > SHOWN_PROBLEMS else ""
    click.echo(f"validation: {n} violation{'s' if n != 1 else ''} of ontology/shapes.ttl{more} "
               f"(`kg validate --graph {out_dir}` lists them all)")


# ---------------------------------------------------------------- reading the graph: query, path, show

graph_option = click.option(
    "--graph", "graph_dir", type=click.Path(path_type=Path), default=Path("output"), show_default=True,
    help="Directory `kg build --out` wrote (kg.ttl and store/).")
text_or_json = click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
                            show_default=True, help="Output format.")
min_confidence_option = click.option(
    "--min-confidence", type=click.FloatRange(0, 1), default=None, metavar="C",
    help="Leave out evidence less sure than C (0-1), and relations left with none. Evidence with no recorded "
         "confidence (reference data, sentences read before confidences were) is always kept.")


@main.command()
@click.argument("query_text", metavar="QUERY")
@graph_option
@click.option("--format", "fmt", type=click.Choice(QUERY_FORMATS), default="table", show_default=True,
              help="table (aligned), csv, tsv, json (SPARQL 1.1 results), turtle (CONSTRUCT/DESCRIBE).")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=30.0, show_default=True,
              help="Give up after this many seconds.")
@click.option("--width", type=click.IntRange(min=0), default=None, metavar="N",
              help="--format table: cut long cells so that a line fits in N characters (0: never cut).  "
                   "[default: the terminal's width; 0 when output is not a terminal]")
def query(query_text: str, graph_dir: Path, fmt: str, timeout: float, width: int | None) -> None:
    """Run a read-only SPARQL query: QUERY is the query, a .rq file, or - to read standard input.

    The prefixes answers are shown with are pre-bound: kg: rdf: rdfs: skos: prov: owl: xsd: dct: and region:
    industry: park: enterprise: cluster: doc: dataset: stmt:. UPDATE, SERVICE and FROM are refused before
    anything runs: a query never changes the graph or makes a network request. A class, property or entity
    the graph does not know (a misspelt kg:Clustr) gets a warning on standard error.

    Example:

        kg query 'SELECT ?cluster WHERE { ?cluster a kg:Cluster }' --format csv

        kg query 'SELECT ?e WHERE { ?e kg:locatedIn region:sihui }' --width 80

        kg query notebooks/queries/chain_masters.rq --graph output
    """
    import itertools
    import shutil
    import sys

    from kg.read.query import load_query, open_store, render_stream, run_query

    if width is None:
        width = shutil.get_terminal_size().columns if sys.stdout.isatty() else 0
    try:
        text = sys.stdin.read() if query_text == "-" else load_query(query_text)
        result = run_query(open_store(graph_dir), text, timeout, stream=True)
    except KgError as exc:
        _fail(exc)
        return
    for warning in result.warnings:
        click.echo(f"warning: {warning}", err=True)
    try:  # rows printed as they come, in blocks
        pieces = render_stream(result, fmt, width)
        while block := "".join(itertools.islice(pieces, 500)):
            click.echo(block, nl=False)
        click.echo()
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
@min_confidence_option
@click.option("--html", "html_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Also write the chains as a self-contained interactive page to this file: the drawing, and "
                   "beside it each hop with its evidence.")
def path(source: str, target: str | None, graph_dir: Path, to_cluster: bool, max_hops: int, all_paths: bool,
         fmt: str, min_confidence: float | None, html_file: Path | None) -> None:
    """Explain how FROM connects to TO: the shortest chains of relations, each hop with its evidence sentence,
    its document and a link to the sentence in the document's page. Names are typed as a person would: any
    label or alias, any case, small typos.

    Example:

        kg path sihui "advanced materials cluster"

        kg path Sihui --to-cluster --format json

        kg path Sihui "new energy cluster" --all --html sihui-new-energy.html

        kg path copper Sihui --min-confidence 0.8
    """
    from kg.read import paths
    from kg.read.lookup import find_entity
    from kg.read.pages import Linker
    from kg.read.query import open_store

    if to_cluster == (target is not None):
        raise click.UsageError("give either TO or --to-cluster")
    try:
        store = open_store(graph_dir)
        start = find_entity(store, source)
        if to_cluster:
            answer = paths.cluster_paths(store, start, all_paths=all_paths, max_hops=max_hops,
                                         min_confidence=min_confidence)
        else:
            assert target is not None
            answer = paths.find_paths(store, start, find_entity(store, target), max_hops=max_hops,
                                      all_paths=all_paths, min_confidence=min_confidence)
        if fmt == "json":
            click.echo(paths.as_json(answer, Linker(graph_dir, relative=True)))
        else:
            click.echo(paths.as_text(answer, link=Linker(graph_dir)))
        if html_file is not None:
            from kg.publish.views import write_path_answer_page

            click.echo(f"wrote {write_path_answer_page(store, answer, html_file, graph_dir)}", err=True)
    except KgError as exc:
        _fail(exc)


@main.command()
@click.argument("name", metavar="NAME")
@graph_option
@text_or_json
@click.option("--limit", type=click.IntRange(min=0), default=10, show_default=True, metavar="N",
              help="As text: the first N relations of each kind (and 2 sentences of each); 0 for all of them "
                   "with every sentence. JSON always has everything.")
@min_confidence_option
def show(name: str, graph_dir: Path, fmt: str, limit: int, min_confidence: float | None) -> None:
    """Everything the graph states about one entity: type, labels (en/zh), aliases, and its relations in and
    out grouped by kind with counts, each with its evidence sentences (each sentence once), its document and a
    link to the sentence in the document's page. NAME is any label or alias (or the entity's IRI).

    Example:

        kg show Sihui

        kg show Sihui --limit 3

        kg show region:sihui --format json
    """
    from kg.read import describe
    from kg.read.lookup import find_entity
    from kg.read.pages import Linker
    from kg.read.query import open_store

    try:
        store = open_store(graph_dir)
        description = describe.describe(store, find_entity(store, name), min_confidence)
        if fmt == "json":
            click.echo(describe.as_json(description, Linker(graph_dir, relative=True)))
        else:
            click.echo(describe.as_text(description, limit=limit or None, link=Linker(graph_dir)))
    except KgError as exc:
        _fail(exc)


# ---------------------------------------------------------------- the graph in other tools: export, serve, push


@main.command()
@click.option("--format", "fmt", type=click.Choice(list(EXPORTERS)),
              default="turtle", show_default=True, help="What to write (see above).")
@click.option("--out", "out", type=click.Path(path_type=Path), default=None,
              help="File to write (a directory for csv); standard output when not given.")
@graph_option
def export(fmt: str, out: Path | None, graph_dir: Path) -> None:
    """Write the graph in a format other tools read: turtle, ntriples, jsonld (every triple), trig (each
    statement in the named graph of its source document or dataset: the build's kg.trig if it wrote one, `kg
    build --trig`, else derived from the per-document cache), graphml and gexf (entities and relations
    with labels, types, relation names, evidence and documents as attributes: Gephi, yEd, Cytoscape), csv
    (nodes.csv and edges.csv in the --out directory, one edge row per piece of evidence, for spreadsheets).

    Example:

        kg export --format graphml --out kg.graphml

        kg export --format csv --out spreadsheets/

        kg export --format ntriples | gzip > kg.nt.gz
    """
    import os
    import sys

    from kg.build.corpus import write_named_graphs
    from kg.publish.export import export as run_export
    from kg.read.query import open_store

    try:
        written = run_export(open_store(graph_dir), fmt, out, sys.stdout.buffer, graph_dir, write_named_graphs)
    except KgError as exc:
        _fail(exc)
        return
    except BrokenPipeError:
        # The reader stopped early (`kg export | head`): end quietly, as the Python documentation advises, with
        # standard output pointed at devnull so that the final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        sys.exit(1)
    for path in written:
        click.echo(f"wrote {path}", err=True)


@main.command()
@click.option("--port", type=click.IntRange(1, 65535), default=7878, show_default=True,
              help="Port to listen on (on 127.0.0.1 only).")
@click.option("--cors", is_flag=True, help="Allow queries from web pages of other origins (YASGUI in a browser).")
@graph_option
def serve(port: int, cors: bool, graph_dir: Path) -> None:
    """Serve the graph as a standard SPARQL 1.1 endpoint on 127.0.0.1 until stopped (Ctrl-C), for YASGUI,
    Protégé and any SPARQL client: queries at http://127.0.0.1:PORT/query, the graph itself at /store.
    Read-only: the endpoint refuses SPARQL UPDATE and Graph Store writes. Needs the Oxigraph server:
    pip install 'industry-kg[serve]'. Restart it after `kg build` to serve the new graph.

    Example:

        kg serve --port 7878

        curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * { ?s ?p ?o } LIMIT 5' 127.0.0.1:7878/query
    """
    import signal
    import sys

    from kg.publish import endpoint

    try:
        server = endpoint.serve(graph_dir, port, cors=cors)
    except KgError as exc:
        _fail(exc)
        return
    # A plain `kill` stops the server too, not only Ctrl-C.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    with server:
        click.echo(f"SPARQL endpoint: {server.query_url} (read-only; Graph Store: {server.store_url})")
        click.echo("Ctrl-C to stop", err=True)
        try:
            code = server.wait()
        except KeyboardInterrupt:
            return
        output = server.output()
    raise click.ClickException(f"the SPARQL server stopped (exit code {code})" + (f": {output}" if output else ""))


@main.command()
@click.option("--endpoint", "url", required=True, metavar="URL",
              help="The store's Graph Store HTTP Protocol address (Oxigraph: http://HOST:7878/store; Fuseki: "
                   "http://HOST:3030/DATASET/data; GraphDB: http://HOST:7200/repositories/REPO/rdf-graphs/service).")
@click.option("--named-graph", "named_graph", metavar="IRI", default=None,
              help="Replace this named graph there; the default graph when not given.")
@click.option("--user", default=None, help="User name for HTTP basic authentication; the password is read from "
                                           "$KG_ENDPOINT_PASSWORD, or asked for.")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=300.0, show_default=True,
              help="Give up when the store has not answered for this many seconds.")
@click.option("--batch", type=click.IntRange(min=1), default=250_000, show_default=True, metavar="N",
              help="Triples a request carries: the first request replaces the graph there (PUT), the next add to "
                   "it (POST).")
@graph_option
def push(url: str, named_graph: str | None, user: str | None, timeout: float, batch: int, graph_dir: Path) -> None:
    """Upload the graph to a SPARQL 1.1 store (Oxigraph, Apache Jena Fuseki, Virtuoso, GraphDB, Amazon
    Neptune) with the Graph Store HTTP Protocol: a PUT that replaces the named graph (or the default
    graph) there, so pushing again updates it rather than adding a second copy, then POSTs that add the rest,
    --batch triples a request (a graph larger than one machine's store goes in pieces of bounded size).

    Example:

        kg push --endpoint http://127.0.0.1:7878/store --named-graph https://example.org/graph/guangdong

        kg push --endpoint https://fuseki.example.org/kg/data --user admin
    """
    import os

    from kg.publish import endpoint
    from kg.read.query import open_store

    password = None
    if user is not None:
        password = os.environ.get("KG_ENDPOINT_PASSWORD")
        if password is None:
            password = click.prompt(f"password for {user}", hide_input=True, err=True)
    try:
        result = endpoint.push(open_store(graph_dir), url, named_graph, user, password, timeout, batch)
    except KgError as exc:
        _fail(exc)
        return
    where = f"<{result.graph}>" if result.graph else "the default graph"
    click.echo(f"pushed {result.triples:,} triples to {where} at {url} (HTTP {result.status}) "
               f"in {result.seconds:.1f} s")


# ---------------------------------------------------------------- a living corpus: validate, eval, add, remove


@main.command()
@graph_option
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql", show_default=True,
              help="sparql: the shapes compiled to SPARQL queries on the store (any size); pyshacl: the reference "
                   "implementation, node by node in memory (small graphs; the same findings).")
def validate(graph_dir: Path, engine: str) -> None:
    """Check the graph against the SHACL shapes in ontology/shapes.ttl: domain and range of every property,
    one English name per entity, evidence (a document and its sentence) behind every relation, clusters
    exactly pillar or emerging, every town, county, city and park inside a province.

    Prints each violation with the entity's name, the rule in words and the documents it came from.
    Exit codes: 0 the graph conforms, 1 it does not, 2 no graph in --graph.

    Example:

        kg validate --graph output

        kg validate --graph output --engine pyshacl
    """
    from kg.read.validate import validate_graph_dir

    try:
        report = validate_graph_dir(graph_dir, engine=engine)
    except KgError as exc:
        _fail(exc)
        return
    click.echo(report.render())
    if not report.conforms:
        raise click.exceptions.Exit(1)


@main.command(name="eval")
@click.option("--gold", "gold_file", type=click.Path(path_type=Path, dir_okay=False), required=True,
              help="Gold annotation (JSON; the format is in the README).")
@click.option("--docs", "docs_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="Build the graph in memory from this directory (default: seeds/) ...")
@click.option("--graph", "graph_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              help="... or read the graph `kg build --out DIR` wrote.")
@text_or_json
def eval_command(gold_file: Path, docs_dir: Path | None, graph_dir: Path | None, fmt: str) -> None:
    """Measure extraction against a gold annotation: precision, recall and F1 per entity type and per
    relation, then each miss (in the gold, not in the graph) and each false positive (in the graph, not in
    the gold) with its sentence. Only the gold's documents, entity types and relations are scored.

    Example:

        kg eval --gold tests/gold/huadu.json

        kg eval --gold tests/gold/cluster_plan.json --graph output --format json
    """
    import json

    from kg.read.evaluate import evaluate, graph_view, load_gold, store_view

    if docs_dir is not None and graph_dir is not None:
        raise click.UsageError("give --docs (build the graph) or --graph (read a built graph), not both")
    try:
        gold = load_gold(gold_file)
        if graph_dir is not None:
            from kg.read.query import open_store

            view = store_view(open_store(graph_dir))
        else:
            from kg.build.pipeline import extract_graph
            from kg.ingest.documents import read_corpus

            documents, _ = read_corpus(docs_dir or Path("seeds"))
            view = graph_view(extract_graph(documents))
        report = evaluate(gold, view)
    except KgError as exc:
        _fail(exc)
        return
    click.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2) if fmt == "json" else report.render())


def _report_update(update, graph_dir: Path) -> None:
    """What `kg add` or `kg remove` did (stdout), files skipped (stderr), then the graph's summary."""
    def listed(names: list[str]) -> str:
        shown = ", ".join(_printable(n) for n in names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
        return f"{len(names)}" + (f" ({shown})" if names else "")

    for doc in update.read:
        for note in doc.notes:
            click.echo(f"warning: read {_printable(doc.name)}: {note}", err=True)
    for s in update.skipped:
        click.echo(f"warning: skipped {_printable(s.name)}: {_printable(s.reason)}", err=True)
    if update.reextracted:
        click.echo("note: the extractor or its reference data changed since the graph was built: every cached "
                   "document was extracted again", err=True)
    if update.graph is None:
        click.echo("nothing changed: the graph is as it was")
        return
    n = len(update.graph.documents)
    size = f"the graph has {n} document{'s' if n != 1 else ''}"
    if update.removed:
        click.echo(f"removed {listed(update.removed)}; {size}")
    else:
        click.echo(f"added {listed(update.added)}, replaced {listed(update.replaced)}, unchanged "
                   f"{listed(update.unchanged)}, skipped {listed([s.name for s in update.skipped])}; {size}")
    g = update.graph
    click.echo("entities: " + ", ".join(f"{t} {k}" for t, k in g.entity_counts().items()))
    click.echo("relations: " + ", ".join(f"{p} {k}" for p, k in g.relation_counts().items()))
    click.echo(f"wrote {', '.join(str(p) for p in update.outputs.values())} in {update.seconds:.2f} s")
    _report_validation(update, graph_dir)


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path))
@graph_option
@jobs_option
@validate_option
@progress_options
def add(files: tuple[Path, ...], graph_dir: Path, jobs: int | None, validate: bool | None, quiet: bool,
        verbose: bool) -> None:
    """Add documents to a built graph: FILES are files (named by their file name) or directories (their
    files named by their path inside, as `kg build --docs` names them). Only these are read and extracted:
    a document already in the graph with the same content is skipped, one whose content changed replaces
    its old version. Then the graph is the one a fresh `kg build` of all its documents writes.

    Example:

        kg add reports/2024-sihui-work-report.txt --graph output

        kg add scraped/ --graph /srv/kg
    """
    from kg.build.corpus import add as run_add

    try:
        with document_progress(quiet, verbose) as on_document:
            update = run_add(list(files), graph_dir, on_document=on_document, jobs=jobs, validate=validate)
    except KgError as exc:
        _fail(exc)
        return
    _report_update(update, graph_dir)


@main.command()
@click.argument("documents", nargs=-1, required=True)
@graph_option
@validate_option
def remove(documents: tuple[str, ...], graph_dir: Path, validate: bool | None) -> None:
    """Remove documents from a built graph, by their name in it (as `kg add` or `kg build` named them; the
    index page lists them). What only they stated goes; facts also stated elsewhere stay, with their other
    evidence; entities no document mentions any more disappear (the gazetteer's regions that hold the
    remaining ones stay). The graph is then the one a fresh `kg build` of the remaining documents writes.

    Example:

        kg remove 004_2736c6b177f43350.txt --graph output
    """
    from kg.build.corpus import remove as run_remove

    try:
        update = run_remove(list(documents), graph_dir, validate=validate)
    except KgError as exc:
        _fail(exc)
        return
    _report_update(update, graph_dir)

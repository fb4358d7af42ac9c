"""Answer SPARQL queries on the store `kg build` writes: read-only, and never over the network.

The store is opened read-only. Before a query runs, a lexical scan refuses what would change data or reach
another machine: SPARQL UPDATE (INSERT, DELETE, LOAD, ...), SERVICE (pyoxigraph federates it with no switch
to turn it off) and FROM / FROM NAMED (which other engines dereference). The scan skips strings, IRIs and
comments, so a sentence that says "service" is not refused.

    >>> store = open_store("output")                                    # doctest: +SKIP
    >>> print(render(run_query(store, "SELECT ?c WHERE { ?c a kg:Cluster } LIMIT 1"), "csv"))  # doctest: +SKIP
"""

from __future__ import annotations

import csv
import difflib
import gc
import io
import json
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.errors import GraphNotFound, QueryRefused, QuerySyntaxError, QueryTimeout, UsageError
from kg.namespaces import ID, KG

VOCABULARY_PREFIXES = {
    "kg": KG,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "dct": "http://purl.org/dc/terms/",
}
# Every prefix an answer is shown with is pre-bound in queries too: a table shows region:sihui, and
# `?x kg:locatedIn region:sihui` can be typed back.
STANDARD_PREFIXES = {
    **VOCABULARY_PREFIXES,
    **{name: f"{ID}{name}/" for name in ("region", "industry", "park", "enterprise", "cluster", "doc", "dataset")},
    "stmt": f"{ID}statement/",
}
DISPLAY_PREFIXES = STANDARD_PREFIXES
FORMATS = ("table", "csv", "tsv", "json", "turtle")

XSD_STRING = STANDARD_PREFIXES["xsd"] + "string"
RDF_LANG_STRING = STANDARD_PREFIXES["rdf"] + "langString"

_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_TOKEN_RE = re.compile(
    r"""(?P<space>\s+)
      | (?P<comment>\#[^\n\r]*)
      | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*(?:\"\"\")?
                  |'''(?:[^'\\]|\\.|'(?!''))*(?:''')?
                  |"(?:[^"\\\n\r]|\\.)*"?
                  |'(?:[^'\\\n\r]|\\.)*'?)
      | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
      | (?P<var>[?$]\w+)
      | (?P<lang>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
      | (?P<bnode>_:[\w.\-]*)
      | (?P<pname>(?:[^\W\d_][\w.\-]*)?:(?:[\w.:%\-]|\\.)*)
      | (?P<word>[A-Za-z_]\w*)
      | (?P<other>.)""",
    re.VERBOSE | re.DOTALL,
)
_CODEPOINT_RE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
_POSITION_RE = re.compile(r"(?:error )?at (\d+):(\d+):?\s*")


@dataclass
class QueryResult:
    """A materialised answer. `kind` is "select", "ask" or "graph" (CONSTRUCT / DESCRIBE: rows of s, p, o)."""

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    warnings: list[str] = field(default_factory=list)  # terms the graph does not know (see unknown_terms)


def open_store(graph_dir: Path | str) -> ox.Store:
    """Open `DIR/store` (written by `kg build --out DIR`) read-only."""
    directory = Path(graph_dir) / "store"
    if not (directory / "CURRENT").is_file():
        raise GraphNotFound(f"no graph store in {graph_dir}/ (run `kg build --out {graph_dir}` first)")
    try:
        return ox.Store.read_only(str(directory))
    except OSError as exc:
        raise GraphNotFound(f"cannot open the graph store in {directory}: {exc}") from None


def select(store: ox.Store, query: str) -> ox.QuerySolutions:
    """The solutions of a SELECT query of ours (the standard prefixes bound)."""
    answer = store.query(query, prefixes=STANDARD_PREFIXES)
    assert isinstance(answer, ox.QuerySolutions), "a SELECT query"
    return answer


def load_query(query_or_path: str) -> str:
    """A query given inline, or read from a `.rq` file."""
    path = Path(query_or_path)
    if query_or_path.endswith(".rq") or _is_file(path):
        try:
            return path.read_text(encoding="utf-8")
        except OSError as exc:
            raise UsageError(f"cannot read query file {query_or_path}: {exc.strerror or exc}") from None
    return query_or_path


def _is_file(path: Path) -> bool:
    try:
        return path.is_file()
    except OSError:  # a long inline query is not a valid file name
        return False


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _unescaped_forms(query: str) -> list[str]:
    """The query as written and after each round of SPARQL codepoint unescaping (\\u0053 -> S): the spec
    applies it before parsing, so a refused keyword must not hide behind it."""
    forms = [query]
    while len(forms) < 4:
        nxt = _CODEPOINT_RE.sub(lambda m: chr(int(m.group(1) or m.group(2), 16)), forms[-1])
        if nxt == forms[-1]:
            break
        forms.append(nxt)
    return forms


def check_query(query: str) -> None:
    """Refuse, before anything runs, a query that would write to the store or make a network request."""
    for text in _unescaped_forms(query):
        tokens = [(m.group(), m.start()) for m in _TOKEN_RE.finditer(text) if m.lastgroup == "word"]
        for word, start in tokens:
            upper = word.upper()
            where = "line {}, column {}".format(*_position(text, start))
            if upper == "SERVICE":
                raise QueryRefused(f"SERVICE is refused ({where}): federated queries would make a network "
                                   "request, and kg query never does")
            if upper == "FROM":
                raise QueryRefused(f"FROM / FROM NAMED is refused ({where}): the graph is the store's "
                                   "default graph, and kg query never fetches another dataset")
            if upper in _UPDATE_WORDS:
                raise QueryRefused(f"SPARQL UPDATE is refused ({where}: {upper}): kg query is read-only")


def _undeclared_prefixes(query: str) -> list[str]:
    declared = set(STANDARD_PREFIXES)
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN_RE.finditer(query) if m.lastgroup != "space"]
    for (kind, value), (next_kind, next_value) in zip(tokens, tokens[1:]):
        if kind == "word" and value.upper() == "PREFIX" and next_kind == "pname":
            declared.add(next_value.split(":", 1)[0])
    used = {value.split(":", 1)[0] for kind, value in tokens if kind == "pname"}
    return sorted(used - declared)


_CHAR_CLASS_RE = re.compile(r"\[(?:'(?:[^'\\]|\\.)*'|[^\]'])*\]")
SHOWN_ALTERNATIVES = 6


def _short_detail(detail: str) -> str:
    """The parser's complaint in a line: "expected one of" without its character classes (which spell out
    grammar: which letters may start a name), and at most SHOWN_ALTERNATIVES alternatives."""
    detail = " ".join(detail.split())
    if not detail.startswith("expected one of "):
        return detail or "syntax error"
    alternatives = [a.strip() for a in _CHAR_CLASS_RE.sub("", detail[len("expected one of "):]).split(", ")]
    alternatives = [a for a in alternatives if a and a != "Prefix not found"]
    if not alternatives:
        return "unexpected text"
    more = ", ..." if len(alternatives) > SHOWN_ALTERNATIVES else ""
    return "expected one of " + ", ".join(alternatives[:SHOWN_ALTERNATIVES]) + more


def _syntax_error(query: str, exc: SyntaxError) -> QuerySyntaxError:
    """The parser's message made short: the hint that helps first (an undeclared prefix), then where the
    parser stopped, the line and a caret under the spot."""
    message = str(exc)
    unknown = _undeclared_prefixes(query)
    hint = ("unknown prefix " + ", ".join(f"'{p}:'" for p in unknown)
            + f" (pre-bound: {', '.join(STANDARD_PREFIXES)}; declare others with PREFIX)") if unknown else ""
    match = _POSITION_RE.match(message)
    if not match:
        return QuerySyntaxError(f"malformed SPARQL: {hint or _short_detail(message)}")
    line, column = int(match.group(1)), int(match.group(2))
    detail = hint or _short_detail(message[match.end():])
    text = f"malformed SPARQL at line {line}, column {column}: {detail}"
    lines = query.split("\n")
    if 1 <= line <= len(lines):
        shown, caret = _around(lines[line - 1], column)
        text += f"\n  {shown}\n  {' ' * caret}^"
    return QuerySyntaxError(text, line, column)


def _around(line: str, column: int, width: int = 100) -> tuple[str, int]:
    """The part of a long line around `column` (1-based), and where the column falls in it."""
    line = line.replace("\t", " ")
    index = max(column - 1, 0)
    if len(line) <= width:
        return line, index
    start = max(0, min(index - width // 2, len(line) - width))
    shown = ("…" if start else "") + line[start:start + width] + ("…" if start + width < len(line) else "")
    return shown, index - start + (1 if start else 0)


def _select_star(query: str) -> bool:
    words = [m.group() for m in _TOKEN_RE.finditer(query) if m.lastgroup in ("word", "other")]
    for i, word in enumerate(words):
        if word.upper() == "SELECT":
            rest = [w for w in words[i + 1:i + 3] if w.upper() not in ("DISTINCT", "REDUCED")]
            return bool(rest) and rest[0] == "*"
    return False


def _in_query_order(query: str, variables: list[str]) -> list[str]:
    """`SELECT *`'s variables in the order the query first names them (Oxigraph gives them sorted)."""
    seen = list(dict.fromkeys(m.group()[1:] for m in _TOKEN_RE.finditer(query) if m.lastgroup == "var"))
    return [v for v in seen if v in variables] + [v for v in variables if v not in seen]


def _named_iris(query: str) -> list[str]:
    """The IRIs a query names, written whole or with a prefix (its own PREFIX declarations applied)."""
    prefixes = dict(STANDARD_PREFIXES)
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN_RE.finditer(query) if m.lastgroup not in ("space", "comment")]
    iris = []
    for i, (kind, value) in enumerate(tokens):
        if kind == "word" and value.upper() == "PREFIX" and i + 2 < len(tokens) and tokens[i + 2][0] == "iri":
            prefixes[tokens[i + 1][1].split(":", 1)[0]] = tokens[i + 2][1][1:-1]
        elif kind == "pname" and (i == 0 or tokens[i - 1][1].upper() != "PREFIX"):
            prefix, _, local = value.partition(":")
            if prefix in prefixes and local:
                iris.append(prefixes[prefix] + re.sub(r"\\(.)", r"\1", local))
        elif kind == "iri" and (i < 2 or tokens[i - 2][1].upper() != "PREFIX") and \
                (i == 0 or tokens[i - 1][1].upper() != "BASE"):
            iris.append(value[1:-1])
    return list(dict.fromkeys(iris))


def unknown_terms(store: ox.Store, query: str) -> list[str]:
    """Warnings for the classes, properties and entities a query names that the graph does not know: a kg: term
    the ontology does not define (with the closest term it does), an entity IRI (region:..., enterprise:...)
    no triple of the graph mentions. A misspelt name would otherwise just match nothing. (Terms of the
    standard vocabularies, rdfs:, skos:, owl: ..., are not checked: one the graph happens not to use is no
    mistake.)"""
    named = [i for i in _named_iris(query) if i.startswith((KG, ID))]
    if not named:
        return []
    values = " ".join(f"<{i}>" for i in named if not re.search(r'[\s<>"{}|^`\\]', i))
    known = {row[0].value for row in select(
        store, f"SELECT ?t WHERE {{ VALUES ?t {{ {values} }} "
        "FILTER(EXISTS { ?t ?p ?o } || EXISTS { ?s ?t ?o } || EXISTS { ?s ?p ?t }) }")} if values else set()
    defined: list[str] | None = None
    warnings = []
    for iri in named:
        if iri in known:
            continue
        if iri.startswith(KG):
            if defined is None:
                defined = sorted(row[0].value[len(KG):] for row in select(
                    store, "SELECT DISTINCT ?t WHERE { ?t a ?k . FILTER(STRSTARTS(STR(?t), STR(kg:))) }"))
            close = difflib.get_close_matches(iri[len(KG):], defined, n=1, cutoff=0.6)
            warnings.append(f"the ontology defines no {compact(iri)}"
                            + (f" (did you mean kg:{close[0]}?)" if close else "") + ": it matches nothing")
        else:
            warnings.append(f"the graph has no {compact(iri)}: it matches nothing")
    return warnings


def _execute(store: ox.Store, query: str) -> QueryResult:
    answer = store.query(query, prefixes=STANDARD_PREFIXES)
    if isinstance(answer, ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = [v.value for v in answer.variables]
        rows = [tuple(solution) for solution in answer]
        if _select_star(query):
            ordered = _in_query_order(query, variables)
            index = [variables.index(v) for v in ordered]
            variables, rows = ordered, [tuple(row[i] for i in index) for row in rows]
        return QueryResult("select", variables, rows)
    return QueryResult("graph", ["subject", "predicate", "object"],
                       [(t.subject, t.predicate, t.object) for t in answer])


def run_query(store: ox.Store, query: str, timeout: float | None = None) -> QueryResult:
    """Check and run one SPARQL query; with `timeout` (seconds), give up after that long.

    pyoxigraph releases the GIL while it evaluates, so the query runs in a worker thread that can be abandoned
    on time-out; it is a daemon thread and ends with the process.
    """
    check_query(query)
    result = _run(store, query, timeout)
    result.warnings = unknown_terms(store, query)
    return result


def _run(store: ox.Store, query: str, timeout: float | None) -> QueryResult:
    if timeout is None:
        try:
            return _execute(store, query)
        except SyntaxError as exc:
            raise _syntax_error(query, exc) from None
    outcome: dict[str, object] = {}

    def work() -> None:
        try:
            outcome["result"] = _execute(store, query)
        except BaseException as exc:  # handed to the calling thread
            # Without its traceback: the frames hold pyoxigraph objects that must be freed in this thread.
            outcome["error"] = exc.with_traceback(None)

    # pyoxigraph's query results must be freed by the thread that made them. A garbage collection that runs in
    # the worker would free this thread's unreachable results there: collect them here first.
    gc.collect()
    worker = threading.Thread(target=work, name="kg-query", daemon=True)
    worker.start()
    worker.join(timeout)
    if worker.is_alive():
        raise QueryTimeout(f"query still running after {timeout:g} s (raise --timeout to wait longer)")
    if "error" in outcome:
        error = outcome["error"]
        if isinstance(error, SyntaxError):
            raise _syntax_error(query, error) from None
        assert isinstance(error, BaseException)
        raise error
    return outcome["result"]  # type: ignore[return-value]


# ---------------------------------------------------------------- rendering


def compact(iri: str) -> str:
    """`https://w3id.org/industry-kg/id/region/sihui` -> `region:sihui`; other IRIs unchanged."""
    for prefix, namespace in DISPLAY_PREFIXES.items():
        if iri.startswith(namespace) and re.fullmatch(r"[\w.\-]*", iri[len(namespace):]):
            return f"{prefix}:{iri[len(namespace):]}"
    return iri


def display(term) -> str:
    """A term as a person reads it: compact IRIs, literal values without quotes or tags."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode):
        return compact(term.value)
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


def _json_term(term) -> dict:
    if isinstance(term, ox.NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, ox.BlankNode):
        return {"type": "bnode", "value": term.value}
    if isinstance(term, ox.Literal):
        out = {"type": "literal", "value": term.value}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype.value not in (XSD_STRING, RDF_LANG_STRING):
            out["datatype"] = term.datatype.value
        return out
    return {"type": "triple", "value": {k: _json_term(getattr(term, k)) for k in ("subject", "predicate",
                                                                                  "object")}}


def _csv_value(term) -> str:
    if term is None:
        return ""
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    return term.value if isinstance(term, (ox.NamedNode, ox.Literal)) else str(term)


MIN_COLUMN = 8  # a column cut to fit --width keeps at least this many characters


def _fit(widths: list[int], room: int) -> list[int]:
    """Column widths whose sum is at most `room`: the widest columns are cut to one common width (never below
    MIN_COLUMN, so a table of many columns may stay wider than asked)."""
    if sum(widths) <= room:
        return widths
    low, high = MIN_COLUMN, max(widths)
    while low < high:  # the largest cap that fits
        cap = (low + high + 1) // 2
        if sum(min(w, cap) for w in widths) <= room:
            low = cap
        else:
            high = cap - 1
    return [min(w, low) for w in widths]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "\u2026"


def _table(header: list[str], rows: list[list[str]], width: int | None = None) -> str:
    """Aligned columns, one line per row (newlines inside a value would break the alignment); with `width`,
    long cells are cut (ending in …) so that a line fits in that many characters."""
    rows = [[cell.replace("\r", " ").replace("\n", " ") for cell in row] for row in rows]
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(header)]
    if width:
        widths = _fit(widths, width - 2 * (len(header) - 1))

    def line(cells: list[str]) -> str:
        return "  ".join(_cut(c, w).ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(header), line(["-" * w for w in widths])] + [line(r) for r in rows]
    return "\n".join(out)


def render(result: QueryResult, fmt: str = "table", width: int | None = None) -> str:
    """The answer as text: `table` (aligned; with `width`, long cells cut to fit lines of that many characters),
    `csv`/`tsv`/`json` (SPARQL 1.1 results formats), or `turtle` (CONSTRUCT / DESCRIBE only)."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown format {fmt!r} (choose from {', '.join(FORMATS)})")
    if fmt == "turtle":
        if result.kind != "graph":
            raise UsageError("--format turtle is for CONSTRUCT and DESCRIBE queries")
        triples = [ox.Triple(*row) for row in result.rows]
        iris = {t.value for row in result.rows for t in row if isinstance(t, ox.NamedNode)}
        used = {p: ns for p, ns in DISPLAY_PREFIXES.items() if any(i.startswith(ns) for i in iris)}
        return (ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=used) or b"").decode()
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean})
        return "true" if result.boolean else "false"
    if fmt == "json":
        bindings = [{v: _json_term(t) for v, t in zip(result.variables, row) if t is not None}
                    for row in result.rows]
        return json.dumps({"head": {"vars": result.variables}, "results": {"bindings": bindings}},
                          ensure_ascii=False, indent=2)
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(result.variables)
        writer.writerows([_csv_value(t) for t in row] for row in result.rows)
        return buffer.getvalue().removesuffix("\r\n")
    if fmt == "tsv":
        lines = ["\t".join(f"?{v}" for v in result.variables)]
        lines += ["\t".join("" if t is None else str(t) for t in row) for row in result.rows]
        return "\n".join(lines)
    return _table(result.variables, [[display(t) for t in row] for row in result.rows], width)

"""SHACL shapes compiled to SPARQL: each constraint of `ontology/shapes.ttl` becomes one SELECT query that
returns the nodes breaking it, run on an Oxigraph store (the one `kg build` writes, or one loaded from triples).

pySHACL checks each focus node in Python (≈0.2 ms a triple: minutes at a million triples). Here the engine is
Oxigraph's query evaluator, which joins, counts and filters over indexes: a query per constraint, whatever
the size of the graph. The compiler covers the SHACL Core and SHACL-SPARQL features the shapes use (targets by
class, by subject of a property, by SPARQL; value type, cardinality, value range, string, property pair and
logical constraints, qualified value shapes, property paths, SPARQL constraints; not the property pair
constraints sh:equals, sh:disjoint, sh:lessThan). A shape that uses anything
else is refused when the shapes are read (`UnsupportedShape`), never skipped: a check that cannot run must not
pass silently. `tests/read/test_validate.py` plants a violation of every constraint and requires the same
findings from this engine and from pySHACL, the reference implementation.

A compiled query returns `?this` (the focus node) and, where SHACL reports one, `?value` and `?path`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

SH = "http://www.w3.org/ns/shacl#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = f"<{RDF}type>"
SUBCLASS = f"<{RDFS}subClassOf>"
LANG_STRING = RDF + "langString"

# Constraint parameters this compiler reads; any other sh: term on a shape is refused (UnsupportedShape).
_NODE_PARAMETERS = {"class", "datatype", "nodeKind", "in", "hasValue", "minLength", "maxLength", "pattern", "flags",
                    "minInclusive", "maxInclusive", "minExclusive", "maxExclusive", "languageIn", "or", "xone",
                    "and", "not", "node", "property", "sparql", "message", "severity", "targetClass",
                    "targetSubjectsOf", "targetObjectsOf", "targetNode", "target", "name", "description",
                    "deactivated", "declare", "prefixes", "order", "group"}
_PROPERTY_PARAMETERS = _NODE_PARAMETERS - {"targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode",
                                           "target"} | {
    "path", "minCount", "maxCount", "uniqueLang", "qualifiedValueShape", "qualifiedMinCount", "qualifiedMaxCount"}


class UnsupportedShape(ValueError):
    """The shapes use a SHACL feature the compiler does not translate."""


# ---------------------------------------------------------------- reading the shapes graph


class ShapesGraph:
    """The shapes as triples, indexed by subject, with RDF lists read as Python lists."""

    def __init__(self, triples: list[ox.Triple]) -> None:
        self.out: dict = {}  # subject -> predicate IRI -> objects
        for t in triples:
            self.out.setdefault(t.subject, {}).setdefault(t.predicate.value, []).append(t.object)

    @classmethod
    def parse(cls, path: Path) -> ShapesGraph:
        return cls([q.triple for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE)])

    def values(self, node, name: str, namespace: str = SH) -> list:
        return self.out.get(node, {}).get(namespace + name, [])

    def value(self, node, name: str, namespace: str = SH):
        found = self.values(node, name, namespace)
        return found[0] if found else None

    def items(self, node) -> list:
        """The members of the RDF list `node`."""
        out = []
        while node is not None and not (isinstance(node, ox.NamedNode) and node.value == RDF + "nil"):
            out.append(self.value(node, "first", RDF))
            node = self.value(node, "rest", RDF)
        return out

    def subjects(self) -> list:
        return list(self.out)


def term(node) -> str:
    """A term in SPARQL syntax (N-Triples form)."""
    return str(node)


# ---------------------------------------------------------------- what the compiler makes


@dataclass(frozen=True)
class Check:
    """One compiled constraint. `queries` list the candidates (the union of their rows: `?this`, maybe `?value`
    and `?path`). `focus` lists the focus nodes of the constraint's shape, a query per target, with VALUES_THIS
    where a VALUES block may restrict them. How candidates become violations:

    - `filtered` False, `bound` None: every candidate is one (the queries read the targets themselves);
    - `filtered`: candidates were found without regard to the targets; those that are focus nodes are (or,
      when there are many candidates, the `joined` queries find the candidates among the focus nodes);
    - `bound` (a SPARQL constraint): the candidates are the focus nodes, and this query, with their VALUES
      block at VALUES_THIS (as SHACL-SPARQL pre-binds $this), lists the violations among them.

    `unless`, when given, is an ASK query a cheaper count answers: true means no node can break the constraint,
    and the other queries are not run. A graph that conforms costs the candidate queries (or `unless`) only."""

    shape: str  # the shape the constraint belongs to (IRI or blank node label)
    component: str  # the SHACL constraint component, for reading ("minCount", "sparql" ...)
    queries: tuple[str, ...]
    focus: tuple[str, ...]
    messages: tuple[str, ...]  # sh:message of the constraint (English first), maybe empty
    filtered: bool = False
    joined: tuple[str, ...] = ()
    bound: str | None = None
    path: str | None = None  # the property of a property shape (None for complex paths and node shapes)
    severity: str = "Violation"
    # A SPARQL constraint of a node shape whose rows bind no ?value reports the focus node as the value.
    value_is_focus: bool = False
    unless: str | None = None


@dataclass
class Classes:
    """The subclasses of each class in the data graph (rdfs:subClassOf*, the class included): SHACL's class
    checks follow the data graph's own hierarchy, which the store carries with the ontology."""

    sub: dict[str, set[str]] = field(default_factory=dict)

    @classmethod
    def of(cls, store: ox.Store) -> Classes:
        found = cls()
        pairs = store.query(f"SELECT ?sub ?sup WHERE {{ ?sub {SUBCLASS}+ ?sup . FILTER(isIRI(?sub) && isIRI(?sup)) }}")
        for row in pairs:  # type: ignore[union-attr]
            found.sub.setdefault(row["sup"].value, {row["sup"].value}).add(row["sub"].value)
        del pairs  # freed in the thread that made it (pyoxigraph's results belong to their thread)
        return found

    def of_any(self, classes: set[str]) -> str:
        """The classes and their subclasses, as the terms of a VALUES block."""
        return " ".join(f"<{c}>" for c in sorted(set().union(*(self.sub.get(c, {c}) for c in classes))))


# A condition on one value node: the classes it must be an instance of (one of), or a SPARQL expression it
# must satisfy. Class conditions become joins (MINUS, a triple pattern), which Oxigraph evaluates over its
# indexes; EXISTS in a filter is evaluated row by row, ten times slower on a million rows.
Condition = tuple[str, "set[str] | str"]
# The value node in a condition's expression, until a check names it (?this, ?value ...).
PLACEHOLDER = "?_value_"


# ---------------------------------------------------------------- the compiler


class Compiler:
    """Shapes -> Checks. Variables are numbered so that nested conditions never capture each other's."""

    def __init__(self, shapes: ShapesGraph, classes: Classes) -> None:
        self.g = shapes
        self.classes = classes
        self._n = 0
        # every prefix the shapes declare (sh:declare), before every query: SPARQL targets are inlined in
        # the queries of their shape's constraints, and their prefixes must come along
        declared = set()
        for node in self.g.subjects():
            for declaration in self.g.values(node, "declare"):
                prefix, namespace = self.g.value(declaration, "prefix"), self.g.value(declaration, "namespace")
                declared.add(f"PREFIX {prefix.value}: <{namespace.value}>")
        self.header = "\n".join(sorted(declared)) + "\n"

    def var(self, stem: str = "v") -> str:
        self._n += 1
        return f"?_{stem}{self._n}"

    # ------------------------------------------------------------ shapes and targets

    def checks(self) -> Iterator[Check]:
        for shape in sorted(self._targeted(), key=str):
            if self._deactivated(shape):
                continue
            self._check_parameters(shape, _NODE_PARAMETERS)
            parts = self.target_parts(shape)
            yield from self.node_checks(shape, parts)
            for prop in self.g.values(shape, "property"):
                if not self._deactivated(prop):
                    self._check_parameters(prop, _PROPERTY_PARAMETERS)
                    yield from self.property_checks(prop, parts)

    def _targeted(self) -> list:
        target_terms = ("targetClass", "targetSubjectsOf", "targetObjectsOf", "targetNode", "target")
        return [s for s in self.g.subjects() if any(self.g.values(s, t) for t in target_terms)]

    def _deactivated(self, shape) -> bool:
        flag = self.g.value(shape, "deactivated")
        return flag is not None and flag.value == "true"

    def _check_parameters(self, shape, allowed: set[str]) -> None:
        for predicate in self.g.out.get(shape, {}):
            if predicate.startswith(SH) and predicate[len(SH):] not in allowed:
                raise UnsupportedShape(f"shape {shape}: sh:{predicate[len(SH):]} is not supported by the SPARQL "
                                       "compiler of kg.read.shacl")

    def target_parts(self, shape) -> tuple[str, ...]:
        """Graph patterns that bind ?this to focus nodes of the shape (maybe more than once): one per target
        declaration, queried one by one rather than as a UNION made DISTINCT; but the properties of a shape's
        sh:targetSubjectsOf in one pattern (VALUES): the nine evidence properties' sh:class check took 7.7 s at
        10,000 documents as nine queries, 3.3 s as one."""
        parts = []
        for cls in self.g.values(shape, "targetClass"):
            parts.append(f"VALUES ?_cls {{ {self.classes.of_any({cls.value})} }} ?this {RDF_TYPE} ?_cls .")
        subjects_of = sorted(term(prop) for prop in self.g.values(shape, "targetSubjectsOf"))
        if len(subjects_of) == 1:
            parts.append(f"?this {subjects_of[0]} ?_target .")
        elif subjects_of:
            parts.append(f"VALUES ?_tp {{ {' '.join(subjects_of)} }} ?this ?_tp ?_target .")
        for prop in self.g.values(shape, "targetObjectsOf"):
            parts.append(f"?_target {term(prop)} ?this .")
        for node in self.g.values(shape, "targetNode"):
            parts.append(f"VALUES ?this {{ {term(node)} }}")
        for target in self.g.values(shape, "target"):
            select = self.g.value(target, "select")
            if select is None:
                raise UnsupportedShape(f"shape {shape}: only SPARQL-based targets (sh:select) are supported")
            parts.append("{ " + _strip_prefixes(select.value).replace("$this", "?this") + " }")
        return tuple(parts)

    def messages(self, node) -> tuple[str, ...]:
        found = sorted(self.g.values(node, "message"),
                       key=lambda m: (getattr(m, "language", None) not in ("en", None), m.value))
        return tuple(m.value for m in found[:1])

    def focus_queries(self, parts: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(self.header + f"SELECT DISTINCT ?this WHERE {{ VALUES_THIS {part} }}" for part in parts)

    def focus_check(self, shape: str, component: str, parts: tuple[str, ...], violation: str,
                    messages: tuple[str, ...], path: str | None = None, value: bool = False) -> Check:
        """A check evaluated on each target part: its focus nodes that match the `violation` pattern."""
        select = "SELECT DISTINCT ?this" + (" (?this AS ?value)" if value else "")
        return Check(shape, component, tuple(self.header + f"{select} WHERE {{ {part} {violation} }}"
                                              for part in parts), self.focus_queries(parts), messages, path=path)

    def candidate_check(self, shape: str, component: str, parts: tuple[str, ...], query: str,
                        messages: tuple[str, ...], path: str | None = None, unless: str | None = None) -> Check:
        """A check whose candidates are found over the whole graph, then kept where they are focus nodes."""
        joined = tuple(self.header + f"SELECT * WHERE {{ {{ {query} }} {part} }}" for part in parts)
        return Check(shape, component, (self.header + query,), self.focus_queries(parts), messages, filtered=True,
                     joined=joined, path=path, unless=None if unless is None else self.header + unless)

    # ------------------------------------------------------------ node shapes

    def node_checks(self, shape, parts: tuple[str, ...]) -> Iterator[Check]:
        messages = self.messages(shape)
        name = str(shape)
        for component, condition in self.value_conditions(shape):
            yield self.focus_check(name, component, parts, self.violated("?this", condition), messages,
                                   value=component != "hasValue")  # SHACL reports no value for sh:hasValue
        for constraint in self.g.values(shape, "sparql"):
            yield self.sparql_check(name, constraint, parts, node_shape=True)

    def sparql_check(self, shape: str, constraint, parts: tuple[str, ...], node_shape: bool) -> Check:
        select = self.g.value(constraint, "select")
        if select is None:
            raise UnsupportedShape(f"shape {shape}: a SPARQL constraint without sh:select")
        body = _strip_prefixes(select.value).replace("$this", "?this")
        where = re.search(r"\bWHERE\s*\{|\{", body, re.IGNORECASE)
        if where is None:
            raise UnsupportedShape(f"shape {shape}: a SPARQL constraint without a WHERE clause")
        bound = self.header + body[:where.end()] + " VALUES_THIS " + body[where.end():]
        focus = self.focus_queries(parts)
        return Check(shape, "sparql", tuple(q.replace("VALUES_THIS", "") for q in focus), focus,
                     self.messages(constraint), bound=bound, value_is_focus=node_shape)

    # ------------------------------------------------------------ property shapes

    def path(self, node) -> str:
        """A SHACL property path as a SPARQL property path."""
        if isinstance(node, ox.NamedNode):
            return term(node)
        for name, op in (("oneOrMorePath", "+"), ("zeroOrMorePath", "*"), ("zeroOrOnePath", "?")):
            inner = self.g.value(node, name)
            if inner is not None:
                return f"({self.path(inner)}){op}"
        inverse = self.g.value(node, "inversePath")
        if inverse is not None:
            return f"^({self.path(inverse)})"
        alternative = self.g.value(node, "alternativePath")
        if alternative is not None:
            return "(" + "|".join(self.path(p) for p in self.g.items(alternative)) + ")"
        if self.g.value(node, "first", RDF) is not None:
            return "(" + "/".join(self.path(p) for p in self.g.items(node)) + ")"
        raise UnsupportedShape(f"unsupported property path {node}")

    def property_checks(self, prop, parts: tuple[str, ...]) -> Iterator[Check]:
        shape = str(prop)
        path_node = self.g.value(prop, "path")
        path = self.path(path_node)
        named = path_node.value if isinstance(path_node, ox.NamedNode) else None
        messages = self.messages(prop)

        def focus(component: str, violation: str) -> Check:
            return self.focus_check(shape, component, parts, violation, messages, named)

        def candidates(component: str, query: str, unless: str | None = None) -> Check:
            return self.candidate_check(shape, component, parts, query, messages, named, unless)

        low, high = self.g.value(prop, "minCount"), self.g.value(prop, "maxCount")
        if low is not None and int(low.value) > 0:
            yield focus("minCount", self.too_few(path, int(low.value)))
        if high is not None:
            yield candidates("maxCount", f"SELECT ?this WHERE {{ ?this {path} ?_c }} GROUP BY ?this "
                                         f"HAVING (COUNT(DISTINCT ?_c) > {int(high.value)})",
                             self.one_row_each(path) if int(high.value) >= 1 else None)
        for component, condition in self.value_conditions(prop):
            # the property's distinct values are tested, then the nodes of those that fail found: a condition is
            # on the value alone, and a property has far fewer distinct values than uses (the offsets and
            # confidences of 359,000 pieces of evidence: 2.8 -> 0.2 s each at 10,000 documents)
            yield candidates(component, f"SELECT DISTINCT ?this ?value WHERE {{ {{ SELECT ?value WHERE {{ "
                                        f"{self.var('s')} {path} ?value }} GROUP BY ?value }} "
                                        f"{self.violated('?value', condition)} ?this {path} ?value }}")
        for value in self.g.values(prop, "hasValue"):
            yield focus("hasValue", f"MINUS {{ ?this {path} {term(value)} }}")
        unique = self.g.value(prop, "uniqueLang")
        if unique is not None and unique.value == "true":
            # grouped by node and language, not a self-join of the property (3x faster on 100,000 labels)
            yield candidates("uniqueLang", "SELECT DISTINCT ?this WHERE { { SELECT ?this WHERE { "
                                           f"?this {path} ?_a . FILTER(lang(?_a) != \"\") }} "
                                           "GROUP BY ?this (lang(?_a) AS ?_l) HAVING (COUNT(DISTINCT ?_a) > 1) } }")
        qualified = self.g.value(prop, "qualifiedValueShape")
        if qualified is not None:
            if self.g.value(prop, "qualifiedValueShapesDisjoint") is not None:
                raise UnsupportedShape(f"{shape}: sh:qualifiedValueShapesDisjoint is not supported")
            v = self.var()
            conforming = f"?this {path} {v} . {self.satisfied(v, self.shape_condition(qualified))}"
            low, high = self.g.value(prop, "qualifiedMinCount"), self.g.value(prop, "qualifiedMaxCount")
            if low is not None and int(low.value) > 0:
                yield focus("qualifiedMinCount", self.too_few(path, int(low.value), conforming, v))
            if high is not None:
                yield candidates("qualifiedMaxCount", f"SELECT ?this WHERE {{ {conforming} }} GROUP BY ?this "
                                                      f"HAVING (COUNT(DISTINCT {v}) > {int(high.value)})")
        for constraint in self.g.values(prop, "sparql"):
            yield self.sparql_check(shape, constraint, parts, node_shape=False)

    @staticmethod
    def one_row_each(path: str) -> str:
        """An ASK query true when no node has more than one row of `path`, so none has two values: two counts
        over the path instead of a grouping by node (the 18 sh:maxCount checks at 10,000 documents: 2.3 s instead
        of 7.3 s). When it is false (a node with two rows, maybe of one value), the grouping decides."""
        return (f"ASK {{ {{ SELECT (COUNT(*) AS ?_n) (COUNT(DISTINCT ?this) AS ?_d) WHERE {{ ?this {path} ?_c }} }} "
                "FILTER(?_n = ?_d) }")

    def too_few(self, path: str, n: int, pattern: str | None = None, value: str = "?_c") -> str:
        """The pattern a focus node matches when it has fewer than `n` distinct values of `path` (or of
        `pattern`, which binds `value`)."""
        pattern = pattern or f"?this {path} {value} ."
        if n == 1:
            return f"MINUS {{ {pattern} }}"
        return (f"MINUS {{ SELECT ?this WHERE {{ {pattern} }} GROUP BY ?this "
                f"HAVING (COUNT(DISTINCT {value}) >= {n}) }}")

    # ------------------------------------------------------------ conditions on one value

    def violated(self, v: str, condition: Condition) -> str:
        """The pattern a binding of `v` matches when it breaks the condition."""
        kind, what = condition
        if kind == "class":
            return f"MINUS {{ {self._typed(v, what)} }}"
        return f"FILTER(!({what.replace(PLACEHOLDER, v)}))"  # type: ignore[union-attr]

    def satisfied(self, v: str, condition: Condition) -> str:
        """The pattern a binding of `v` matches when it meets the condition."""
        kind, what = condition
        if kind == "class":
            return self._typed(v, what)
        return f"FILTER({what.replace(PLACEHOLDER, v)})"  # type: ignore[union-attr]

    def expression(self, v: str, condition: Condition) -> str:
        kind, what = condition
        if kind == "class":
            return f"EXISTS {{ {self._typed(v, what)} }}"
        return what.replace(PLACEHOLDER, v)  # type: ignore[union-attr]

    def _typed(self, v: str, classes) -> str:
        """`v` is an instance of one of `classes` (or of a subclass)."""
        t = self.var("t")
        return f"{v} {RDF_TYPE} {t} . VALUES {t} {{ {self.classes.of_any(classes)} }}"

    def class_only(self, shape) -> set[str] | None:
        """The classes a node must be an instance of (one of) to conform to `shape`, when that is all the
        shape asks: one sh:class, or an sh:or of such shapes; else None."""
        constraints = {p for p in self.g.out.get(shape, {}) if p.startswith(SH)} - {SH + "message", SH + "name"}
        if constraints == {SH + "class"} and len(self.g.values(shape, "class")) == 1:
            return {self.g.value(shape, "class").value}
        if constraints == {SH + "or"}:
            members = [self.class_only(s) for s in self.g.items(self.g.value(shape, "or"))]
            if all(m is not None for m in members):
                return set().union(*members)  # type: ignore[arg-type]
        return None

    def shape_condition(self, shape) -> Condition:
        """What a value node must meet to conform to `shape`."""
        classes = self.class_only(shape)
        if classes is not None:
            return "class", classes
        return "expr", self.conforms(shape, PLACEHOLDER)

    def value_conditions(self, shape) -> Iterator[tuple[str, Condition]]:
        """(component, condition) for each constraint of `shape` that applies to each value node on its own
        (the focus node of a node shape, each value of a property shape's path); expressions name the value
        PLACEHOLDER."""
        return self._conditions(shape, PLACEHOLDER)

    def _conditions(self, shape, v: str) -> Iterator[tuple[str, Condition]]:
        g = self.g
        for cls in g.values(shape, "class"):
            yield "class", ("class", {cls.value})
        for datatype in g.values(shape, "datatype"):
            if datatype.value == LANG_STRING:
                yield "datatype", ("expr", f"COALESCE(lang({v}) != \"\", false)")
            else:  # a language-tagged literal's datatype is rdf:langString
                yield "datatype", ("expr", f"COALESCE(datatype({v}) = <{datatype.value}>, false)")
        for kind in g.values(shape, "nodeKind"):
            yield "nodeKind", ("expr", _node_kind(kind.value, v))
        for listed in g.values(shape, "in"):
            members = g.items(listed)
            yield "in", ("expr", "(" + (" || ".join(f"sameTerm({v}, {term(m)})" for m in members) or "false") + ")")
        if g.value(shape, "path") is None:  # on a node shape, sh:hasValue is about the focus node itself
            for value in g.values(shape, "hasValue"):
                yield "hasValue", ("expr", f"sameTerm({v}, {term(value)})")
        for name, op in (("minLength", ">="), ("maxLength", "<=")):
            for n in g.values(shape, name):
                yield name, ("expr", f"(!isBlank({v}) && COALESCE(STRLEN(STR({v})) {op} {int(n.value)}, false))")
        flags = g.value(shape, "flags")
        for pattern in g.values(shape, "pattern"):
            arguments = f"STR({v}), {term(ox.Literal(pattern.value))}" + (
                f", {term(ox.Literal(flags.value))}" if flags is not None else "")
            yield "pattern", ("expr", f"(!isBlank({v}) && COALESCE(REGEX({arguments}), false))")
        for name, op in (("minInclusive", ">="), ("maxInclusive", "<="), ("minExclusive", ">"),
                         ("maxExclusive", "<")):
            for bound in g.values(shape, name):
                yield name, ("expr", f"COALESCE({v} {op} {term(bound)}, false)")
        for languages in g.values(shape, "languageIn"):
            tags = g.items(languages)
            yield "languageIn", ("expr", "(" + (" || ".join(f"COALESCE(langMatches(lang({v}), {term(t)}), false)"
                                                          for t in tags) or "false") + ")")
        for shapes in g.values(shape, "or"):
            members = [self.class_only(s) for s in g.items(shapes)]
            if all(m is not None for m in members):  # one of some classes: a join, not a filter
                yield "or", ("class", set().union(*members))
            else:
                yield "or", ("expr", "(" + " || ".join(self.conforms(s, v) for s in g.items(shapes)) + ")")
        for shapes in g.values(shape, "and"):
            yield "and", ("expr", "(" + " && ".join(self.conforms(s, v) for s in g.items(shapes)) + ")")
        for shapes in g.values(shape, "xone"):
            yield "xone", ("expr", "(" + " + ".join(f"IF({self.conforms(s, v)}, 1, 0)" for s in g.items(shapes))
                           + " = 1)")
        for other in g.values(shape, "not"):
            yield "not", ("expr", f"!{self.conforms(other, v)}")
        for other in g.values(shape, "node"):
            yield "node", ("expr", self.conforms(other, v))

    def conforms(self, shape, v: str) -> str:
        """A SPARQL expression true when node `v` conforms to `shape` (a node or property shape used inside a
        logical constraint or a qualified value shape)."""
        if self.g.value(shape, "path") is not None:
            return self.property_conforms(shape, v)
        self._check_parameters(shape, _NODE_PARAMETERS - {"sparql"})
        conditions = [self.expression(v, c) for _, c in self._conditions(shape, v)]
        conditions += [self.property_conforms(prop, v) for prop in self.g.values(shape, "property")]
        return "(" + (" && ".join(conditions) or "true") + ")"

    def property_conforms(self, prop, v: str) -> str:
        self._check_parameters(prop, _PROPERTY_PARAMETERS - {"sparql", "qualifiedValueShape", "qualifiedMinCount",
                                                             "qualifiedMaxCount"})
        path = self.path(self.g.value(prop, "path"))
        conditions = []
        low, high = self.g.value(prop, "minCount"), self.g.value(prop, "maxCount")
        x = self.var()
        if low is not None and int(low.value) > 0:
            conditions.append(f"EXISTS {{ SELECT {v} WHERE {{ {v} {path} {x} }} GROUP BY {v} "
                              f"HAVING (COUNT(DISTINCT {x}) >= {int(low.value)}) }}")
        if high is not None:
            conditions.append(f"NOT EXISTS {{ SELECT {v} WHERE {{ {v} {path} {x} }} GROUP BY {v} "
                              f"HAVING (COUNT(DISTINCT {x}) > {int(high.value)}) }}")
        for _, condition in self._conditions(prop, x):
            conditions.append(f"NOT EXISTS {{ {v} {path} {x} . FILTER(!({self.expression(x, condition)})) }}")
        for value in self.g.values(prop, "hasValue"):
            conditions.append(f"EXISTS {{ {v} {path} {term(value)} }}")
        unique = self.g.value(prop, "uniqueLang")
        if unique is not None and unique.value == "true":
            y = self.var()
            conditions.append(f"NOT EXISTS {{ {v} {path} {x} . {v} {path} {y} . FILTER(!sameTerm({x}, {y}) && "
                              f"lang({x}) != \"\" && lang({x}) = lang({y})) }}")
        return "(" + (" && ".join(conditions) or "true") + ")"


def _node_kind(kind: str, v: str) -> str:
    tests = {"IRI": f"isIRI({v})", "BlankNode": f"isBlank({v})", "Literal": f"isLiteral({v})",
             "BlankNodeOrIRI": f"(isBlank({v}) || isIRI({v}))",
             "BlankNodeOrLiteral": f"(isBlank({v}) || isLiteral({v}))",
             "IRIOrLiteral": f"(isIRI({v}) || isLiteral({v}))"}
    name = kind[len(SH):] if kind.startswith(SH) else kind
    if name not in tests:
        raise UnsupportedShape(f"unknown sh:nodeKind {kind}")
    return tests[name]


def _strip_prefixes(select: str) -> str:
    """A SELECT query's text without PREFIX lines (its prefixes come from sh:prefixes)."""
    lines = select.strip().splitlines()
    return "\n".join(line for line in lines if not line.strip().upper().startswith("PREFIX "))


def compile_shapes(shapes: ShapesGraph, store: ox.Store) -> list[Check]:
    """Every check of the shapes, against the class hierarchy of the data in `store`."""
    return list(Compiler(shapes, Classes.of(store)).checks())

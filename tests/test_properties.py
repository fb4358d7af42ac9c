"""Issue 7: property-based tests where inputs are open-ended. Whatever the text: names normalise without
error, every minted IRI is one that strict and lenient RDF parsers accept, and the extractor runs to the end
and writes Turtle that rdflib and Oxigraph read alike."""

from __future__ import annotations

import hashlib
import io

import pyoxigraph as ox
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.build.pipeline import extract_graph
from kg.ingest.documents import clean_text
from kg.model import Document
from kg.names import fold, phrase_key, slug, word_parts
from kg.namespaces import ID
from kg.publish import rdf
from kg.reference import load_reference

# Any character a decoded document can hold (not lone surrogates: no decoder produces them).
any_text = st.text(alphabet=st.characters(blacklist_categories=("Cs",)))
# Words of the seeds and of hostile documents: enough of the patterns to make the extractor find things.
WORDS = ["Sihui", "Zhaoqing", "Dasha", "Town", "City", "High-tech", "Zone", "Industrial", "Park", "Jintian",
         "Copper", "Co.,", "Ltd.", "Group", "chain", "master", "enterprises", "such", "as", "and", "other",
         "leading", "companies", "invested", "million", "yuan", "in", "the", "new", "energy", "vehicle", "industry",
         "cluster", "supplies", "project", "signed", "四会市", "大沙镇", "金田铜业", "😀", "שלום", "نور", "\u202e",
         '"', "'", "\\", "<", ">", "&amp;", "}", "{", "@en", "^^", "_:b", "<http://127.0.0.1:9/>", ".", ",", ";",
         ":", "(", ")", "\n", "\r\n", "\x00", "\x1b[31m", "\t", "1.", "2024", "\ufeff", "\u2028"]
documents_text = st.lists(st.sampled_from(WORDS) | any_text.filter(lambda t: len(t) < 12), max_size=80).map(
    " ".join)


def parse_both(turtle: bytes) -> tuple[int, int]:
    strict = len(list(ox.parse(turtle, format=ox.RdfFormat.TURTLE)))
    lenient = len(rdflib.Graph().parse(io.BytesIO(turtle), format="turtle"))
    return strict, lenient


def turtle_of(triples: list[ox.Triple]) -> bytes:
    return ox.serialize(triples, format=ox.RdfFormat.TURTLE, prefixes=rdf.PREFIXES)


# ---------------------------------------------------------------- names


@given(any_text)
def test_folding_keeps_the_length_so_offsets_stay_true(text):
    assert len(fold(text)) == len(text)


@given(any_text)
def test_a_phrase_key_is_made_of_lower_case_word_parts_and_is_stable(text):
    key = phrase_key(text)
    assert all(part and all(c.isalnum() for c in part) for part in key)
    assert all(part and part.isalnum() for part in word_parts(text))
    assert phrase_key(text) == key


# ---------------------------------------------------------------- IRIs


@given(any_text, st.sampled_from(["enterprise", "park", "region", "industry", "cluster"]))
def test_an_iri_minted_from_any_name_is_read_back_the_same_by_both_parsers(name, kind):
    iri = f"{ID}{kind}/{slug(name)}"
    triple = ox.Triple(ox.NamedNode(iri), ox.NamedNode(rdf.RDFS + "label"), ox.Literal(name))
    turtle = turtle_of([triple])
    [strict] = ox.parse(turtle, format=ox.RdfFormat.TURTLE)
    [(s, _, o)] = rdflib.Graph().parse(io.BytesIO(turtle), format="turtle")
    assert strict.subject.value == str(s) == iri
    assert strict.object.value == str(o) == name


@given(any_text, any_text, st.integers(min_value=0, max_value=10**9))
def test_document_and_statement_iris_are_valid_for_any_file_name(name, other, start):
    for iri in (rdf.doc_iri(name), rdf.statement_iri(ID + "a", "locatedIn", ID + "b", name + other, start)):
        assert ox.NamedNode(iri).value == iri and iri.isascii() and " " not in iri


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=15),
                min_size=1, max_size=3))
def test_enterprises_named_anything_get_valid_iris(names):
    text = ("Sihui will support chain master enterprises such as " + ", ".join(f"{n} Copper" for n in names)
            + " to expand copper processing projects in Dasha Town.")
    graph = extract_graph([Document("doc.txt", text, hashlib.sha256(text.encode()).hexdigest())],
                          load_reference())
    for entity in graph.entities.values():
        assert ox.NamedNode(entity.iri).value == entity.iri and entity.iri.isascii()
    strict, lenient = parse_both(turtle_of(rdf.graph_triples(graph, load_reference())))
    assert strict == lenient


# ---------------------------------------------------------------- the extractor on random text


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(documents_text, min_size=1, max_size=3))
def test_the_extractor_never_fails_on_random_text_and_its_turtle_parses(texts):
    documents = [Document(f"doc{i}.txt", clean_text(t), hashlib.sha256(t.encode()).hexdigest())
                 for i, t in enumerate(texts)]
    graph = extract_graph(documents, load_reference())
    turtle = turtle_of(rdf.graph_triples(graph, load_reference()))
    strict, lenient = parse_both(turtle)
    assert strict == lenient > 0
    for relation in graph.relations:
        for ev in relation.evidence:
            if ev.is_text:
                text = next(d.text for d in documents if d.name == ev.source)
                assert text[ev.start:ev.end] == ev.text

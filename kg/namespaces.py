"""The IRIs the graph is written in: its ontology, its entities, the vocabularies it reuses, and the reference
datasets that back statements no sentence states."""

KG = "https://w3id.org/industry-kg/ontology#"
ID = "https://w3id.org/industry-kg/id/"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
PROV = "http://www.w3.org/ns/prov#"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
OWL = "http://www.w3.org/2002/07/owl#"

RDF_TYPE = RDF + "type"
RDFS_LABEL = RDFS + "label"

GAZETTEER_IRI = ID + "dataset/gazetteer"
VOCABULARY_IRI = ID + "dataset/industry-vocabulary"

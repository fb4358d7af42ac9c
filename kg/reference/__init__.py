"""Reference data, loaded once per build from `ontology/`: the administrative gazetteer, the industry
vocabulary, the 20 strategic clusters, the ontology and the lexicon of general words extraction reads names
by. Public facts, each file naming its source; nothing here lists the enterprises or parks of any document."""

from kg.reference.datasets import Concept, Reference, Region, StrategicCluster, load_reference
from kg.reference.files import ontology_dir, seeds_dir
from kg.reference.lexicon import Lexicon, load_lexicon
from kg.reference.names_data import NameData, load_name_data

__all__ = ["Concept", "Lexicon", "NameData", "Reference", "Region", "StrategicCluster", "load_lexicon",
           "load_name_data", "load_reference", "ontology_dir", "seeds_dir"]

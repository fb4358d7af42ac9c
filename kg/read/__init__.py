"""Stage 7, read: answers from a written graph, through its query store. SPARQL (`query`), entities by the
names people type (`lookup`), everything about one entity (`describe`), chains between entities (`paths`),
SHACL validation (`validate`) and extraction measured against a gold annotation (`evaluate`)."""

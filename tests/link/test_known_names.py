"""Enterprise names found again: a name one document gives in full is found where another writes it short."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.extract.en.parts import PartsCache, sentence_parts
from kg.extract.en.phrases import PhraseIndex
from kg.link.resolve.known_names import NameStarts, _coordinated, _may_coordinate, link_known_enterprises
from kg.model import Mention, Sentence
from kg.names import phrase_key

# A name the rules do not find on their own where it is written short ("Golden" is no business word): found
# there only as the name another document gives in full.
TEXTS = (
    "Qiaolun Golden Mould Co., Ltd. opened a new plant in Sihui last year.",
    "Qiaolun Golden Mould has expanded its press line.",
    "Output at Qiaolun Golden Mould rose by a fifth.",
    "The county built a new road this year.",
)


def found(tools, extracted, texts=TEXTS) -> dict[str, list[tuple[str, str]]]:
    """Each document's enterprise mentions (surface, cue) once the corpus's names are looked for in it."""
    sentences, mentions = extracted(*texts)
    link_known_enterprises(tools[1], PartsCache(), sentences, mentions)
    return {doc: [(m.surface, m.cue) for m in ms if m.kind == "enterprise"] for doc, ms in mentions.items()}


def test_a_name_given_in_full_is_found_where_other_documents_write_it_short(tools, extracted):
    mentions = found(tools, extracted)
    assert ("Qiaolun Golden Mould", "known-name") in mentions["doc2.txt"]
    assert ("Qiaolun Golden Mould", "known-name") in mentions["doc3.txt"]


def test_a_document_that_names_no_known_company_gains_no_enterprise(tools, extracted):
    assert found(tools, extracted)["doc4.txt"] == []


def test_a_short_name_no_document_gives_in_full_is_not_found_again(tools, extracted):
    mentions = found(tools, extracted, TEXTS[1:])
    assert not any(cue == "known-name" for ms in mentions.values() for _, cue in ms)


def test_names_are_found_again_in_every_document_that_writes_them(tools, extracted):
    texts = (*TEXTS, "Suppliers such as Qiaolun Golden Mould, Hengxin and others met in Gaoyao.",
             "Hengxin Auto Parts Co., Ltd. signed a contract.", "Qiaolun Golden Mould and Hengxin both grew.")
    mentions = found(tools, extracted, texts)
    # a short name the corpus gives in full elsewhere, and one written beside a known name
    assert mentions["doc7.txt"] == [("Qiaolun Golden Mould", "known-name"), ("Hengxin", "known-name")]
    assert sum(cue == "known-name" for ms in mentions.values() for _, cue in ms) == 4


# ---------------------------------------------------------------- which sentences are read with their parts

NAMES = ("Qiaolun Precision Mould", "Hengxin")


def starts_and_index():
    index = PhraseIndex()
    for name in NAMES:
        index.add(phrase_key(name), name)
    return NameStarts.of(index), index


def sentence(text: str, *mentioned: tuple[str, str]) -> tuple[Sentence, list[Mention]]:
    """A sentence at offset 100 of its document, and mentions of these (kind, words) in it."""
    s = Sentence("doc.txt", 0, 100, 100 + len(text), text)
    return s, [Mention(kind, words, 100 + text.index(words), 100 + text.index(words) + len(words), "doc.txt", 0)
               for kind, words in mentioned]


def test_a_sentence_is_read_for_known_names_where_one_may_start_outside_its_mentions():
    starts, _ = starts_and_index()
    assert starts.may_start(*sentence("Output at Qiaolun Precision Mould rose by a fifth."))
    assert starts.may_start(*sentence("Hengxin's plant opened."))  # a name of one word
    assert starts.may_start(*sentence("Qiaolun precision moulds are sold here."))  # as words are keyed
    # an industry mention may overlap a name found again
    assert starts.may_start(*sentence("Qiaolun Precision Mould grew.", ("industry", "Precision Mould")))


def test_a_sentence_is_not_read_where_no_known_name_may_start_outside_its_mentions():
    starts, _ = starts_and_index()
    assert not starts.may_start(*sentence("The county built a new road."))
    assert not starts.may_start(*sentence("Qiaolun said output rose."))  # a first word, not a name alone
    assert not starts.may_start(*sentence("Qiaolun Precision Mould grew.", ("enterprise", "Qiaolun Precision Mould")))


def test_a_sentence_is_read_for_names_coordinated_with_a_known_one_only_where_one_may_follow():
    assert _may_coordinate(*sentence("Qiaolun Precision Mould and Hengxin grew.", ("enterprise", "Qiaolun Precision Mould")))
    assert _may_coordinate(*sentence("Qiaolun Precision Mould, HX and others grew.", ("enterprise", "Qiaolun Precision Mould")))
    assert not _may_coordinate(*sentence("Qiaolun Precision Mould and the county grew.",
                                         ("enterprise", "Qiaolun Precision Mould")))
    assert not _may_coordinate(*sentence("Qiaolun Precision Mould said output rose.",
                                         ("enterprise", "Qiaolun Precision Mould")))
    assert not _may_coordinate(*sentence("Qiaolun Precision Mould and Hengxin grew.", ("park", "Qiaolun Precision Mould")))


def test_a_mention_that_ends_inside_a_word_is_read_with_its_parts(tools):
    s, taken = sentence("Qiaolun Precision Mould and Hengxin grew.", ("enterprise", "Qiaolun Precision Moul"))
    assert [m.surface for m in _coordinated(tools[1], s, sentence_parts(s), taken)] == ["Hengxin"]
    assert _may_coordinate(s, taken)


WORDS = ["Qiaolun Precision Mould", "qiaolun precision moulds", "Qiaolun", "Precision", "Mould", "Hengxin",
         "HENGXIN", "HX", "and", "And", "the county", "grew", ",", "、", "，", ".", "'s", "’", "(", ")", "Ltd", "Co.,"]


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12), st.data())
def test_whatever_the_scan_or_the_coordination_would_find_the_look_at_the_words_lets_through(tools, words, data):
    """Mentions span whole words or end inside one; whatever they are, a sentence the look leaves out is one
    where reading its parts finds nothing."""
    text, offsets = "", []
    for word in words:
        text += "" if word == "'s" or not text else " "
        offsets.append(len(text))
        text += word
    offsets.append(len(text))
    starts, index = starts_and_index()
    s = Sentence("doc.txt", 0, 100, 100 + len(text), text)
    taken = []
    for _ in range(data.draw(st.integers(0, 2))):
        a = data.draw(st.integers(0, len(words) - 1))
        b = data.draw(st.integers(a + 1, len(words)))
        end = offsets[b] - data.draw(st.sampled_from([0, 0, 0, 1]))  # now and then inside a word
        if offsets[a] < end:
            taken.append(Mention(data.draw(st.sampled_from(["enterprise", "enterprise", "industry"])),
                                 text[offsets[a]:end], 100 + offsets[a], 100 + end, "doc.txt", 0))
    parts = sentence_parts(s)
    outside = [(i, j) for i, j, _ in index.scan(parts)
               if not any(parts[i].start < t.end and t.start < parts[j - 1].end for t in taken if t.kind != "industry")]
    if outside:
        assert starts.may_start(s, taken)
    if _coordinated(tools[1], s, parts, taken):
        assert _may_coordinate(s, taken)

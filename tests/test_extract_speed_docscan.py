"""analyse scans the document once per gazetteer; a sentence must get exactly the hits a search of
that sentence alone finds (bullets, names across a sentence boundary, repeated names)."""
from pipeline.extract.context import analyse
from pipeline.extract.countries import find_countries
from pipeline.extract.organisations import find_organisations

TEXTS = [
    "-Korea signed a deal with Poland. South Korea agreed.\n- Japan and India met.",
    "Officials in St. Lucia met. Saint Lucia and the Emirates signed.\nthyssenkrupp Marine Systems won.",
    "Korea-Poland talks. The United States. Kingdom officials met the United. Kingdom team.",
    "Hanwha Aerospace. Aerospace firm Hanwha met DAPA.\n•Poland's MoD ordered K2 tanks. Turkey.",
]


def test_doc_scan_matches_sentence_search():
    for text in TEXTS:
        for info in analyse(text, "d", None).sentences:
            assert info.countries == find_countries(info.text)
            assert info.orgs == find_organisations(info.text)


def test_upper_patterns_agree_without_the_other_names():
    import re
    from pipeline.extract import countries, organisations, systems
    text = " ".join(TEXTS) + " the Emirates armasuisse 9K720 Iskander vz. 77 DANA Rafales K9A1"
    for full, (upper, others) in [(countries._matcher()[0], countries.upper_matcher()),
                                  (organisations._matcher()[0], organisations.upper_matcher())]:
        plain = text
        for w in others:
            plain = plain.replace(w, "x")
        assert [m.span() for m in full.finditer(plain)] == [m.span() for m in upper.finditer(plain)]
    nodigit = re.sub(r"\d", "", text)
    assert ([m.span() for m in systems._gazetteer()[0].finditer(nodigit)]
            == [m.span() for m in systems._no_digit_pattern().finditer(nodigit)])


def test_narrowed_gates_answer_as_the_full_gate_on_the_document_sentences():
    from pipeline.extract.agreement_types import TYPE_CUE_WORDS
    from pipeline.extract.agreements import _SIGN_VERB_WORDS
    from pipeline.extract.procurements import _REFERENCE_WORDS
    for text in TEXTS + ["Seoul signed the accord. It will deliver the tanks. Officials met."]:
        for gate in (TYPE_CUE_WORDS, _SIGN_VERB_WORDS, _REFERENCE_WORDS):
            narrow = gate.narrowed(text.lower())
            for info in analyse(text, "d", None).sentences:
                assert narrow.in_(info.folded) == gate.in_(info.folded)

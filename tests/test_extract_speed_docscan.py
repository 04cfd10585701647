"""analyse scans the document once per gazetteer; a sentence must get exactly the hits a search of
that sentence alone finds (bullets, names across a sentence boundary, repeated names)."""
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract.document import analyse
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
    for full, (upper, others) in [(countries.matcher()[0], countries.upper_matcher()),
                                  (organisations.matcher()[0], organisations.upper_matcher())]:
        plain = text
        for w in others:
            plain = plain.replace(w, "x")
        assert [m.span() for m in full.finditer(plain)] == [m.span() for m in upper.finditer(plain)]
    nodigit = re.sub(r"\d", "", text)
    assert ([m.span() for m in systems._gazetteer()[0].finditer(nodigit)]
            == [m.span() for m in systems._no_digit_pattern().finditer(nodigit)])


# tricky for document scans: bullets glued to a sentence, names and words across sentence
# boundaries, case folding that changes the text (İ, ı, ſ, final sigma), non-ASCII punctuation
SCAN_TEXTS = TEXTS + [
    "Seoul signed the accord. It will deliver the tanks. Officials met.",
    "-MoU signed. ΣΟΦΙΑΣ met in İstanbul — the aſreement. ıt was a deal.\nThe joint\nstatement; the joint statement.",
    "They ordered K9 howitzers. The first batch of F-16 Block 70 jets arrived. -F-16s. AH-64E Apache.",
    "Hamilton-class cutters. The -class. Mi-17 and Mi-17V5 helicopters. K2\nBlack Panther tanks. KF-21",
    "Rafale. Rafales and Scorpène submarines.\n•Rafale jets; Last week, on Monday, this year. Letter of intent.",
    "😀 Officials met. 😀😀 The deal was signed. 𝔸 Contract for the MoU.\n𝔸𝔸 It covers a treaty.",  # beyond the BMP
]


def _gates():
    from pipeline.extract import dates
    from pipeline.extract.agreements.types import TYPE_CUE_WORDS
    from pipeline.extract.agreements.mentions import _DECLARATION_WORD, _SIGN_VERB_WORDS
    from pipeline.extract.procurements.mentions import _REFERENCE_WORDS
    return [TYPE_CUE_WORDS, _SIGN_VERB_WORDS, _REFERENCE_WORDS, _DECLARATION_WORD, dates._DAY_OR_MONTH_WORD,
            dates._PERIOD_WORD, dates._RELATIVE_WORD]


def test_gate_words_are_ascii_lower_case_without_sigma():
    # what makes a word in the folded document a word in the folded sentence (SentenceScan.with_words)
    for gate in _gates():
        for w in gate.words:
            assert w.isascii() and w == w.lower(), w


def test_document_scan_answers_each_gate_exactly_as_the_sentence_alone():
    from pipeline.extract.prefilter import fold
    for text in SCAN_TEXTS:
        ctx = analyse(text, "d", None)
        for gate in _gates():
            expected = {k for k, info in enumerate(ctx.sentences) if gate.in_(fold(info.text))}
            assert ctx.sentences_with(gate) == expected, (text, gate.words)
        for info in ctx.sentences:
            assert info.folded == fold(info.text) or "Σ" in info.text


def test_sentences_left_unsearched_have_no_system():
    from pipeline.extract.systems import find_systems
    for text in SCAN_TEXTS:
        ctx = analyse(text, "d", None)
        for info in ctx.sentences:
            if not info.may_have_systems:
                assert find_systems(info.text) == [], info.text
        named = {k for k, info in enumerate(ctx.sentences) if find_systems(info.text)}
        assert ctx.sentences_with_systems() == named
    # and the scan does skip sentences: one without a name, designation or class
    ctx = analyse("Rafale jets flew. Officials met on Monday. The K9 arrived.", "d", None)
    assert [info.may_have_systems for info in ctx.sentences] == [True, False, True]


def test_touched_by_marks_sentences_a_match_crosses_and_unsafe_starts():
    import re
    from pipeline.extract.docscan import SentenceScan
    text = "Alpha beta. Gamma delta.\n-Epsilon zeta."
    starts, ends = [0, 12, 26], [11, 24, 40]
    scan = SentenceScan(text, text.lower(), starts, ends)
    assert [text[a:b] for a, b in zip(starts, ends)] == ["Alpha beta.", "Gamma delta.", "Epsilon zeta."]
    assert scan.unsafe == {2}  # "-" right before it: a look-behind there sees a word character
    assert scan.touched_by(re.compile(r"beta\. Gamma")) == {0, 1, 2}
    assert scan.touched_by(re.compile(r"delta")) == {1, 2}
    assert scan.touched_by(re.compile(r"xyz")) == {2}


# ---------------------------------------------------------------- sentence splitting in one scan

def _split_line_by_line(text):
    """The splitter as first written: each line on its own, the token before a period cut from
    the whole segment, bullets and letters found by regex (the reference for the fast version)."""
    import re

    from pipeline.extract.sentences import _abbreviations
    candidate = re.compile(r"[.!?][\"'”’)\]]*(?=\s+[\"'“‘(\[]?[A-Z0-9])")
    bullet, initials, alnum = re.compile(r"^[\s·•\-*–—>|]+"), re.compile(r"(?:[a-z]\.)*[a-z]"), re.compile(r"[^\W_]")

    def _is_abbreviation(line, start, end):
        before = line[start:end]
        if not before or before[-1].isspace():
            return False
        token = before.rsplit(None, 1)[-1].lstrip("(\"'“‘").lower()
        return token in _abbreviations() or bool(initials.fullmatch(token))

    def _emit(line, start, end, out):
        lead = bullet.match(line[start:end])
        if lead:
            start += lead.end()
        while end > start and line[end - 1].isspace():
            end -= 1
        if end > start and alnum.search(line, start, end):
            out.append((start, end))

    out = []
    for line in re.finditer(r"[^\n]+", text):
        spans, start, le, s = [], 0, len(line.group()), line.group()
        for m in candidate.finditer(s):
            if s[m.start()] == "." and _is_abbreviation(s, start, m.start()):
                continue
            _emit(s, start, m.end(), spans)
            start = m.end()
            while start < le and s[start].isspace():
                start += 1
        _emit(s, start, le, spans)
        out += [(s[a:b], line.start() + a, line.start() + b) for a, b in spans]
    return out


SPLIT_PIECES = ["Gen.", "Mr.", "U.S.", "J.", "a.", "etc.", "word", "Word", "2025", "(Reuters)", "\"Quote.\"", ".", "!",
                "?", "’", ")", " ", "  ", "\n", "\n\n", "\r\n", "\t", "\u2028", "\u00a0", "- ", "• ", "—", "é"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SPLIT_PIECES), st.text(max_size=3)), max_size=20).map("".join))
def test_one_scan_splits_as_line_by_line(text):
    from pipeline.extract.sentences import split_sentences
    assert [(s.text, s.start, s.end) for s in split_sentences(text)] == _split_line_by_line(text)


def test_a_gate_registered_later_is_answered_in_the_same_pass():
    from pipeline.extract import docscan
    from pipeline.extract.prefilter import Keywords
    gate = docscan.document_gate(Keywords("lombok", "treaty"))
    try:
        ctx = analyse("Australia and Indonesia signed the Lombok Treaty. Officials met.\nThe treaty-level talks.", "d", None)
        assert ctx.sentences_with(gate) == {0, 2}
        # answered by the one pass over every registered gate, not word by word
        assert all(g in ctx.scan._words for g in docscan.DOCUMENT_GATES)
    finally:
        docscan.DOCUMENT_GATES.remove(gate)


def _system_names():
    from pipeline.extract.systems import _gazetteer
    from pipeline.extract.trie import upper_split
    upper, other = upper_split(_gazetteer()[1])
    return sorted(other) + sorted(upper)[::40]


_PIECES = ["the", "Upgraded", "upgraded", "s", "es", "-", ". ", ".\n", "\n- ", "•", " ", "2", "and", "NEURON", "ordered"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(_system_names()), st.sampled_from(_PIECES)), max_size=10).map(" ".join))
def test_names_not_starting_with_a_capital_still_mark_their_sentence(text):
    # systems_touched scans for the capitalised gazetteer names and gates the others (digits first,
    # lower case first) with the document gates' pass: together a superset of the sentences with a hit
    from pipeline.extract.systems import find_systems
    for info in analyse(text, "d", None).sentences:
        if find_systems(info.text):
            assert info.may_have_systems, info.text


def test_other_system_names_gate_is_ascii_lower_case():
    from pipeline.extract.systems import _gazetteer, _upper_gazetteer
    _, gate = _upper_gazetteer(_gazetteer()[0])
    assert gate.words and all(w.isascii() and w == w.lower() for w in gate.words)

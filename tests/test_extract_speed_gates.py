"""The cheap gates put in front of expensive patterns never hide a match (they are supersets),
and the rewritten scans match exactly what they replace.  Output identity on real and synthetic
corpora is checked outside the suite; these are the properties it rests on."""
import re
import string

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.corpus.decoding import _CONTROL
from pipeline.corpus.sanitising import _MAYBE_INVISIBLE, INVISIBLE
from pipeline.extract import dates, sentences
from pipeline.extract.procurements import mentions as procurements
from pipeline.extract.agreements.types import TYPE_CUE_WORDS, TYPE_CUES
from pipeline.extract.countries import matcher as country_matcher
from pipeline.extract.prefilter import fold
from pipeline.extract.trie import trie_regex

ALL = [chr(c) for c in range(0x110000)]


def test_fold_reads_every_case_insensitive_letter_as_its_ascii_lower_case():
    letters = re.compile("[a-z]", re.I)
    for c in ALL:
        if letters.fullmatch(c):
            lower = next(x for x in string.ascii_lowercase if re.fullmatch(x, c, re.I))
            assert fold(c) == lower, (hex(ord(c)), fold(c))


def test_folding_is_character_by_character():
    # so a sentence folded alone reads as it does inside its folded document
    text = "Dİe ſtrasse ıs K\u212aΣ İNTENT ΣΑΣ agreement"
    for i in range(len(text)):
        for j in range(i, len(text) + 1):
            piece = fold(text[i:j])
            for word in ("intent", "strasse", "is", "kk", "agreement", "die"):
                assert word not in piece or word in fold(text)


def test_control_class_is_the_old_character_test():
    allowed = frozenset("\t\n\r\f\v")
    for c in ALL:
        old = (c < " " and c not in allowed) or "\x7f" <= c <= "\x9f"
        assert old == bool(_CONTROL.match(c)), hex(ord(c))


def test_maybe_invisible_covers_invisible():
    assert not [c for c in ALL if INVISIBLE.match(c) and not _MAYBE_INVISIBLE.match(c)]


def test_alnum_class_is_str_isalnum():
    assert not [c for c in ALL if c.isalnum() != bool(sentences._ALNUM.match(c))]


FRAGMENTS = ["agreement", "Agreements", "treaty", "TREATIES", "accord", "according", "pact", "impact", "MoU", "MOUs",
             "memoranda of understanding", "LoI", "letters of intent", "Letter of Intent", "FTA", "CEPA", "free-trade deal",
             "joint statement", "Joint Leaders’ Declaration", "government-to-government", "G2G", "framework",
             "strategic partnership", "the", "These", "Those", "They", "It covers", "contracts", "the jets", "batch",
             "deliveries", "in", "on", "last", "next", "week", "month", "year", "Monday", "today", "YESTERDAY",
             "October", "Oct.", "Sept", "May", "27", "2025", "2025-10-27", "28.07.2022", "since", "mid-", "İ", "ı",
             "ſ", "\u212a", "-", "(", ")", ",", ".", "’"]
texts = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=5)), max_size=12).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_type_cue_gate_is_a_superset(text):
    from pipeline.extract.agreements.types import TYPE_WORDS
    for kind, pattern in TYPE_CUES:
        if pattern.search(text):
            assert TYPE_WORDS[kind].in_(fold(text)) and TYPE_CUE_WORDS.in_(fold(text)), (kind, text)


def test_required_words_are_read_from_the_pattern():
    from pipeline.extract.prefilter import required_words
    # every alternative's words; a word that contains another adds nothing ("sign" covers "signed")
    assert required_words(r"\b(?:signed|signs|sign|inked)\b") == ("inked", "sign")
    # of a sequence's parts the most selective: the run "put " < the branch < " signature"
    assert required_words(r"\bput (?:their|his) signatures? (?:to|on)\b") == (" signature",)
    # zero-width assertions keep the letters around them adjacent; a character class breaks a run
    assert required_words(r"road(?!s)map|defen[cs]e pact") == ("e pact", "roadmap")
    assert required_words(r"(?i:MoUs?)|LOI") == ("loi", "mou")
    # a repeat that may be absent requires nothing, one that repeats at least once its own words
    assert required_words(r"(?:tank)?(?:jets?)+") == ("jet",)
    with pytest.raises(ValueError):
        required_words(r"(?:tank)?\d+")
    with pytest.raises(ValueError):
        required_words(r"frigates?|")  # the empty alternative matches without any word


GATED = None


def _gated():
    """(gate, pattern, the pattern reads folded text) of every gate derived from its pattern."""
    global GATED
    if GATED is None:
        from pipeline.extract.agreements import mentions as agreements, types as agreement_types
        GATED = [(agreement_types.TYPE_WORDS[k], p, False) for k, p in agreement_types.TYPE_CUES]
        GATED += [(agreement_types._TOPIC_WORDS[t], p, False) for t, p in agreement_types._TOPICS]
        GATED.append((agreements._SIGN_VERB_WORDS, agreements._SIGN_VERB, True))
    return GATED


@settings(max_examples=400, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(FRAGMENTS + ["signed", "held talks", "put their signatures to", "ToT",
                                                       "technology transfer", "R&D", "South China Sea", "mutual defence",
                                                       "licensed production", "third-party markets"]),
                          st.text(max_size=4)), max_size=10).map(" ".join))
def test_derived_gates_are_supersets(text):
    folded = fold(text)
    for words, pattern, on_folded in _gated():
        if pattern.search(folded if on_folded else text):
            assert words.in_(folded), (words.words, pattern.pattern, text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_reference_gate_is_a_superset(text):
    if procurements._REFERENCE.search(fold(text)):
        folded = fold(text)
        assert folded.startswith(procurements._REFERENCE_STARTS) or procurements._REFERENCE_WORDS.in_(folded)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_date_gates_are_supersets(text):
    if dates.DATE_HINT.search(text):
        assert dates._has_hint(text)
    kinds = dates._possible_kinds(text)
    for kind, _ in dates._PATTERNS:
        if next(dates._matches(kind, text), None):
            assert kind in kinds, (kind, text)


NAMES = ["Korea", "South Korea", "Seoul", "Poland", "Polish", "US", "USA", "India", "Indian"]
names = st.lists(st.one_of(st.sampled_from(NAMES + ["-", "_", "x", " ", "\n", ".", "s"]), st.text(max_size=3)),
                 max_size=10).map("".join)


@settings(max_examples=400, deadline=None)
@given(names)
def test_trie_guard_behind_the_first_character_matches_like_a_leading_lookbehind(text):
    old = re.compile(r"(?<![\w-])(?:" + trie_regex(NAMES) + r")(?![\w])")
    new = re.compile(r"(?:" + trie_regex(NAMES, not_after=r"[\w-]") + r")(?![\w])")
    assert [m.span() for m in old.finditer(text)] == [m.span() for m in new.finditer(text)]


def test_country_matcher_uses_the_guarded_trie():
    pattern, _ = country_matcher()
    assert [m.group(0) for m in pattern.finditer("-Korea and Korea, x-Seoul, Seoul")] == ["Korea", "Seoul"]


def test_every_name_head_passes_the_cue_gate():
    from pipeline.extract.agreements.names import HEAD_WORDS
    from pipeline.extract.agreements.mentions import _CUE_WORDS, _DECLARATION_WORD
    for head in HEAD_WORDS.words:
        assert _CUE_WORDS.in_(fold(head)) or _DECLARATION_WORD.in_(fold(head)), head
    # and every type cue's word
    assert all(_CUE_WORDS.in_(w) for w in TYPE_CUE_WORDS.words)


def _stage_tables():
    """(stage, pattern, gate) of the agreement stages and of the procurement lexicon (stage_cues.csv)."""
    from pipeline.extract import status
    from pipeline.reference import reference_dir
    agreement = list(status._agr_table(str(reference_dir())))
    procurement = [(stage, cues.body, gate) for stage, cues, gate, _, _ in status._proc_table(str(reference_dir()))]
    return agreement + procurement


CUE_WORDS = sorted({w for _, _, gate in _stage_tables() for w in gate.words}
                   | {"will buy", "would order", "cancelled", "cancellation", "finalized", "Handed Over", "PLANS",
                      "possible foreign military sale", "came into force", "executive contract", "talked"})
cue_texts = st.lists(st.one_of(st.sampled_from(CUE_WORDS), st.sampled_from(FRAGMENTS), st.text(max_size=4)),
                     max_size=10).map(" ".join)


@settings(max_examples=600, deadline=None)
@given(cue_texts)
def test_stage_gates_are_supersets(text):
    for stage, pattern, gate in _stage_tables():
        if pattern.search(fold(text)):
            assert gate.in_(fold(text)), (stage, text)


def _stage_lexicon():
    from pipeline.extract import status
    from pipeline.reference import reference_dir, rows
    by_stage: dict[str, list[str]] = {}
    for row in rows("stage_cues.csv"):
        by_stage.setdefault(row["stage"], []).append(row["cue"])
    return [(by_stage[stage], cues) for stage, cues, _, _, _ in status._proc_table(str(reference_dir()))]


@settings(max_examples=600, deadline=None)
@given(cue_texts)
def test_cue_alternation_finds_what_the_named_group_alternation_finds(text):
    # CueAlternation(cues) is finditer of \b(?:(?P<c0>cue0)|(?P<c1>cue1)|...)\b, with k the group's index
    folded = fold(text)
    for sources, cues in _stage_lexicon():
        named = re.compile(r"\b(?:" + "|".join(f"(?P<c{k}>{c})" for k, c in enumerate(sources)) + r")\b", re.I)
        expected = [(m.start(), m.end(), int(m.lastgroup[1:])) for m in named.finditer(text)]
        assert list(cues.finditer(folded)) == expected, text


def test_cue_alternation_reports_which_cue_matched_and_only_at_word_starts():
    from pipeline.extract.prefilter import CueAlternation
    cues = CueAlternation(["sign(?:ed)?", "signed a deal", "deal"])
    # the first alternative that matches wins, as in an alternation; "designed" holds no word start
    assert list(cues.finditer("they signed a deal, redesigned")) == [(5, 11, 0), (14, 18, 2)]
    assert list(cues.finditer("designed")) == []


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(["a", "\n", " ", "bc", "\n\n", "\r", "\r\n", "é"]), max_size=14).map("".join))
def test_split_lines_fast_path_splits_like_the_regex(raw):
    from pipeline.corpus.lines import split_lines
    pos, want = 0, []
    for m in re.finditer(r"\r\n|\r|\n", raw):
        want.append((pos, m.start(), m.end(), raw[pos:m.start()]))
        pos = m.end()
    if pos < len(raw):
        want.append((pos, len(raw), len(raw), raw[pos:]))
    assert [(ln.start, ln.end, ln.stop, ln.text) for ln in split_lines(raw)] == want


MASK_AND_TOPIC_WORDS = ["not", "no", "never", "yet", "yet to", "without", "n't", "has not yet been", "talks on the",
                        "negotiations over a", "denied", "denies", "rejected", "refused", "blocked the", "permits",
                        "handed the signed letter", "hands over", "deliveries are expected to begin", "delivery",
                        "contract", "deal", "signed", "order", "purchase", "defence industry", "defense-industrial",
                        "arms sales", "buying", "jointly develop", "R&D", "co-production", "ToT", "technology sharing",
                        "third-country markets", "certification", "mutually recognise", "training", "exercises",
                        "maritime domain", "Coast Guard", "South China Sea", "cyber", "AI", "tariffs", "rare earths",
                        "semiconductors", "green transition", "climate", "defence ties", "mutual defense"]
mask_texts = st.lists(st.one_of(st.sampled_from(MASK_AND_TOPIC_WORDS), st.sampled_from(FRAGMENTS),
                                st.text(max_size=4)), max_size=10).map(" ".join)


@settings(max_examples=600, deadline=None)
@given(mask_texts)
def test_mask_and_topic_gates_are_supersets(text):
    from pipeline.extract.agreements import types as agreement_types
    from pipeline.extract.procurements import cues as procurement_cues
    masked = text
    for pattern, words in procurement_cues._MASKS:
        if pattern.search(masked):
            assert words.in_(fold(text)), (pattern.pattern[:40], text)
        masked = pattern.sub(procurement_cues._blank, masked)
    for topic, pattern in agreement_types._TOPICS:
        if pattern.search(text):
            assert agreement_types._TOPIC_WORDS[topic].in_(fold(text)), (topic, text)


SIGN_FRAGMENTS = ["signed", "SIGNS", "co-signing", "inked", "sealed", "concluded", "reached", "held", "met", "metal",
                  "formalized", "formalised", "elevated", "raised", "upgraded", "announced", "launched", "issued",
                  "endorsed", "adopted", "unveiled", "exchanged", "agreed", "established", "\u017figned", "\u212a",
                  "İ", "ı", "the", "on", "2025", "Monday", ".", ","]
sign_texts = st.lists(st.one_of(st.sampled_from(SIGN_FRAGMENTS), st.text(max_size=5)), max_size=10).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(sign_texts)
def test_sign_verb_gate_is_a_superset(text):
    from pipeline.extract.agreements.mentions import _SIGN_VERB, _SIGN_VERB_WORDS
    if _SIGN_VERB.search(text):
        assert _SIGN_VERB_WORDS.in_(fold(text)), text


def test_sign_verb_gate_covers_every_alternative():
    # each alternative of the pattern, in every case the pattern accepts, passes the gate
    from pipeline.extract.agreements.mentions import _SIGN_VERB, _SIGN_VERB_WORDS
    # the two phrase alternatives, written out once each, then every plain word
    phrases = {r"(?:visit|talks|summit|meeting|dialogue|round|trip|session) (?:also )?(?:produced|yielded)":
               "visit produced|talks also yielded|summit yielded",
               r"put (?:their|his|her|its) signatures? (?:to|on)": "put their signatures to|put its signature on"}
    pattern = _SIGN_VERB.pattern
    for phrase, examples in phrases.items():
        assert phrase in pattern, phrase
        pattern = pattern.replace(phrase, examples)
    words = re.sub(r"\\b|\(\?:|\)", "", pattern).replace("formali[sz]ed", "formalised|formalized")
    for w in words.split("|"):
        assert _SIGN_VERB.fullmatch(w), w
        for variant in (w, w.upper(), w.title(), w.replace("s", "\u017f"), w.replace("i", "İ")):
            if _SIGN_VERB.fullmatch(variant):
                assert _SIGN_VERB_WORDS.in_(fold(variant)), variant


def test_fold_makes_an_ascii_letter_only_of_what_ignorecase_matches_to_it():
    # with test_fold_reads_every_case_insensitive_letter_as_its_ascii_lower_case: fold(c) == x
    # exactly when re.IGNORECASE matches the letter x to c (prefilter.folded_pattern)
    for c in ALL:
        f = fold(c)
        assert len(f) == 1, hex(ord(c))
        if f in string.ascii_lowercase:
            assert re.fullmatch(f, c, re.I), hex(ord(c))


def test_fold_keeps_word_digit_and_space_classes():
    classes = [re.compile(r"\w"), re.compile(r"\d"), re.compile(r"\s")]
    for c in ALL:
        f = fold(c)
        for cls in classes:
            assert bool(cls.match(c)) == bool(cls.match(f)), (hex(ord(c)), cls.pattern)


def _folded_patterns():
    import importlib
    import pkgutil

    import pipeline.extract
    from pipeline.extract.prefilter import FOLDED_PATTERNS
    for m in pkgutil.walk_packages(pipeline.extract.__path__, "pipeline.extract."):  # subpackages too
        importlib.import_module(m.name)
    return list(FOLDED_PATTERNS.items())


PATTERN_WORDS = sorted({w for source, _ in _folded_patterns() for w in re.findall(r"[A-Za-z]{2,}", source)})
folded_texts = st.lists(st.one_of(st.sampled_from(PATTERN_WORDS), st.sampled_from(FRAGMENTS),
                                  st.sampled_from(["İ", "ı", "ſ", "\u212a", "Σ", "É", "—", " ", ", ", ". ", "\n", "-"]),
                                  st.text(max_size=3)),
                        max_size=12).map(lambda parts: " ".join(p if i % 3 else p.upper() for i, p in enumerate(parts)))


def test_folded_patterns_are_registered():
    sources = [source for source, _ in _folded_patterns()]
    assert len(sources) >= 10 and any("signed" in s for s in sources)


def _assert_twins_agree(text):
    from pipeline.extract.prefilter import folded_sub
    folded = fold(text)
    for source, twin in _folded_patterns():
        original = re.compile(source, re.I)
        assert [m.span() for m in original.finditer(text)] == [m.span() for m in twin.finditer(folded)], (source, text)
        assert original.sub("#", text) == folded_sub(twin, "#", text, folded), (source, text)


@settings(max_examples=1500, deadline=None)
@given(folded_texts)
def test_folded_patterns_match_as_their_ignorecase_originals(text):
    _assert_twins_agree(text)


def _seed_sentences():
    from pathlib import Path

    from pipeline.extract.sentences import split_sentences
    root = Path(__file__).resolve().parents[1] / "seeds"
    return [s.text for f in sorted(root.glob("*.txt")) for s in split_sentences(f.read_text(encoding="utf-8"))]


# characters IGNORECASE matches to ASCII letters, and case changes, put into real sentences
_CONFUSABLE = {"i": ["İ", "ı", "I"], "s": ["ſ", "S"], "k": ["\u212a", "K"]}


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(_seed_sentences()), st.randoms(use_true_random=False))
def test_folded_patterns_match_as_their_originals_on_real_sentences(sentence, rnd):
    chars = []
    for c in sentence:
        r = rnd.random()
        if r < 0.05 and c.lower() in _CONFUSABLE:
            chars.append(rnd.choice(_CONFUSABLE[c.lower()]))
        elif r < 0.3:
            chars.append(c.swapcase())
        else:
            chars.append(c)
    _assert_twins_agree(sentence)
    _assert_twins_agree("".join(chars))


DATE_PIECES = ["27", "2025", "1999", "1949", "3", "31", "45", "2025-10-27", "28.07.2022", "4/7/2021", "October", "Oct.",
               "Sept", "Sep", "May", "Monday", "in", "since", "mid-", "last", "this", "next", "previous", "earlier this",
               "week", "month", "year", "today", "yesterday", "st", "th", "of", "per", "%", "s", "-", "–", "/", ".", ",",
               "x", "K", "_", " ", "  ", "\n", "é"]
date_texts = st.lists(st.one_of(st.sampled_from(DATE_PIECES), st.text(max_size=2)), max_size=14).flatmap(
    lambda parts: st.sampled_from(["", " "]).map(lambda sep: sep.join(parts)))


@settings(max_examples=1500, deadline=None)
@given(date_texts)
def test_date_patterns_match_as_their_plain_forms(text):
    # _AtWordStart(body) is finditer of \b + body; _DAY is [0-3]?\d; the year's look-behind moved
    plain_day = r"[0-3]?\d"
    for kind, pattern in dates._PATTERNS:
        if kind == "year":
            plain = re.compile(r"(?<![\d/.-])(?P<y>(?:19[5-9]\d|20\d\d))(?![\d/%-]|s\b|\.\d|\s*(?:-|–)\s*\d)")
            assert [m.span() for m in pattern.finditer(text)] == [m.span() for m in plain.finditer(text)], text
            continue
        plain = re.compile(r"\b" + pattern.body.pattern.replace(dates._DAY, plain_day))
        for t in (text, fold(text)):
            got = [(m.span(), m.groupdict()) for m in pattern.finditer(t)]
            assert got == [(m.span(), m.groupdict()) for m in plain.finditer(t)], (kind, t)


def test_day_pattern_is_zero_to_three_then_a_digit():
    import itertools
    day, plain = re.compile(dates._DAY), re.compile(r"[0-3]?\d")
    for n in range(1, 5):
        for chars in itertools.product("0123459a ", repeat=n):
            text = "".join(chars)
            for pos in range(len(text) + 1):
                assert ([m.span() for m in day.finditer(text, pos)] == [m.span() for m in plain.finditer(text, pos)]
                        and bool(day.fullmatch(text)) == bool(plain.fullmatch(text))), text


def test_no_bullet_character_is_alphanumeric():
    # sentences._emit skips the bullet search for a segment that starts with a letter or digit
    assert not [c for c in ALL if c.isalnum() and sentences._BULLET_AT.match(c)]


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet="ab .!?:;\"'”’)\n\t", max_size=10))
def test_ends_a_sentence_is_the_final_stop_pattern(text):
    # the string tests give what the pattern they replace gives
    from pipeline.extract.agreements.layout import ends_a_sentence
    final_stop = re.compile(r"(?:[.!?:;]|[.!?][\"'”’)]+)\s*$")
    assert ends_a_sentence(text) == bool(final_stop.search(text))


def _resolve_by_walking(name):
    # resolve's family search as it was: every gazetteer name the key extends, the longest wins
    from pipeline.extract.systems import _gazetteer, extends_family, norm_system
    by_norm = _gazetteer()[2]
    key = norm_system(name)
    if key in by_norm:
        return by_norm[key]
    best = None
    for n, entry in by_norm.items():
        if extends_family(key, n) and (best is None or len(n) > len(best[0])):
            best = (n, entry)
    return best[1] if best else None


def _gazetteer_names():
    from pipeline.extract.systems import _gazetteer
    return sorted(_gazetteer()[1])


@settings(max_examples=600, deadline=None)
@given(st.one_of(st.sampled_from(_gazetteer_names()), st.text(alphabet="AFKMS-019 ", max_size=6)),
       st.text(alphabet="ABEQ0129-/ ", max_size=4))
def test_resolve_by_prefixes_finds_what_the_gazetteer_walk_finds(name, tail):
    # systems.resolve looks the key's own prefixes up instead of walking every gazetteer name
    from pipeline.extract.systems import resolve
    for written in (name, name + tail, tail + name):
        assert resolve.__wrapped__(written) == _resolve_by_walking(written), written


@settings(max_examples=600, deadline=None)
@given(st.text(alphabet=" \t\n.)-•·*–12a", max_size=8))
def test_item_mark_length_gate_is_a_superset(text):
    # agreement_layout.headlines matches ITEM_MARK only on sentences of at most three characters after blanks
    from pipeline.extract.agreements.layout import ITEM_MARK
    if ITEM_MARK.fullmatch(text + " "):
        assert len(text.lstrip(" \t")) <= 3, text


@settings(max_examples=400, deadline=None)
@given(st.lists(texts, max_size=4), st.lists(st.sampled_from(["Agreement", "Pact", "the Treaty of X", "Accord"]), max_size=2))
def test_acronym_head_word_document_gate_is_a_superset(sentences, heads):
    # agreement_names.acronym_registry reads no sentence when the joined document has no head word
    from pipeline.extract.agreements.names import HEAD_WORDS
    sentences = sentences + heads
    if any(HEAD_WORDS.in_(s) for s in sentences):
        assert HEAD_WORDS.in_("\n".join(sentences))


SET_FRAGMENTS = ["signed", "Signed", "exchanged", "concluded", "inked", "were", "was", "have been", "also", "two", "12",
                 "several", "a number of", "documents", "agreements", "MoUs", "instruments", "deals", "new", ".", ";"]


@settings(max_examples=600, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(SET_FRAGMENTS), st.text(max_size=3)), max_size=12).map(" ".join))
def test_set_signed_gate_is_a_superset(text):
    from pipeline.extract.agreements.mentions import _SET_SIGNED, _SET_VERBS
    if _SET_SIGNED.search(fold(text)):
        assert _SET_VERBS.in_(fold(text)), text


@settings(max_examples=400, deadline=None)
@given(cue_texts)
def test_a_large_gate_answers_as_the_word_by_word_test(text):
    from pipeline.extract.prefilter import Keywords
    folded = fold(text)
    for _, _, gate in _stage_tables():
        assert gate.in_(folded) == any(w in folded for w in gate.words), text
    large = Keywords(*CUE_WORDS)
    assert not hasattr(large.in_, "__self__")  # the automaton (a closure), not the word loop (a method)
    assert large.in_(folded) == any(w in folded for w in CUE_WORDS)

"""Lone CR line endings (old Mac files) are line breaks, like LF and CRLF (issue 12, part 6).

Invented articles. The sentence splitter and the extractor break lines on LF only: the
cleaned text reads each lone CR as LF, so the headline stays a sentence of its own."""
from pipeline.corpus import clean_text, read_document
from pipeline.extract.sentences import split_sentences

TITLE = "Ruritania orders four patrol boats"
BODY = ["PORT ELAN, June 2, 2025 - Ruritania signed a contract on Monday for four patrol boats worth $80 million.",
        "The boats will be built at a local yard, the navy said."]


def _same(raw_char: str, clean_char: str) -> bool:  # cleaning.same_char, spelt out
    return raw_char == clean_char or (raw_char, clean_char) == ("\r", "\n")


def _article(eol: str) -> str:
    return eol.join([TITLE, "", *BODY, ""])


def test_cr_only_title_does_not_run_into_the_first_sentence():
    doc = read_document("mac.txt", _article("\r").encode("utf-8"))
    assert doc.title == TITLE
    sentences = [s.text for s in split_sentences(doc.text)]
    assert sentences[0] == TITLE
    assert sentences[1] == BODY[0]
    assert "\r" not in doc.text


def test_cr_only_text_reads_like_the_lf_text_with_the_same_offsets():
    raw = _article("\r")
    doc = read_document("mac.txt", raw.encode("utf-8"))
    assert doc.text == read_document("unix.txt", _article("\n").encode("utf-8")).text
    assert all(_same(raw[doc.to_raw(i)], c) for i, c in enumerate(doc.text))


def test_crlf_is_kept_as_it_is():
    raw = _article("\r\n")
    assert clean_text(raw).text == raw


def test_a_lone_cr_is_decided_in_the_raw_text():
    # the CR line "x" ends is lone; the removed share bar puts the next kept LF right after it
    raw = f"{TITLE}\r\r{BODY[0]}\rShare this\n\n{BODY[1]}\n"
    text = clean_text(raw).text
    assert "\r" not in text
    assert [s.text for s in split_sentences(text)][:2] == [TITLE, BODY[0]]

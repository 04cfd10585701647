"""Is an article in English? The extractor reads English only, so any other article is refused
(``unsupported_language``) with the script or language named, rather than read as noise or
refused for a reason that is not the real one.

A cheap, deterministic heuristic, nothing downloaded: the script of the letters first (most of
them outside the Latin script: not English), then, for Latin-script text, the share of common
English function words ("the", "of", "and"...): about a quarter of the words of English news,
a few per cent of French, Spanish, German or Indonesian, which share at most "a", "in", "on".
Too short a text is not judged (it is read, or refused for another reason).
"""
from __future__ import annotations

import re
import unicodedata

from .sanitising import unusual_chars

SAMPLE_CHARS = 20_000  # the script is judged on the first characters only: bounded for a huge file
WORD_SAMPLE_CHARS = 2_000  # the words, on fewer: a few hundred words are plenty
SCRIPT_LETTERS_MIN = 20  # fewer letters than this: the script is not judged
NON_LATIN_SHARE_MIN = 0.5  # more of the letters than this in another script: not English
WORDS_MIN = 30  # fewer Latin words than this: the language is not judged
ENGLISH_SHARE_MIN = 0.08  # fewer English function words than this share of the words: not English

# English function words that French, Spanish, German, Indonesian... do not use ("a", "in", "on"
# and "as" are words of some of them, so they are left out)
_ENGLISH = frozenset(
    "the of and to is was for that with by at from it its has have be are were said will an which this "
    "or not but their been after would also than who".split()
)
# a few frequent words of the Latin-script languages a defence-news corpus is likely to hold, to
# name the language in the message (not to decide it)
_OTHERS = {
    "French": "le la les des du un une et est pour dans au avec qui sur par que pas",
    "Spanish": "el la los las del un una y es para con por que se en su al",
    "Portuguese": "o os as da do das dos um uma e para com por que em no na ao",
    "German": "der die das und ist nicht mit von den dem ein eine zu auf des sich",
    "Italian": "il lo la gli le del della di e per con che un una non sono",
    "Dutch": "de het een en van is niet met voor op dat zijn die te",
    "Indonesian or Malay": "yang dan di ke dari untuk dengan ini itu dalam akan pada tidak adalah",
    "Polish": "i w z na nie do się jest że o od po dla to",
    "Turkish": "ve bir bu ile için da de olarak olan gibi daha çok",
}
_OTHERS_SETS = {lang: frozenset(words.split()) for lang, words in _OTHERS.items()}
_WORD = re.compile(r"[^\W\d_]+")
_LETTER = re.compile(r"[^\W\d_]")
_ASCII_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# script names as they start Unicode character names, and what to call them in a message
_SCRIPT_NAMES = {
    "CJK": "Han (Chinese or Japanese)", "HIRAGANA": "Japanese kana", "KATAKANA": "Japanese kana",
    "HANGUL": "Hangul (Korean)", "CYRILLIC": "Cyrillic", "ARABIC": "Arabic", "HEBREW": "Hebrew",
    "GREEK": "Greek", "THAI": "Thai", "DEVANAGARI": "Devanagari",
}


def _script(letter: str) -> str:
    """The script of a letter, from the first word of its Unicode name ("LATIN", "CJK"...)."""
    name = unicodedata.name(letter, "")
    return name.split(" ", 1)[0] if name else "UNKNOWN"


def unsupported_language(text: str, *, by_words: bool = True) -> str | None:
    """None when ``text`` is English or too short to judge; else why not, for a person.

    ``by_words=False``: judge the script only (for a raw text whose every line is boilerplate,
    where a menu of English labels has no function words either)."""
    sample = text[:SAMPLE_CHARS]
    # ASCII letters counted on bytes, names looked up for the few other letters only: an English
    # article costs two fast scans
    data = sample.encode("utf-8", "surrogatepass")
    n_ascii = len(data) - len(data.translate(None, _ASCII_LETTERS))
    others = _LETTER.findall(unusual_chars(sample))
    n_letters = n_ascii + len(others)
    if n_letters < SCRIPT_LETTERS_MIN:
        return None
    scripts: dict[str, int] = {}
    if len(others) > NON_LATIN_SHARE_MIN * n_letters:  # else the non-Latin ones cannot be a majority
        for c in others:
            s = _script(c)
            scripts[s] = scripts.get(s, 0) + 1
    n_other_scripts = sum(n for s, n in scripts.items() if s != "LATIN")
    if n_other_scripts > NON_LATIN_SHARE_MIN * n_letters:
        top = max(sorted(s for s in scripts if s != "LATIN"), key=scripts.__getitem__)  # ties: by name
        script = _SCRIPT_NAMES.get(top, top.title())
        return (f"the text is not English: {n_other_scripts:,} of its {n_letters:,} letters are not Latin, "
                f"most of them {script}; the extractor reads English only")
    if not by_words:
        return None
    low = sample[:WORD_SAMPLE_CHARS].lower()
    tokens = low.split()
    n_words = len(tokens)
    if n_words < WORDS_MIN:
        return None
    # whitespace-separated tokens, not regex words (several times slower on every article):
    # "said," is not "said", a few words are missed, alike in every language
    n_english = sum(map(_ENGLISH.__contains__, tokens))
    if n_english >= ENGLISH_SHARE_MIN * n_words:
        return None
    words = _WORD.findall(low)  # the rare non-English article: name its language
    counts = {lang: sum(w in vocab for w in words) for lang, vocab in _OTHERS_SETS.items()}
    best = max(sorted(counts), key=counts.__getitem__)
    language = best if counts[best] >= ENGLISH_SHARE_MIN * len(words) else "a language other than English"
    return (f"the text is not English: {n_english} of its {n_words:,} words are common English words; "
            f"it looks like {language}; the extractor reads English only")
